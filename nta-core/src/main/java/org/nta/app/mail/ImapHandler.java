package org.nta.app.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.MailCommand;
import org.nta.event.MailReply;

/**
 * IMAP4 (RFC 3501, 9051): tagged commands (atoms, quoted strings and literals {n} / {n+} in both directions, read
 * by count whatever their size, kept within limits) and their tagged OK/NO/BAD, untagged responses, LOGIN,
 * AUTHENTICATE PLAIN / LOGIN / CRAM-MD5 / XOAUTH2 with "+" continuations, SELECT/EXAMINE, message bodies fetched
 * whole (BODY[], RFC822, BINARY[]) and APPENDed as messages. After an accepted STARTTLS the rest is TLS.
 */
public final class ImapHandler extends MailSession {
    /** A literal that ends a segment of a line: {n} or {n+} (LITERAL+), {@code ~{n}} (BINARY). */
    private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d{1,40})\\+?\\}$");
    /** Fetch items whose literal is a whole message. */
    private static final Pattern WHOLE = Pattern.compile("(?i)(?:BODY\\[\\]|BINARY\\[\\]|RFC822)(?:<\\d+>)?\\s*~?\\{\\d+\\}$");

    private record Pending(String tag, String command, List<String> args, long frame, long timeNs) {}

    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private boolean tls, greeted;
    private String user;
    private String mailbox;
    private SaslExchange auth;
    private String authName;
    private String authTag;
    private boolean authAwaitingClient;

    // the client command being read (it continues after each literal)
    private List<String> cmdTokens;
    private String firstLine;
    private long cmdFrame, cmdTimeNs;
    private StringBuilder literal;
    private long literalLen;
    private MessageBuffer upload;

    // the server response being read
    private boolean responseContinues;
    private MessageBuffer download;

    public ImapHandler(ConnInfo conn, MailConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        super(conn, "imap", config, anomalies, sink);
        lines(LineReader.textLines(anomalies, this::clientLine, this::clientLiteral),
                LineReader.textLines(anomalies, this::serverLine, this::serverLiteral));
    }

    @Override
    protected boolean reading() {
        return !tls;
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        if (tls) return;
        if (fromClient) {
            client.reset();
            if (upload != null) {
                upload.incomplete = true;
                emitUpload(frame, timeNs);
            }
            cmdTokens = null;
            cmdReported = false;
            literal = null;
        } else {
            server.reset();
            if (download != null) {
                download.incomplete = true;
                emitDownload(frame, timeNs);
            }
            responseContinues = false;
        }
    }

    @Override
    public void onClose(long frame, long timeNs) {
        flushLines(frame, timeNs);
        if (upload != null) {
            upload.incomplete = true;
            emitUpload(frame, timeNs);
        }
        if (download != null) {
            download.incomplete = true;
            emitDownload(frame, timeNs);
        }
        for (Pending p : pending.values()) {
            if (p.command().equals("LOGIN")) login(p, null, frame, timeNs);
        }
        pending.clear();
        if (auth != null) finishAuth(null, "", frame, timeNs);
        tls = true;
    }

    // ---- client

    private void clientLine(String line, long frame, long timeNs) {
        if (cmdTokens == null) {
            if (auth != null && authAwaitingClient) {
                authAwaitingClient = false;
                auth.response(line, frame, timeNs);
                return;
            }
            cmdTokens = new ArrayList<>();
            firstLine = line;
            cmdFrame = frame;
            cmdTimeNs = timeNs;
        }
        Matcher m = LITERAL.matcher(line);
        boolean first = cmdTokens.isEmpty() && !cmdReported;
        if (m.find()) { // the command goes on after the literal's bytes
            tokenize(line.substring(0, m.start()), cmdTokens);
            if (first) report(frame, timeNs);
            long n = size(m.group(1));
            startClientLiteral(n, frame);
            if (n == 0) endClientLiteral(frame, timeNs);
            return;
        }
        tokenize(line, cmdTokens);
        if (first) report(frame, timeNs);
        command(frame, timeNs);
    }

    /**
     * Reports the command on the frame of its first line, as Wireshark shows it (a command with literals completes
     * in a later frame): tag, command and the rest of that line as sent.
     */
    private void report(long frame, long timeNs) {
        if (cmdTokens.size() < 2) return;
        cmdReported = true;
        String line = firstLine;
        int start = line.indexOf(' ');
        while (start >= 0 && start + 1 < line.length() && line.charAt(start + 1) == ' ') start++;
        int second = start < 0 ? -1 : line.indexOf(' ', start + 1);
        String param = second < 0 ? "" : line.substring(second + 1);
        sink.accept(new MailCommand(frame, timeNs, conn, "imap", cmdTokens.get(0), cmdTokens.get(1), param));
    }

    private boolean cmdReported;

    private static long size(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private void startClientLiteral(long n, long frame) {
        literalLen = n;
        if (cmdTokens.size() >= 3 && "APPEND".equalsIgnoreCase(cmdTokens.get(1))) {
            upload = new MessageBuffer(config.maxMessageBytes(), frame);
            literal = null;
        } else {
            literal = new StringBuilder();
        }
        if (n > config.maxLiteralBytes()) anomalies.add(Anomaly.MAIL_LITERAL_TOO_LARGE, frame);
        if (n > 0) client.readRaw(n);
    }

    private void clientLiteral(byte[] b, int off, int len, boolean done, long frame, long timeNs) {
        if (upload != null) {
            upload.append(b, off, len, frame);
        } else if (literal != null && literal.length() < config.maxLineBytes()) {
            int k = Math.min(len, config.maxLineBytes() - literal.length());
            literal.append(MailCodecs.text(b, off, k));
        }
        if (done) endClientLiteral(frame, timeNs);
    }

    private void endClientLiteral(long frame, long timeNs) {
        if (upload != null) {
            if (cmdTokens != null) cmdTokens.add("{" + literalLen + "}");
            emitUpload(frame, timeNs);
        } else if (cmdTokens != null) {
            cmdTokens.add(literal == null ? "" : literal.toString());
        }
        literal = null;
    }

    private void emitUpload(long frame, long timeNs) {
        MessageBuffer m = upload;
        upload = null;
        if (m.size() < literalLen) m.incomplete = true;
        out.message(conn, m, "APPEND", true, null, user, frame, timeNs);
    }

    /** The command is complete (its last line had no literal): report it and act on it. */
    private void command(long frame, long timeNs) {
        List<String> t = cmdTokens;
        long f = cmdFrame, tn = cmdTimeNs;
        cmdTokens = null;
        boolean reported = cmdReported;
        cmdReported = false;
        if (t.size() < 2) {
            if (!(t.size() == 1 && t.get(0).equalsIgnoreCase("DONE"))) anomalies.add(Anomaly.MAIL_COMMAND_MALFORMED, f);
            return;
        }
        String tag = t.get(0), cmd = t.get(1);
        if (!reported) sink.accept(new MailCommand(frame, timeNs, conn, "imap", tag, cmd, ""));
        String upper = cmd.toUpperCase(Locale.ROOT);
        List<String> args = t.subList(2, t.size());
        Pending p = new Pending(tag, upper, List.copyOf(args), frame, timeNs);
        if (pending.size() >= config.maxPending()) {
            String oldest = pending.keySet().iterator().next();
            pending.remove(oldest);
            anomalies.add(Anomaly.MAIL_PENDING_LIMIT, frame);
        }
        pending.put(tag, p);
        if (upper.equals("AUTHENTICATE") && !args.isEmpty()) {
            auth = new SaslExchange(args.get(0), anomalies);
            authName = auth.mechanism.equals("CRAM-MD5") ? "CRAM-MD5" : "AUTHENTICATE " + auth.mechanism;
            authTag = tag;
            authAwaitingClient = false;
            if (args.size() > 1) auth.response(args.get(1), f, tn);
        }
    }

    /** Splits a line segment into atoms and quoted strings (escapes undone); parenthesised lists stay atoms. */
    static void tokenize(String s, List<String> out) {
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) d = s.charAt(++i);
                    sb.append(d);
                    i++;
                }
                i++;
                out.add(sb.toString());
                continue;
            }
            int st = i;
            int depth = 0;
            while (i < n) {
                char d = s.charAt(i);
                if (d == '(' || d == '[') depth++;
                else if ((d == ')' || d == ']') && depth > 0) depth--;
                else if (d == ' ' && depth == 0) break;
                else if (d == '"' && depth > 0) { // a quoted string inside a list
                    i++;
                    while (i < n && s.charAt(i) != '"') i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            }
            out.add(s.substring(st, Math.min(i, n)));
        }
    }

    // ---- server

    private void serverLine(String line, long frame, long timeNs) {
        boolean continues = responseContinues;
        responseContinues = false;
        Matcher m = LITERAL.matcher(line);
        if (m.find()) {
            long n = size(m.group(1));
            responseContinues = true;
            if (n > config.maxLiteralBytes()) anomalies.add(Anomaly.MAIL_LITERAL_TOO_LARGE, frame);
            if (WHOLE.matcher(line).find()) {
                download = new MessageBuffer(config.maxMessageBytes(), 0);
                literalLenServer = n;
            }
            if (n > 0) server.readRaw(n);
            else if (download != null) emitDownload(frame, timeNs);
        }
        if (continues) return; // the rest of a response after a literal
        response(line, frame, timeNs);
    }

    private long literalLenServer;

    private void serverLiteral(byte[] b, int off, int len, boolean done, long frame, long timeNs) {
        if (download != null) download.append(b, off, len, frame);
        if (!done) return;
        if (download != null) emitDownload(frame, timeNs);
    }

    private void emitDownload(long frame, long timeNs) {
        MessageBuffer m = download;
        download = null;
        if (m.firstFrame == 0) m.firstFrame = frame;
        if (m.size() < literalLenServer) m.incomplete = true;
        out.message(conn, m, "FETCH", false, null, user, frame, timeNs);
    }

    private void response(String line, long frame, long timeNs) {
        int sp = line.indexOf(' ');
        String tag = sp < 0 ? line : line.substring(0, sp);
        String rest = sp < 0 ? "" : line.substring(sp + 1);
        if (tag.equals("+")) {
            sink.accept(new MailReply(frame, timeNs, conn, "imap", "+", 0, null, rest, true, null, 0));
            if (auth != null && cmdTokens == null) {
                auth.challenge(rest);
                authAwaitingClient = true;
            }
            return;
        }
        int sp2 = rest.indexOf(' ');
        String word = sp2 < 0 ? rest : rest.substring(0, sp2);
        String text = sp2 < 0 ? "" : rest.substring(sp2 + 1);
        String status = word.toUpperCase(Locale.ROOT);
        boolean isStatus = switch (status) {
            case "OK", "NO", "BAD", "BYE", "PREAUTH" -> true;
            default -> false;
        };
        if (tag.equals("*")) {
            sink.accept(new MailReply(frame, timeNs, conn, "imap", "*", 0, isStatus ? status : null, isStatus ? text : rest, true, null, 0));
            if (!greeted && isStatus) {
                greeted = true;
            }
            return;
        }
        if (tag.isEmpty() || !isStatus) {
            anomalies.add(Anomaly.MAIL_REPLY_MALFORMED, frame);
            return;
        }
        Pending p = pending.remove(tag);
        if (p == null && cmdTokens != null && cmdTokens.size() > 1 && cmdTokens.get(0).equals(tag)) {
            // the server refused a command waiting for its literal (no "+" came): the literal will not follow
            p = new Pending(tag, cmdTokens.get(1).toUpperCase(Locale.ROOT), List.of(), cmdFrame, cmdTimeNs);
            client.readRaw(0);
            cmdTokens = null;
            cmdReported = false;
            literal = null;
            upload = null;
            sink.accept(new MailReply(frame, timeNs, conn, "imap", tag, 0, status, text, true, p.command(), p.frame()));
            return;
        }
        sink.accept(new MailReply(frame, timeNs, conn, "imap", tag, 0, status, text, true,
                p == null ? null : p.command(), p == null ? 0 : p.frame()));
        if (p == null) {
            anomalies.add(Anomaly.MAIL_UNEXPECTED_REPLY, frame);
            return;
        }
        boolean ok = status.equals("OK");
        switch (p.command()) {
            case "LOGIN" -> login(p, ok ? Credential.Result.ACCEPTED : Credential.Result.REJECTED, frame, timeNs, status + " " + text);
            case "AUTHENTICATE" -> {
                if (auth != null && tag.equals(authTag)) finishAuth(ok, status + " " + text, frame, timeNs);
            }
            case "STARTTLS" -> {
                if (ok) {
                    tls = true;
                    client.reset();
                    server.reset();
                }
            }
            case "SELECT", "EXAMINE" -> {
                if (ok && !p.args().isEmpty()) mailbox = p.args().get(0);
            }
            default -> {
            }
        }
    }

    private void login(Pending p, Credential.Result r, long frame, long timeNs) {
        login(p, r, frame, timeNs, null);
    }

    private void login(Pending p, Credential.Result r, long frame, long timeNs, String detail) {
        if (p.args().isEmpty()) return;
        String pass = p.args().size() > 1 ? p.args().get(1) : null;
        Credential c = new Credential(conn, "imap", "LOGIN", p.args().get(0), null, Credential.Kind.PASSWORD, pass,
                Credential.Result.UNKNOWN, p.frame(), p.timeNs(), p.frame(), p.timeNs(), 0, null);
        if (r == Credential.Result.ACCEPTED) user = c.user();
        sink.accept(r == null ? c : c.withResult(r, frame, timeNs, detail));
    }

    private void finishAuth(Boolean ok, String text, long frame, long timeNs) {
        Credential c = auth.credential(conn, "imap", authName);
        auth = null;
        authAwaitingClient = false;
        if (c == null) return;
        if (ok == null) {
            sink.accept(c);
            return;
        }
        if (ok) user = c.user();
        sink.accept(c.withResult(ok ? Credential.Result.ACCEPTED : Credential.Result.REJECTED, frame, timeNs, text));
    }

    /** The mailbox last selected, or null. */
    public String mailbox() {
        return mailbox;
    }
}
