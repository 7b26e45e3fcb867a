package org.nta.app.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.nta.app.http.MimeSniffer;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.MailMessage;
import org.nta.event.TransferredFile;

/**
 * Turns a finished message into events: one {@link MailMessage}, the whole message as a {@link TransferredFile}
 * ({@code .eml}, source {@code message}) and each attachment as one (source {@code attachment}, decoded).
 */
final class MailOutput {
    private final String protocol;
    private final MailConfig config;
    private final AnomalyCounter anomalies;
    private final Consumer<? super Event> sink;

    MailOutput(String protocol, MailConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.protocol = protocol;
        this.config = config;
        this.anomalies = anomalies;
        this.sink = sink;
    }

    /** The envelope of an SMTP transaction (null for POP and IMAP). */
    record Envelope(String mailFrom, List<String> rcptTo) {}

    void message(ConnInfo conn, MessageBuffer m, String command, boolean fromClient, Envelope env, String user, long frame, long timeNs) {
        if (m.truncated()) anomalies.add(Anomaly.MAIL_MESSAGE_TRUNCATED, frame);
        MimeParser.Parsed p = MimeParser.parse(m.array(), m.kept(), config, anomalies, frame);
        String rawSubject = p.first("subject");
        String subject = MailCodecs.decodeWords(rawSubject);
        List<String> to = new ArrayList<>();
        for (String h : new String[] {"to", "cc"}) {
            for (MimeParser.Header x : p.headers()) if (x.name().equalsIgnoreCase(h)) to.add(x.value());
        }
        List<String> names = new ArrayList<>();
        for (MimeParser.Attachment a : p.attachments()) names.add(a.name());
        List<String> headers = new ArrayList<>();
        for (MimeParser.Header h : p.headers()) headers.add(h.toString());
        sink.accept(new MailMessage(frame, timeNs, conn, protocol, command, m.firstFrame, fromClient, p.first("from"), to, subject,
                rawSubject, p.first("date"), p.first("message-id"), m.size(), m.truncated(), m.incomplete, names,
                env == null ? null : env.mailFrom(), env == null ? List.of() : env.rcptTo(), user, headers));
        HttpFileObject.Direction dir = fromClient ? HttpFileObject.Direction.UPLOAD : HttpFileObject.Direction.DOWNLOAD;
        byte[] whole = m.bytes();
        sink.accept(new TransferredFile(conn, null, protocol, "message", command, dir, emlName(subject), frame, m.firstFrame,
                timeNs, m.size(), m.sha256(), MimeSniffer.sniff(whole), "message/rfc822", whole, m.truncated(), m.incomplete, user));
        for (MimeParser.Attachment a : p.attachments()) {
            byte[] b = a.bytes();
            // an attachment of a message cut by the keep limit may be cut too: it is then marked incomplete
            sink.accept(new TransferredFile(conn, null, protocol, "attachment", command, dir, a.name(), frame, m.firstFrame,
                    timeNs, b.length, sha256(b), MimeSniffer.sniff(b), a.declaredType(), b, false, m.incomplete || m.truncated(), user));
        }
    }

    /** A file name for the whole message: its subject (as tshark's export names it), else "message", with .eml. */
    static String emlName(String subject) {
        String s = subject == null ? "" : subject.strip();
        // cut at 100 characters, never inside a surrogate pair (half an emoji would name the file with a lone surrogate)
        if (s.codePointCount(0, s.length()) > 100) s = s.substring(0, s.offsetByCodePoints(0, 100));
        return (s.isEmpty() ? "message" : s) + ".eml";
    }

    static String sha256(byte[] b) {
        return org.nta.bytes.Digests.sha256Hex(b);
    }

    String protocol() {
        return protocol;
    }
}
