package org.nta.app.ftp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.nta.app.Expectations;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Proto;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.EventSink;
import org.nta.event.FtpRequest;
import org.nta.event.FtpResponse;
import org.nta.event.HttpFileObject.Direction;

/**
 * What an FTP control connection's commands and replies mean together: the login (USER, PASS and the reply that
 * judges them, one {@link Credential} each), the data connections announced (PORT and EPRT by the client, 227 and
 * 229 by the server), registered as {@link Expectations} so that they reach an {@link FtpDataHandler}, and the
 * transfer command each data connection serves.
 */
final class FtpSession {
    private final FtpConfig config;
    private final AnomalyCounter anomalies;
    private final EventSink events;
    private final Expectations expectations;
    private ConnInfo conn;
    /** Commands sent and not yet answered by a final (non-1xx) reply, oldest first. */
    private final ArrayDeque<FtpRequest> pending = new ArrayDeque<>();
    /** Data connections announced and not finished, oldest first. */
    private final List<FtpTransfer> transfers = new ArrayList<>();
    private String user;
    private String loggedIn;
    private Credential login; // a PASS (or a USER alone) awaiting its reply
    private boolean encrypted, closed;

    FtpSession(ConnInfo conn, FtpConfig config, AnomalyCounter anomalies, EventSink events, Expectations expectations) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.events = events;
        this.expectations = expectations;
    }

    boolean encrypted() {
        return encrypted;
    }

    ConnInfo conn() {
        return conn;
    }

    String loggedIn() {
        return loggedIn;
    }

    boolean closed() {
        return closed;
    }

    void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
    }

    void onRequest(FtpRequest r) {
        if (pending.size() >= config.maxPending()) {
            pending.pollFirst();
            anomalies.add(Anomaly.FTP_PENDING_LIMIT, r.frame());
        }
        pending.addLast(r);
        switch (r.verb()) {
            case "USER" -> {
                flushLogin();
                user = r.arg();
                login = new Credential(conn, "ftp", "USER/PASS", user, null, Credential.Kind.PASSWORD, null,
                        Credential.Result.UNKNOWN, r.frame(), r.timeNs(), r.frame(), r.timeNs(), 0, null);
            }
            case "PASS" -> {
                if (login != null && login.secret() != null) flushLogin();
                login = new Credential(conn, "ftp", "USER/PASS", user, null, Credential.Kind.PASSWORD, r.arg(),
                        Credential.Result.UNKNOWN, r.frame(), r.timeNs(), r.frame(), r.timeNs(), 0, null);
            }
            case "PORT" -> announce(FtpAddresses.sixNumbers(r.arg()), conn.clientAddr(), r.frame(), r.timeNs());
            case "EPRT" -> announce(FtpAddresses.eprt(r.arg()), conn.clientAddr(), r.frame(), r.timeNs());
            case "RETR", "STOR", "STOU", "APPE", "LIST", "NLST", "MLSD" -> {
                for (int i = transfers.size() - 1; i >= 0; i--) { // the newest announced data connection not yet used
                    FtpTransfer t = transfers.get(i);
                    if (t.command() != null) continue;
                    t.command(r, loggedIn != null ? loggedIn : user);
                    if (t.ready()) emit(t);
                    break;
                }
            }
            default -> {
            }
        }
    }

    void onResponse(FtpResponse r) {
        int code = r.code();
        FtpRequest req = code >= 100 && code < 200 ? pending.peekFirst() : pending.pollFirst();
        String verb = req == null ? "" : req.verb();
        if (code == 227) announce(FtpAddresses.sixNumbers(r.arg()), conn.serverAddr(), r.frame(), r.timeNs());
        else if (code == 229) {
            int port = FtpAddresses.epsvPort(r.arg());
            if (port > 0) announce(new FtpAddresses.HostPort(conn.serverAddr(), port), conn.serverAddr(), r.frame(), r.timeNs());
            else anomalies.add(Anomaly.FTP_BAD_DATA_ADDRESS, r.frame());
        }
        if (code == 234 && verb.equals("AUTH")) {
            encrypted = true; // TLS from here on
            return;
        }
        if (login == null || !(verb.equals("PASS") || verb.equals("USER"))) return;
        if (code >= 100 && code < 200) return;
        if (verb.equals("USER") && code >= 300 && code < 400) return; // a password is needed: wait for PASS
        Credential.Result result = code >= 200 && code < 300 ? Credential.Result.ACCEPTED
                : code >= 400 ? Credential.Result.REJECTED : Credential.Result.UNKNOWN;
        if (result == Credential.Result.ACCEPTED) loggedIn = login.user();
        events.emit(login.withResult(result, r.frame(), r.timeNs(), r.code() + " " + r.arg()));
        login = null;
    }

    /** A login whose answer never came. */
    private void flushLogin() {
        if (login != null) events.emit(login);
        login = null;
    }

    /** A data connection announced at {@code hp}; when the address is another than the peer's, both are awaited. */
    private void announce(FtpAddresses.HostPort hp, String peer, long frame, long timeNs) {
        if (hp == null) {
            anomalies.add(Anomaly.FTP_BAD_DATA_ADDRESS, frame);
            return;
        }
        if (transfers.size() >= config.maxTransfers()) {
            anomalies.add(Anomaly.FTP_TRANSFER_LIMIT, frame);
            return;
        }
        // announcements never used (no command, no connection) are superseded by this one
        transfers.removeIf(old -> old.command() == null && !old.opened());
        FtpTransfer t = new FtpTransfer(this);
        transfers.add(t);
        long until = timeNs + config.expectTimeoutNs();
        Expectations.Opener open = dataConn -> t.open(dataConn, config, anomalies);
        // a PASV answer behind NAT names a private address: the peer's own address with that port is awaited too
        if (!hp.addr().equals(peer)) expectations.expect(peer, hp.port(), Proto.FTP_DATA, until, open, frame);
        expectations.expect(hp.addr(), hp.port(), Proto.FTP_DATA, until, open, frame);
    }

    /** A data connection of {@code t} ended. */
    void dataDone(FtpTransfer t) {
        if (t.ready() || closed) emit(t);
    }

    private void emit(FtpTransfer t) {
        transfers.remove(t);
        t.emit(conn, events);
    }

    void onClose(long frame, long timeNs) {
        if (closed) return;
        closed = true;
        flushLogin();
        for (FtpTransfer t : List.copyOf(transfers)) if (t.dataClosed()) emit(t);
    }

    /** Which way a transfer went, by its command. */
    static Direction direction(String verb) {
        return switch (verb) {
            case "STOR", "STOU", "APPE" -> Direction.UPLOAD;
            default -> Direction.DOWNLOAD;
        };
    }
}
