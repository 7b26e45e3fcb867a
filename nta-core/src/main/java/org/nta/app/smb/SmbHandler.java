package org.nta.app.smb;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.SmbMessage;
import org.nta.reassembly.StreamHandler;

/**
 * One SMB connection: splits each direction into NetBIOS session service messages (RFC 1002 4.3: a type byte and
 * a length; on 445 the same 4-byte header with a 24-bit length) and hands each whole message to the SMB1 or SMB2
 * parser by its protocol id. After missing bytes a direction is lost until a header followed by an SMB protocol id
 * is found again. Buffers grow with the bytes received, up to {@link SmbConfig#maxMessageBytes()}.
 */
public final class SmbHandler implements StreamHandler {
    private final SmbState state;
    private final Smb2Parser smb2;
    private final Smb1Parser smb1;
    private final Direction client = new Direction(true), server = new Direction(false);

    public SmbHandler(ConnInfo conn, SmbConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.state = new SmbState(conn, config, anomalies, sink);
        this.smb2 = new Smb2Parser(state);
        this.smb1 = new Smb1Parser(state);
    }

    private enum State { HEADER, BODY, SKIP, LOST }

    private static final class Direction {
        final boolean fromClient;
        State state = State.HEADER;
        final byte[] hdr = new byte[4];
        int hdrHave, type, len, have;
        long skip;
        byte[] msg = new byte[0];

        Direction(boolean fromClient) {
            this.fromClient = fromClient;
        }
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        int p = off, end = off + len;
        while (p < end) {
            switch (d.state) {
                case LOST -> {
                    int at = resync(data, p, end);
                    if (at < 0) return;
                    p = at;
                    d.state = State.HEADER;
                }
                case HEADER -> {
                    int take = Math.min(4 - d.hdrHave, end - p);
                    System.arraycopy(data, p, d.hdr, d.hdrHave, take);
                    d.hdrHave += take;
                    p += take;
                    if (d.hdrHave == 4) header(d, frame, timeNs);
                }
                case BODY -> {
                    int take = Math.min(d.len - d.have, end - p);
                    if (d.msg.length < d.have + take) {
                        d.msg = Arrays.copyOf(d.msg, Math.min(d.len, Math.max(d.have + take, Math.max(4096, d.msg.length * 2))));
                    }
                    System.arraycopy(data, p, d.msg, d.have, take);
                    d.have += take;
                    p += take;
                    if (d.have == d.len) {
                        message(d, d.msg, 0, d.len, frame, timeNs);
                        d.state = State.HEADER;
                        if (d.msg.length > 1 << 16) d.msg = new byte[0];
                    }
                }
                case SKIP -> {
                    int take = (int) Math.min(d.skip, end - p);
                    d.skip -= take;
                    p += take;
                    if (d.skip == 0) d.state = State.HEADER;
                }
            }
        }
    }

    /** The first offset in data[p, end) where an NBSS session message with an SMB protocol id starts, or -1. */
    static int resync(byte[] b, int p, int end) {
        for (int i = p; i + 8 <= end; i++) {
            if (b[i] == 0 && b[i + 5] == 'S' && b[i + 6] == 'M' && b[i + 7] == 'B' && SmbDetect.looksLikeSmb(b, i, end - i, false)) return i;
        }
        return -1;
    }

    private void header(Direction d, long frame, long timeNs) {
        d.hdrHave = 0;
        d.type = d.hdr[0] & 0xff;
        int length = Bytes.u24(d.hdr, 1);
        if (d.type != 0) length &= 0x1ffff;
        if (d.type != 0 && d.type != 0x81 && d.type != 0x82 && d.type != 0x83 && d.type != 0x84 && d.type != 0x85) {
            state.anomalies.add(Anomaly.SMB_MALFORMED, frame);
            d.state = State.LOST;
            return;
        }
        if (length > state.config.maxMessageBytes()) {
            state.anomalies.add(Anomaly.SMB_MESSAGE_TOO_LARGE, frame);
            d.skip = length;
            d.state = State.SKIP;
            return;
        }
        d.len = length;
        d.have = 0;
        if (length == 0) {
            message(d, d.msg, 0, 0, frame, timeNs);
            return;
        }
        d.state = State.BODY;
    }

    private void message(Direction d, byte[] b, int off, int len, long frame, long timeNs) {
        if (d.type == 0 && len >= 4 && b[off + 1] == 'S' && b[off + 2] == 'M' && b[off + 3] == 'B') {
            switch (b[off] & 0xff) {
                case 0xfe -> {
                    smb2.parse(d.fromClient, b, off, len, d.type, frame, timeNs);
                    return;
                }
                case 0xff -> {
                    smb1.parse(d.fromClient, b, off, len, d.type, frame, timeNs);
                    return;
                }
                case 0xfd -> {
                    smb2.transform(d.fromClient, b, off, len, d.type, frame, timeNs);
                    return;
                }
                default -> {
                }
            }
        }
        if (d.type == 0 && len > 0) state.anomalies.add(Anomaly.SMB_MALFORMED, frame);
        state.emit(new SmbMessage(frame, timeNs, state.conn, d.fromClient, 0, d.type, false, -1, List.of(), !d.fromClient,
                -1, -1, -1, -1, null, null, List.of(), List.of()));
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        if (d.state == State.SKIP && len < d.skip) {
            d.skip -= len;
            return;
        }
        if (d.state == State.BODY || d.hdrHave > 0 || d.state == State.SKIP) state.anomalies.add(Anomaly.SMB_GAP, frame);
        d.state = State.LOST;
        d.hdrHave = 0;
        d.msg = new byte[0];
    }

    @Override
    public void onClose(long frame, long timeNs) {
        state.end();
    }
}
