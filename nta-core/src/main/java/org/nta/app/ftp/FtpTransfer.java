package org.nta.app.ftp;

import org.nta.app.http.MimeSniffer;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.EventSink;
import org.nta.event.FtpRequest;
import org.nta.event.HttpFileObject.Direction;
import org.nta.event.TransferredFile;

/**
 * One announced data connection of an FTP session: the command it serves (RETR, LIST …, known once the client sends
 * it, before or after the connection opens) and what its {@link FtpDataHandler} read. It becomes a
 * {@link TransferredFile} once both are known (or the control connection ends).
 */
final class FtpTransfer {
    private final FtpSession session;
    private FtpRequest command;
    private String user;
    private FtpDataHandler data;
    private boolean dataClosed, emitted;

    FtpTransfer(FtpSession session) {
        this.session = session;
    }

    FtpDataHandler open(ConnInfo dataConn, FtpConfig config, AnomalyCounter anomalies) {
        FtpDataHandler h = new FtpDataHandler(dataConn, this, config, anomalies);
        if (data == null) data = h; // a second connection to the same announcement is read but not a second file
        return h;
    }

    FtpRequest command() {
        return command;
    }

    void command(FtpRequest r, String user) {
        this.command = r;
        this.user = user;
    }

    boolean opened() {
        return data != null;
    }

    boolean dataClosed() {
        return dataClosed;
    }

    /** The data connection was read to its end and the command is known. */
    boolean ready() {
        return dataClosed && command != null;
    }

    void closed(FtpDataHandler h) {
        if (h != data || dataClosed) return;
        dataClosed = true;
        session.dataDone(this);
    }

    void emit(ConnInfo control, EventSink events) {
        if (emitted || data == null || !dataClosed) return;
        emitted = true;
        String verb = command == null ? null : command.verb();
        boolean listing = verb != null && (verb.equals("LIST") || verb.equals("NLST") || verb.equals("MLSD"));
        Direction dir = verb != null ? FtpSession.direction(verb)
                : data.bytesFrom(data.conn().clientAddr().equals(control.clientAddr())) > 0 ? Direction.UPLOAD : Direction.DOWNLOAD;
        byte[] kept = data.kept();
        events.emit(new TransferredFile(data.conn(), control, "ftp-data", listing ? "listing" : "transfer", verb, dir,
                command == null ? "" : command.arg(), data.lastFrame(), data.firstFrame(), data.lastTimeNs(), data.size(),
                data.sha256(), MimeSniffer.sniff(kept), null, kept, data.size() > kept.length, data.incomplete(),
                user != null ? user : session.loggedIn()));
    }
}
