package org.nta.app.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.MailCommand;
import org.nta.event.MailMessage;
import org.nta.event.MailReply;
import org.nta.event.TransferredFile;
import org.nta.reassembly.StreamHandler;

/**
 * A scripted mail conversation (turns of client and server bytes) fed to a handler whole, cut at a given point, or
 * byte by byte; the events it gave, described without frames so that runs cut differently compare equal.
 */
final class Conversation {
    static final ConnInfo CONN = new ConnInfo("tcp", 3, 4, "10.0.0.1", 40000, "10.0.0.2", 25);

    record Turn(boolean fromClient, byte[] bytes) {}

    interface Factory {
        StreamHandler make(ConnInfo conn, MailConfig config, AnomalyCounter anomalies, java.util.function.Consumer<? super Event> sink);
    }

    private final List<Turn> turns = new ArrayList<>();

    Conversation c(String s) {
        turns.add(new Turn(true, s.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    Conversation s(String s) {
        turns.add(new Turn(false, s.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    Conversation c(byte[] b) {
        turns.add(new Turn(true, b));
        return this;
    }

    List<Turn> turns() {
        return turns;
    }

    /** Runs the turns whole, one frame each (frame = turn index + 1). */
    List<Event> run(Factory f, MailConfig config, AnomalyCounter anomalies) {
        return run(f, config, anomalies, -1, -1);
    }

    /** Runs with turn {@code cutTurn} delivered in two pieces at {@code cut} (the second piece one frame later). */
    List<Event> run(Factory f, MailConfig config, AnomalyCounter anomalies, int cutTurn, int cut) {
        List<Event> out = new ArrayList<>();
        StreamHandler h = f.make(CONN, config, anomalies, out::add);
        long frame = 1;
        for (int i = 0; i < turns.size(); i++) {
            Turn t = turns.get(i);
            if (i == cutTurn) {
                h.onData(t.fromClient(), t.bytes(), 0, cut, frame, frame);
                frame++;
                h.onData(t.fromClient(), t.bytes(), cut, t.bytes().length - cut, frame, frame);
            } else {
                h.onData(t.fromClient(), t.bytes(), 0, t.bytes().length, frame, frame);
            }
            frame++;
        }
        h.onClose(frame, frame);
        return out;
    }

    /** Every turn byte by byte, each byte copied into its own array. */
    List<Event> bytewise(Factory f, MailConfig config, AnomalyCounter anomalies) {
        List<Event> out = new ArrayList<>();
        StreamHandler h = f.make(CONN, config, anomalies, out::add);
        long frame = 1;
        for (Turn t : turns) {
            for (byte b : t.bytes()) {
                h.onData(t.fromClient(), new byte[] {b}, 0, 1, frame, frame);
                frame++;
            }
        }
        h.onClose(frame, frame);
        return out;
    }

    /** The events described without frames and times. */
    static List<String> describe(List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) out.add(describe(e));
        return out;
    }

    static String describe(Event e) {
        if (e instanceof MailCommand c) return "C " + c.protocol() + " " + c.tag() + " " + c.command() + " [" + c.parameter() + "]";
        if (e instanceof MailReply r) {
            return "R " + r.protocol() + " " + r.tag() + " " + r.code() + " " + r.status() + " [" + r.text() + "] " + r.last() + " " + r.command();
        }
        if (e instanceof Credential c) {
            return "CRED " + c.protocol() + " " + c.mechanism() + " " + c.user() + " " + c.kind() + " " + c.secret() + " " + c.result() + " " + c.hashcatMode();
        }
        if (e instanceof MailMessage m) {
            return "MSG " + m.protocol() + " " + m.command() + " from=" + m.from() + " to=" + m.to() + " subject=" + m.subject() + " size=" + m.size()
                    + " att=" + m.attachments() + " env=" + m.mailFrom() + m.rcptTo() + " user=" + m.user() + " trunc=" + m.truncated() + " inc=" + m.incomplete();
        }
        if (e instanceof TransferredFile f) {
            return "FILE " + f.protocol() + " " + f.source() + " " + f.originalName() + " " + f.size() + " " + f.sha256().substring(0, 12) + " "
                    + f.declaredType() + " " + f.mimeType() + " " + f.direction() + " user=" + f.user();
        }
        return e.toString();
    }

    static <T> List<T> only(List<Event> events, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Event e : events) if (type.isInstance(e)) out.add(type.cast(e));
        return out;
    }

    static Function<List<Event>, List<String>> describer() {
        return Conversation::describe;
    }
}
