package org.nta.app.ssh;

/**
 * Limits of the SSH banner reader; the search for a banner reads at most
 * {@code (maxPreBannerLines + 1) * maxLineLength} bytes per direction and buffers one line.
 *
 * @param maxPreBannerLines lines a server may send before its identification string (OpenSSH accepts 1024);
 *                          more is counted as {@code ssh.pre_banner_limit} and the search stops
 * @param maxLineLength     longest line, CR LF included (RFC 4253 allows 255 for the identification string);
 *                          longer is counted as {@code ssh.line_too_long} and the search stops
 */
public record SshConfig(int maxPreBannerLines, int maxLineLength) {
    public static final SshConfig DEFAULTS = new SshConfig(1024, 1024);

    public SshConfig {
        if (maxPreBannerLines < 0) throw new IllegalArgumentException("maxPreBannerLines must not be negative");
        if (maxLineLength < 8) throw new IllegalArgumentException("maxLineLength must be at least 8");
    }
}
