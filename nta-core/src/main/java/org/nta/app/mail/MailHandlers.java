package org.nta.app.mail;

import java.util.function.Consumer;

import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Proto;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.reassembly.StreamHandler;

/** The hook the application dispatcher calls: recognition of the three mail protocols and their parsers. */
public final class MailHandlers {
    private MailHandlers() {}

    /** SMTP, POP or IMAP when these first bytes of one direction speak it, else null. */
    public static Proto recognise(ConnInfo conn, boolean fromClient, byte[] b, int off, int len) {
        return MailDetect.recognise(b, off, len, fromClient, conn.serverPort());
    }

    public static StreamHandler handler(Proto p, ConnInfo conn, MailConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        return switch (p) {
            case SMTP -> new SmtpHandler(conn, config, anomalies, sink);
            case POP -> new PopHandler(conn, config, anomalies, sink);
            case IMAP -> new ImapHandler(conn, config, anomalies, sink);
            default -> throw new IllegalArgumentException("not a mail protocol: " + p);
        };
    }

    /** 1 when these bytes open a mail client's command, 2 a mail server's greeting, else 0 (see MailDetect#side). */
    public static int side(byte[] b, int off, int len) {
        return MailDetect.side(b, off, len);
    }
}
