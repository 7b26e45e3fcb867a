package org.nta.app.mail;

import java.util.Locale;

import org.nta.decode.Proto;

/**
 * Recognises SMTP, POP3 and IMAP from a connection's first bytes, on any port: the server's greeting ({@code 220 …
 * ESMTP}, {@code +OK}, {@code * OK}) or the client's first command ({@code EHLO}/{@code HELO}, an IMAP tag and
 * command, a POP3-only command). A 220 greeting that names no mail software waits for the client's command, since
 * FTP greets with 220 too.
 */
public final class MailDetect {
    private MailDetect() {}

    private static final String[] IMAP_FIRST = {"CAPABILITY", "LOGIN", "AUTHENTICATE", "STARTTLS", "NOOP", "ID",
            "SELECT", "EXAMINE", "LOGOUT", "ENABLE", "LIST", "STATUS"};

    /** The protocol these first bytes of one direction speak, or null (not mail, or not enough bytes yet). */
    public static Proto recognise(byte[] b, int off, int len, boolean fromClient, int serverPort) {
        if (len < 3) return null;
        String head = firstLine(b, off, len);
        return fromClient ? client(head, serverPort) : server(head, serverPort);
    }

    private static Proto server(String line, int port) {
        boolean smtpPort = port == 25 || port == 587 || port == 2525;
        if ((line.startsWith("220 ") || line.startsWith("220-") || line.startsWith("554 ")) && (smtpPort || mentionsSmtp(line))) return Proto.SMTP;
        if (line.startsWith("+OK") && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '\r')) return Proto.POP;
        if (line.startsWith("* OK") || line.startsWith("* PREAUTH") || line.startsWith("* BYE")) {
            int n = line.startsWith("* OK") ? 4 : line.startsWith("* BYE") ? 5 : 9;
            if (line.length() == n || line.charAt(n) == ' ' || line.charAt(n) == '\r') return Proto.IMAP;
        }
        return null;
    }

    private static boolean mentionsSmtp(String line) {
        String u = line.toUpperCase(Locale.ROOT);
        return u.contains("SMTP") || u.contains("POSTFIX") || u.contains("EXIM") || u.contains("SENDMAIL")
                || u.contains("MAIL SERVICE") || u.contains("MAIL SERVER");
    }

    private static Proto client(String line, int serverPort) {
        String u = line.toUpperCase(Locale.ROOT);
        if ((u.startsWith("EHLO ") || u.startsWith("HELO ") || u.startsWith("LHLO ")) && complete(line)) return Proto.SMTP;
        if (u.startsWith("CAPA\r") || u.startsWith("CAPA\n") || u.startsWith("STLS\r") || u.startsWith("APOP ")) return Proto.POP;
        if (u.startsWith("USER ") && (serverPort == 110 || serverPort == 995)) return Proto.POP;
        int sp = u.indexOf(' ');
        if (sp > 0 && sp <= 32 && isTag(u, sp)) {
            for (String c : IMAP_FIRST) {
                int e = sp + 1 + c.length();
                if (u.startsWith(c, sp + 1) && u.length() > e && (u.charAt(e) == ' ' || u.charAt(e) == '\r' || u.charAt(e) == '\n')) return Proto.IMAP;
            }
        }
        return null;
    }

    private static boolean complete(String line) {
        return line.indexOf('\n') >= 0;
    }

    /** An IMAP tag: ASTRING-CHARs without '+' (RFC 3501). */
    private static boolean isTag(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "(){%*\"\\]+".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** The bytes up to and including the first LF (all of them when there is none), as ISO-8859-1. */
    private static String firstLine(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && b[off + n] != '\n') n++;
        if (n < len) n++;
        return new String(b, off, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Which side sent these bytes, for a connection picked up without its handshake: 1 client, 2 server, 0 unknown. */
    public static int side(byte[] b, int off, int len) {
        if (len < 3) return 0;
        String line = firstLine(b, off, len);
        if (server(line, 0) != null) return 2;
        String u = line.toUpperCase(Locale.ROOT);
        if (u.startsWith("EHLO ") || u.startsWith("HELO ")) return 1;
        return 0;
    }
}
