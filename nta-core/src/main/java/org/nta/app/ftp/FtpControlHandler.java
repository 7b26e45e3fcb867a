package org.nta.app.ftp;

import java.util.ArrayList;
import java.util.List;

import org.nta.app.Expectations;
import org.nta.app.WireText;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.EventSink;
import org.nta.event.FtpRequest;
import org.nta.event.FtpResponse;
import org.nta.reassembly.StreamHandler;

/**
 * The FTP control connection (RFC 959): the client's command lines become {@link FtpRequest}s, the server's replies
 * (one-line, or multi-line from {@code 123-} to {@code 123 }) {@link FtpResponse}s, each on the frame that ends it.
 * The session that follows them ({@link FtpSession}) reads logins and the data connections they announce.
 *
 * <p>States per direction: reading a line (bytes held up to the line limit); on the server side, inside a multi-line
 * reply (lines collected up to the reply limit) or between replies. After {@code AUTH} is answered 234 the
 * connection is TLS and is no longer read.
 */
public final class FtpControlHandler implements StreamHandler {
    private final FtpConfig config;
    private final AnomalyCounter anomalies;
    private final EventSink events;
    private final FtpSession session;
    private final FtpLineReader client, server;
    private ConnInfo conn;
    // the multi-line reply being read: its code (-1: none), lines and first frame
    private int multiCode = -1;
    private final List<String> replyLines = new ArrayList<>();
    private String replyArg;
    private long replyFirstFrame;
    private boolean replyCapped;

    public FtpControlHandler(ConnInfo conn, FtpConfig config, AnomalyCounter anomalies, EventSink events,
                             Expectations expectations) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.events = events;
        this.session = new FtpSession(conn, config, anomalies, events, expectations);
        this.client = new FtpLineReader(config.maxLineBytes());
        this.server = new FtpLineReader(config.maxLineBytes());
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        if (session.encrypted()) return;
        if (fromClient) client.feed(data, off, len, frame, timeNs, this::clientLine);
        else server.feed(data, off, len, frame, timeNs, this::serverLine);
    }

    private void clientLine(byte[] b, int len, boolean cut, long firstFrame, long frame, long timeNs) {
        if (cut) anomalies.add(Anomaly.FTP_LINE_TOO_LONG, frame);
        if (session.encrypted()) return;
        int start = skipTelnet(b, 0, len);
        int sp = start;
        while (sp < len && b[sp] != ' ') sp++;
        int argAt = sp;
        while (argAt < len && b[argAt] == ' ') argAt++;
        if (sp == start && argAt >= len) return; // an empty line says nothing
        FtpRequest r = new FtpRequest(conn, firstFrame, frame, timeNs, WireText.ascii(b, start, sp - start),
                WireText.ascii(b, argAt, len - argAt));
        events.emit(r);
        session.onRequest(r);
    }

    /** Telnet IP and Synch (IAC IP IAC DM) may precede ABOR (RFC 959 4.1.3): skip IAC pairs at the start. */
    private static int skipTelnet(byte[] b, int p, int len) {
        while (p + 1 < len && (b[p] & 0xff) == 0xff) p += 2;
        return p;
    }

    private void serverLine(byte[] b, int len, boolean cut, long firstFrame, long frame, long timeNs) {
        if (cut) anomalies.add(Anomaly.FTP_LINE_TOO_LONG, frame);
        if (session.encrypted()) return;
        boolean coded = len >= 3 && digit(b[0]) && digit(b[1]) && digit(b[2]) && (len == 3 || b[3] == ' ' || b[3] == '-');
        int code = coded ? (b[0] - '0') * 100 + (b[1] - '0') * 10 + (b[2] - '0') : -1;
        String text = WireText.ascii(b, 0, len);
        if (multiCode >= 0) {
            if (replyLines.size() < config.maxReplyLines()) replyLines.add(text);
            else if (!replyCapped) {
                replyCapped = true;
                anomalies.add(Anomaly.FTP_REPLY_LINES_LIMIT, frame);
            }
            if (code == multiCode && (len == 3 || b[3] == ' ')) finishReply(multiCode, frame, timeNs);
            return;
        }
        if (len == 0) return;
        replyFirstFrame = firstFrame;
        replyArg = len > 4 ? WireText.ascii(b, 4, len - 4) : "";
        replyLines.add(text);
        if (!coded) {
            anomalies.add(Anomaly.FTP_MALFORMED_REPLY, frame);
            replyArg = text;
            finishReply(-1, frame, timeNs);
        } else if (len > 3 && b[3] == '-') {
            multiCode = code;
        } else {
            finishReply(code, frame, timeNs);
        }
    }

    private void finishReply(int code, long frame, long timeNs) {
        FtpResponse r = new FtpResponse(conn, replyFirstFrame, frame, timeNs, code, replyArg, replyLines);
        replyLines.clear();
        multiCode = -1;
        replyCapped = false;
        events.emit(r);
        session.onResponse(r);
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        if (fromClient) {
            client.reset();
        } else {
            server.reset();
            if (multiCode >= 0) finishReply(multiCode, frame, timeNs); // what was read of it
        }
    }

    /** A sender's last line may lack its line end. */
    @Override
    public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
        if (session.encrypted()) return;
        if (fromClient) client.flush(frame, timeNs, this::clientLine);
        else {
            server.flush(frame, timeNs, this::serverLine);
            if (multiCode >= 0) {
                anomalies.add(Anomaly.FTP_MALFORMED_REPLY, frame);
                finishReply(multiCode, frame, timeNs);
            }
        }
    }

    @Override
    public void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
        session.onRolesSwapped(conn);
    }

    @Override
    public void onClose(long frame, long timeNs) {
        if (!session.encrypted() && multiCode >= 0) finishReply(multiCode, frame, timeNs);
        session.onClose(frame, timeNs);
    }
}
