package org.nta.app.ftp;

import java.util.Locale;

/**
 * Tells an FTP control connection by its first bytes, on any port: the server's greeting (a 220 reply naming FTP, or
 * any 220 / 120 reply on port 21) or a client command only FTP has ({@code USER} except on POP3's ports,
 * {@code AUTH TLS}, {@code FEAT}, {@code SYST} …). A 220 greeting naming SMTP is left to the mail parsers.
 */
public final class FtpDetect {
    private static final String[] CLIENT = {"USER ", "AUTH TLS", "AUTH SSL", "FEAT\r", "SYST\r", "OPTS UTF8", "PASV\r",
            "EPSV\r", "PORT ", "EPRT ", "TYPE ", "PWD\r", "XPWD\r"};

    private FtpDetect() {}

    public static boolean looksLikeFtp(byte[] b, int off, int len, boolean fromClient, int serverPort) {
        if (len < 4) return false;
        if (fromClient) {
            String head = new String(b, off, Math.min(len, 12), java.nio.charset.StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
            for (String c : CLIENT) {
                if (!head.startsWith(c)) continue;
                return !c.equals("USER ") || serverPort != 110 && serverPort != 995 && serverPort != 143;
            }
            return false;
        }
        boolean greeting = (b[off] == '2' && b[off + 1] == '2' || b[off] == '1' && b[off + 1] == '2') && b[off + 2] == '0'
                && (b[off + 3] == ' ' || b[off + 3] == '-');
        if (!greeting) return false;
        String head = new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        int eol = head.indexOf('\n');
        String first = eol < 0 ? head : head.substring(0, eol);
        if (first.contains("SMTP") || first.contains(" MAIL") || first.contains("POSTFIX") || first.contains("EXIM")) return false;
        return first.contains("FTP") || serverPort == 21;
    }
}
