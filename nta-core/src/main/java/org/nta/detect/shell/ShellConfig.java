package org.nta.detect.shell;

/**
 * Thresholds and bounds of the upload, web shell and shell detectors. Every bound caps memory or work; what does not
 * fit is dropped, counted, and the count is reported in the evidence of the findings concerned
 * ({@code dropped_*} keys).
 *
 * @param maxUploads             uploaded files remembered per detector (to find where they landed and the web shell
 *                               they installed)
 * @param maxCandidates          HTTP exchanges remembered as possible web shell commands
 * @param maxSessions            text TCP sessions (unrecognised connections that carry text) remembered for shell
 *                               analysis
 * @param maxConnections         TCP connections (not HTTP) remembered to match a reverse shell payload to the
 *                               connection it opened
 * @param maxPayloads            reverse and bind shell payloads remembered
 * @param maxScanChars           characters of one request (URI, parameters, body, headers) searched for shell payloads
 * @param outputExcerptChars     characters of a web shell response kept as the command's output
 * @param transcriptOutputChars  characters of output kept per command typed in an interactive shell
 * @param maxTranscriptCommands  commands of one interactive shell listed in its transcript (the count says how many
 *                               there were in all)
 * @param maxTypedLineChars      a line longer than this is not something a person typed
 * @param minShellCommands       typed command lines an unrecognised connection needs (with shell output coming back)
 *                               to be called an interactive shell when no payload announced it
 * @param minTextRatio           share of printable bytes each direction of a connection needs to be looked at as a
 *                               possible shell (0..1)
 * @param triggerWindowSec       longest delay between a payload and the connection it opens
 * @param connectWaitSec         a payload whose connection never shows up counts as failed only when the capture went
 *                               on at least this long after it
 * @param reportBenignUploads    report uploads that carry nothing executable, as INFO context
 */
public record ShellConfig(int maxUploads, int maxCandidates, int maxSessions, int maxConnections, int maxPayloads,
                          int maxScanChars, int outputExcerptChars, int transcriptOutputChars,
                          int maxTranscriptCommands, int maxTypedLineChars, int minShellCommands, double minTextRatio,
                          long triggerWindowSec, long connectWaitSec, boolean reportBenignUploads) {
    public static final ShellConfig DEFAULTS = new ShellConfig(10_000, 50_000, 20_000, 200_000, 10_000, 65_536, 1024,
            512, 500, 1024, 2, 0.9, 300, 10, true);

    public ShellConfig {
        if (maxUploads < 0 || maxCandidates < 0 || maxSessions < 0 || maxConnections < 0 || maxPayloads < 0)
            throw new IllegalArgumentException("negative bound");
        if (maxScanChars <= 0 || outputExcerptChars <= 0 || transcriptOutputChars <= 0 || maxTranscriptCommands <= 0
                || maxTypedLineChars <= 0) throw new IllegalArgumentException("non-positive size");
        if (minShellCommands < 1) throw new IllegalArgumentException("minShellCommands < 1");
        if (minTextRatio < 0 || minTextRatio > 1) throw new IllegalArgumentException("minTextRatio not in 0..1");
        if (triggerWindowSec <= 0 || connectWaitSec < 0)
            throw new IllegalArgumentException("bad time bound");
    }

    public long triggerWindowNs() {
        return triggerWindowSec * 1_000_000_000L;
    }

    public long connectWaitNs() {
        return connectWaitSec * 1_000_000_000L;
    }
}
