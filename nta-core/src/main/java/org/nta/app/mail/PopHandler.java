package org.nta.app.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
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
 * POP3 (RFC 1939, 2449, 5034): commands and their +OK/-ERR status lines (pipelined commands matched in order),
 * multi-line responses up to their final dot, USER/PASS, APOP (user and digest: hashcat mode 20 with the greeting's
 * timestamp), AUTH PLAIN / LOGIN / CRAM-MD5 with the "+" challenges, and RETR/TOP responses as messages
 * (dot-unstuffed). After an accepted STLS the rest is TLS and is not read.
 */
public final class PopHandler extends MailSession {
    private record Pending(String command, String parameter, long frame, long timeNs) {}

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean tls, greeted;
    private String timestamp;
    private Pending multi;
    private MessageBuffer msg;
    private SaslExchange auth;
    private String authName;
    private boolean authAwaitingClient;
    private String userName;
    private Credential login;
    private String user;

    public PopHandler(ConnInfo conn, MailConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        super(conn, "pop", config, anomalies, sink);
        lines(LineReader.textLines(anomalies, this::command, LineReader.NO_RAW), LineReader.sink(this::serverLine, LineReader.NO_RAW));
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
        } else {
            server.reset();
            if (msg != null) msg.incomplete = true;
        }
    }

    @Override
    public void onClose(long frame, long timeNs) {
        flushLines(frame, timeNs);
        if (msg != null) {
            msg.incomplete = true;
            emitMessage(frame, timeNs);
        }
        if (login != null) sink.accept(login);
        login = null;
        if (auth != null) finishAuth(false, true, "", frame, timeNs);
        tls = true;
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
        sink.accept(new MailCommand(frame, timeNs, conn, "pop", null, cmd, param));
        String upper = cmd.toUpperCase(Locale.ROOT);
        if (pending.size() >= config.maxPending()) {
            pending.pollFirst();
            anomalies.add(Anomaly.MAIL_PENDING_LIMIT, frame);
        }
        pending.addLast(new Pending(upper, param, frame, timeNs));
        switch (upper) {
            case "USER" -> userName = param;
            case "PASS" -> {
                if (login != null) sink.accept(login); // an earlier attempt never answered
                login = new Credential(conn, "pop", "USER/PASS", userName, null, Credential.Kind.PASSWORD, param,
                        Credential.Result.UNKNOWN, frame, timeNs, frame, timeNs, 0, null);
            }
            case "APOP" -> {
                if (login != null) sink.accept(login);
                String[] w = param.strip().split("\\s+");
                String digest = w.length > 1 ? w[w.length - 1] : null;
                String name = w.length > 1 ? param.strip().substring(0, param.strip().length() - digest.length()).strip() : w[0];
                String secret = digest == null ? null : timestamp != null ? digest + ":" + timestamp : digest;
                login = new Credential(conn, "pop", "APOP", name, null, Credential.Kind.HASH, secret,
                        Credential.Result.UNKNOWN, frame, timeNs, frame, timeNs, timestamp != null && digest != null ? 20 : 0, null);
            }
            case "AUTH" -> {
                if (param.isBlank()) return;
                String[] w = param.strip().split("\\s+");
                auth = new SaslExchange(w[0], anomalies);
                authName = auth.mechanism.equals("CRAM-MD5") ? "CRAM-MD5" : "AUTH " + auth.mechanism;
                authAwaitingClient = false;
                if (w.length > 1) auth.response(w[1], frame, timeNs);
            }
            default -> {
            }
        }
    }

    private static boolean multiLine(Pending p) {
        return switch (p.command()) {
            case "RETR", "TOP", "CAPA" -> true;
            case "LIST", "UIDL", "AUTH" -> p.parameter().isBlank();
            default -> false;
        };
    }

    private void serverLine(byte[] b, int len, boolean complete, boolean continued, long frame, long timeNs) {
        if (multi != null) {
            if (!continued && complete && LineReader.contentLength(b, len) == 1 && b[0] == '.') {
                if (msg != null) emitMessage(frame, timeNs);
                multi = null;
                return;
            }
            if (msg != null) {
                int skip = !continued && len > 0 && b[0] == '.' ? 1 : 0;
                msg.append(b, skip, len - skip, frame);
            }
            return;
        }
        if (continued) return;
        if (!complete) anomalies.add(Anomaly.MAIL_LINE_TOO_LONG, frame);
        int n = LineReader.contentLength(b, len);
        String line = new String(b, 0, n, StandardCharsets.UTF_8);
        boolean ok = line.startsWith("+OK"), err = line.startsWith("-ERR");
        Pending head = pending.peekFirst();
        if (!ok && !err && line.startsWith("+")) { // a SASL challenge
            sink.accept(new MailReply(frame, timeNs, conn, "pop", null, 0, "+", line.substring(1).strip(), true,
                    head == null ? null : head.command(), head == null ? 0 : head.frame()));
            if (auth != null) {
                auth.challenge(line.substring(1));
                authAwaitingClient = true;
            }
            return;
        }
        if (!ok && !err) {
            anomalies.add(Anomaly.MAIL_REPLY_MALFORMED, frame);
            return;
        }
        String text = line.substring(ok ? 3 : 4).strip();
        boolean greeting = !greeted;
        greeted = true;
        if (greeting && (head == null || ok)) {
            sink.accept(new MailReply(frame, timeNs, conn, "pop", null, 0, ok ? "+OK" : "-ERR", text, true, null, 0));
            int lt = text.indexOf('<'), gt = lt < 0 ? -1 : text.indexOf('>', lt);
            if (gt > lt) timestamp = text.substring(lt, gt + 1);
            return;
        }
        sink.accept(new MailReply(frame, timeNs, conn, "pop", null, 0, ok ? "+OK" : "-ERR", text, true,
                head == null ? null : head.command(), head == null ? 0 : head.frame()));
        if (head == null) {
            anomalies.add(Anomaly.MAIL_UNEXPECTED_REPLY, frame);
            return;
        }
        pending.pollFirst();
        switch (head.command()) {
            case "PASS", "APOP" -> {
                if (login != null) {
                    Credential.Result r = ok ? Credential.Result.ACCEPTED : Credential.Result.REJECTED;
                    if (ok) user = login.user();
                    sink.accept(login.withResult(r, frame, timeNs, line));
                    login = null;
                }
            }
            case "AUTH" -> {
                if (auth != null) finishAuth(ok, false, line, frame, timeNs);
                else if (ok && multiLine(head)) multi = head;
            }
            case "STLS" -> {
                if (ok) {
                    tls = true;
                    client.reset();
                    server.reset();
                }
            }
            default -> {
                if (ok && multiLine(head)) {
                    multi = head;
                    if (head.command().equals("RETR") || head.command().equals("TOP")) msg = new MessageBuffer(config.maxMessageBytes(), 0);
                }
            }
        }
    }

    private void emitMessage(long frame, long timeNs) {
        MessageBuffer m = msg;
        msg = null;
        if (m.firstFrame == 0) m.firstFrame = frame; // an empty message
        out.message(conn, m, multi == null ? "RETR" : multi.command(), false, null, user, frame, timeNs);
    }

    private void finishAuth(boolean ok, boolean unknown, String text, long frame, long timeNs) {
        Credential c = auth.credential(conn, "pop", authName);
        auth = null;
        authAwaitingClient = false;
        if (c == null) return;
        if (unknown) {
            sink.accept(c);
            return;
        }
        if (ok) user = c.user();
        sink.accept(c.withResult(ok ? Credential.Result.ACCEPTED : Credential.Result.REJECTED, frame, timeNs, text));
    }
}
