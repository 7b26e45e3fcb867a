package org.nta.app.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.MailCommand;
import org.nta.event.MailReply;

/**
 * SMTP (RFC 5321) and submission: commands and replies (pipelined commands, multi-line replies matched to their
 * commands in order), AUTH PLAIN / LOGIN / CRAM-MD5 / XOAUTH2 with the server's challenges, the envelope (MAIL FROM,
 * RCPT TO) and one message per DATA (dot-unstuffed) or BDAT transaction. After an accepted STARTTLS the rest is TLS
 * and is not read.
 */
public final class SmtpHandler extends MailSession {
    private enum State { COMMAND, DATA, BDAT, TLS }

    /** A command waiting for its reply; {@code endOfData} for the reply to a message's final dot. */
    private record Pending(String command, String parameter, long frame, boolean endOfData) {}

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private State state = State.COMMAND;
    private SaslExchange auth;
    private String authName;
    private boolean authAwaitingClient;
    private String mailFrom;
    private final List<String> rcptTo = new ArrayList<>();
    private MessageBuffer msg;
    private boolean bdatLast;
    private String user;
    private boolean tls;

    public SmtpHandler(ConnInfo conn, MailConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        super(conn, "smtp", config, anomalies, sink);
        lines(LineReader.sink(this::clientLine, this::bdat), LineReader.sink(this::serverLine, LineReader.NO_RAW));
    }

    /** Whether an accepted STARTTLS turned the connection to TLS. */
    public boolean startedTls() {
        return tls;
    }

    @Override
    protected boolean reading() {
        return state != State.TLS;
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        if (state == State.TLS) return;
        if (fromClient) {
            if (state == State.DATA || state == State.BDAT) {
                if (msg == null) msg = new MessageBuffer(config.maxMessageBytes(), frame);
                msg.incomplete = true;
            }
            client.reset();
            if (state == State.BDAT) { // the chunk's end is lost with its count: the message ends here
                state = State.COMMAND;
                if (bdatLast) emitMessage("BDAT", frame, timeNs);
            }
        } else {
            server.reset();
        }
    }

    @Override
    public void onClose(long frame, long timeNs) {
        flushLines(frame, timeNs);
        if ((state == State.DATA || state == State.BDAT) && msg != null) {
            msg.incomplete = true;
            emitMessage(state == State.DATA ? "DATA" : "BDAT", frame, timeNs);
        }
        if (auth != null) finishAuth(0, "", frame, timeNs);
        state = State.TLS;
    }

    private void clientLine(byte[] b, int len, boolean complete, boolean continued, long frame, long timeNs) {
        switch (state) {
            case DATA -> dataLine(b, len, complete, continued, frame, timeNs);
            case TLS, BDAT -> {
            }
            case COMMAND -> {
                if (continued) return;
                if (!complete) anomalies.add(Anomaly.MAIL_LINE_TOO_LONG, frame);
                command(text(b, len), frame, timeNs);
            }
        }
    }

    private void command(String line, long frame, long timeNs) {
        if (auth != null && authAwaitingClient) {
            authAwaitingClient = false;
            auth.response(line, frame, timeNs);
            return;
        }
        int sp = line.indexOf(' ');
        String cmd = sp < 0 ? line : line.substring(0, sp);
        String param = sp < 0 ? "" : line.substring(sp + 1);
        sink.accept(new MailCommand(frame, timeNs, conn, "smtp", null, cmd, param));
        String upper = cmd.toUpperCase(Locale.ROOT);
        push(new Pending(upper, param, frame, false), frame);
        switch (upper) {
            case "AUTH" -> {
                String[] w = param.strip().split("\\s+");
                auth = new SaslExchange(w[0], anomalies);
                authName = auth.mechanism.equals("CRAM-MD5") ? "CRAM-MD5" : "AUTH " + auth.mechanism;
                authAwaitingClient = false;
                if (w.length > 1) auth.response(w[1], frame, timeNs);
            }
            case "MAIL" -> {
                mailFrom = address(param);
                rcptTo.clear();
            }
            case "RCPT" -> rcptTo.add(address(param));
            case "DATA" -> {
                state = State.DATA;
                msg = null;
            }
            case "BDAT" -> {
                String[] w = param.strip().split("\\s+");
                long n;
                try {
                    n = Long.parseLong(w[0]);
                } catch (NumberFormatException e) {
                    anomalies.add(Anomaly.MAIL_REPLY_MALFORMED, frame);
                    return;
                }
                bdatLast = w.length > 1 && w[1].equalsIgnoreCase("LAST");
                if (msg == null) msg = new MessageBuffer(config.maxMessageBytes(), frame);
                if (n > 0) {
                    state = State.BDAT;
                    client.readRaw(n);
                } else if (bdatLast) {
                    emitMessage("BDAT", frame, timeNs);
                }
            }
            case "RSET" -> {
                mailFrom = null;
                rcptTo.clear();
                msg = null;
            }
            default -> {
            }
        }
    }

