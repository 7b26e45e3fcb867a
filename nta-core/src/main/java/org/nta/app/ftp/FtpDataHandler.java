package org.nta.app.ftp;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.reassembly.StreamHandler;

/**
 * An FTP data connection: its bytes (whichever side sends them) are the file or listing of its
 * {@link FtpTransfer}, hashed whole and kept up to the file limit. Missing bytes make it incomplete.
 */
final class FtpDataHandler implements StreamHandler {
    private ConnInfo conn;
    private final FtpTransfer transfer;
    private final FtpConfig config;
    private final AnomalyCounter anomalies;
    private final MessageDigest digest;
    private byte[] kept = new byte[0];
    private int keptLen;
    private long size, fromClient, fromServer, firstFrame, lastFrame, lastTimeNs;
    private boolean incomplete, truncatedCounted;

    FtpDataHandler(ConnInfo conn, FtpTransfer transfer, FtpConfig config, AnomalyCounter anomalies) {
        this.conn = conn;
        this.transfer = transfer;
        this.config = config;
        this.anomalies = anomalies;
        this.digest = org.nta.bytes.Digests.sha256();
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        if (len <= 0) return;
        if (firstFrame == 0) firstFrame = frame;
        lastFrame = frame;
        lastTimeNs = timeNs;
        if (fromClient) this.fromClient += len;
        else fromServer += len;
        size += len;
        digest.update(data, off, len);
        int room = Math.min(len, config.maxFileBytes() - keptLen);
        if (room < len && !truncatedCounted) {
            truncatedCounted = true;
            anomalies.add(Anomaly.FTP_FILE_TRUNCATED, frame);
        }
        if (room <= 0) return;
        if (kept.length < keptLen + room) {
            kept = Arrays.copyOf(kept, (int) Math.min(config.maxFileBytes(), Math.max(keptLen + room, Math.max(4096L, kept.length * 2L))));
        }
        System.arraycopy(data, off, kept, keptLen, room);
        keptLen += room;
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        incomplete = true;
        anomalies.add(Anomaly.FTP_DATA_GAP, frame);
    }

    @Override
    public void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
        long c = fromClient;
        fromClient = fromServer;
        fromServer = c;
    }

    @Override
    public void onClose(long frame, long timeNs) {
        if (lastFrame == 0) {
            lastFrame = frame;
            lastTimeNs = timeNs;
            firstFrame = frame;
        }
        transfer.closed(this);
    }

    ConnInfo conn() {
        return conn;
    }

    long bytesFrom(boolean client) {
        return client ? fromClient : fromServer;
    }

    byte[] kept() {
        return Arrays.copyOf(kept, keptLen);
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    long firstFrame() {
        return firstFrame;
    }

    long lastFrame() {
        return lastFrame;
    }

    long lastTimeNs() {
        return lastTimeNs;
    }

    boolean incomplete() {
        return incomplete;
    }
}