    private void push(Pending p, long frame) {
        if (pending.size() >= config.maxPending()) {
            pending.pollFirst();
            anomalies.add(Anomaly.MAIL_PENDING_LIMIT, frame);
        }
        pending.addLast(p);
    }

    private void dataLine(byte[] b, int len, boolean complete, boolean continued, long frame, long timeNs) {
        if (!continued && complete && LineReader.contentLength(b, len) == 1 && b[0] == '.') {
            if (msg == null) msg = new MessageBuffer(config.maxMessageBytes(), frame);
            emitMessage("DATA", frame, timeNs);
            state = State.COMMAND;
            push(new Pending("DATA", "", frame, true), frame);
            return;
        }
        if (msg == null) msg = new MessageBuffer(config.maxMessageBytes(), frame);
        int skip = !continued && len > 0 && b[0] == '.' ? 1 : 0; // dot-stuffing (RFC 5321 4.5.2)
        msg.append(b, skip, len - skip, frame);
    }

    private void bdat(byte[] b, int off, int len, boolean done, long frame, long timeNs) {
        if (msg == null) msg = new MessageBuffer(config.maxMessageBytes(), frame);
        msg.append(b, off, len, frame);
        if (!done) return;
        state = State.COMMAND;
        if (bdatLast) emitMessage("BDAT", frame, timeNs);
    }

    private void emitMessage(String command, long frame, long timeNs) {
        out.message(conn, msg, command, true, new MailOutput.Envelope(mailFrom, List.copyOf(rcptTo)), user, frame, timeNs);
        msg = null;
    }

    private void serverLine(byte[] b, int len, boolean complete, boolean continued, long frame, long timeNs) {
        if (continued || state == State.TLS) return;
        if (!complete) anomalies.add(Anomaly.MAIL_LINE_TOO_LONG, frame);
        int n = LineReader.contentLength(b, len);
        if (n < 3 || !digit(b[0]) || !digit(b[1]) || !digit(b[2]) || n > 3 && b[3] != ' ' && b[3] != '-') {
            anomalies.add(Anomaly.MAIL_REPLY_MALFORMED, frame);
            return;
        }
        int code = (b[0] - '0') * 100 + (b[1] - '0') * 10 + (b[2] - '0');
        boolean last = n == 3 || b[3] == ' ';
        String text = n > 4 ? new String(b, 4, n - 4, StandardCharsets.UTF_8) : "";
        Pending head = pending.peekFirst();
        sink.accept(new MailReply(frame, timeNs, conn, "smtp", null, code, null, text, last,
                head == null ? null : head.command(), head == null ? 0 : head.frame()));
        if (!last || head == null) return;
        if (head.command().equals("AUTH") && code == 334 && auth != null) {
            auth.challenge(text);
            authAwaitingClient = true;
            return;
        }
        pending.pollFirst();
        switch (head.command()) {
            case "AUTH" -> finishAuth(code, text, frame, timeNs);
            case "STARTTLS" -> {
                if (code == 220) {
                    tls = true;
                    state = State.TLS;
                    client.reset();
                    server.reset();
                }
            }
            case "DATA" -> {
                if (!head.endOfData() && code != 354 && state == State.DATA && msg == null) state = State.COMMAND;
            }
            case "RCPT" -> {
                if (code >= 400) rcptTo.remove(address(head.parameter()));
            }
            default -> {
            }
        }
    }

    private void finishAuth(int code, String text, long frame, long timeNs) {
        Credential c = auth == null ? null : auth.credential(conn, "smtp", authName);
        auth = null;
        authAwaitingClient = false;
        if (c == null) return;
        Credential.Result r = code == 0 ? Credential.Result.UNKNOWN : code < 400 ? Credential.Result.ACCEPTED : Credential.Result.REJECTED;
        if (r == Credential.Result.ACCEPTED) user = c.user();
        sink.accept(code == 0 ? c : c.withResult(r, frame, timeNs, code + (text.isEmpty() ? "" : " " + text)));
    }

    /** The address of a MAIL FROM / RCPT TO parameter: between angle brackets, else after the colon. */
    static String address(String param) {
        int lt = param.indexOf('<');
        int gt = lt < 0 ? -1 : param.indexOf('>', lt);
        if (gt > lt) return param.substring(lt + 1, gt);
        int colon = param.indexOf(':');
        String s = (colon < 0 ? param : param.substring(colon + 1)).strip();
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    static String text(byte[] b, int len) {
        return MailCodecs.text(b, 0, LineReader.contentLength(b, len));
    }
}
