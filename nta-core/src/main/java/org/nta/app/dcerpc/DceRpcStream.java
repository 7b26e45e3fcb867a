package org.nta.app.dcerpc;

import java.util.Arrays;
import java.util.function.Consumer;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.Event;

/**
 * One DCE/RPC conversation (a TCP connection, or one SMB named pipe): splits each direction into PDUs by the common
 * header's frag_length and hands each whole PDU to the {@link DceRpcParser}. Fed arbitrary slices. A PDU larger than
 * {@link DceRpcConfig#maxFragmentBytes()} is skipped and counted; after a bad header or missing bytes the direction
 * is lost until a plausible header is found again.
 */
public final class DceRpcStream {
    static final int HEADER = 16;
    private final DceRpcParser parser;
    private final AnomalyCounter anomalies;
    private final DceRpcConfig config;
    private final Direction client = new Direction(true), server = new Direction(false);

    public DceRpcStream(ConnInfo conn, String carrier, DceRpcConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.parser = new DceRpcParser(conn, carrier, config, anomalies, sink);
        this.anomalies = anomalies;
        this.config = config;
    }

    private enum State { HEADER, BODY, SKIP, LOST }

    private static final class Direction {
        final boolean fromClient;
        State state = State.HEADER;
        byte[] pdu = new byte[HEADER];
        int have, len;
        long skip;

        Direction(boolean fromClient) {
            this.fromClient = fromClient;
        }
    }

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
                    int take = Math.min(HEADER - d.have, end - p);
                    System.arraycopy(data, p, d.pdu, d.have, take);
                    d.have += take;
                    p += take;
                    if (d.have == HEADER) header(d, frame, timeNs);
                }
                case BODY -> {
                    int take = Math.min(d.len - d.have, end - p);
                    System.arraycopy(data, p, d.pdu, d.have, take);
                    d.have += take;
                    p += take;
                    if (d.have == d.len) {
                        parser.pdu(d.fromClient, d.pdu, 0, d.len, frame, timeNs);
                        d.state = State.HEADER;
                        d.have = 0;
                        if (d.pdu.length > 1 << 16) d.pdu = new byte[HEADER];
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

    /** Whether a common header starts at {@code p}: version 5.0 or 5.1, a known type, a sane data representation. */
    static boolean plausible(byte[] b, int p, int end) {
        if (p + HEADER > end) return false;
        int ptype = b[p + 2] & 0xff, drep = b[p + 4] & 0xff;
        boolean le = (drep & 0xf0) == 0x10;
        int fragLen = le ? Bytes.u16le(b, p + 8) : Bytes.u16(b, p + 8);
        return b[p] == 5 && (b[p + 1] == 0 || b[p + 1] == 1) && ptype <= 20 && ptype != 1 && (drep & 0xf0) <= 0x10
                && (drep & 0x0f) <= 1 && (b[p + 5] & 0xff) <= 3 && fragLen >= HEADER;
    }

    private static int resync(byte[] b, int p, int end) {
        for (int i = p; i + HEADER <= end; i++) if (b[i] == 5 && plausible(b, i, end)) return i;
        return -1;
    }

    private void header(Direction d, long frame, long timeNs) {
        byte[] h = d.pdu;
        if (!plausible(h, 0, HEADER)) {
            anomalies.add(Anomaly.DCERPC_MALFORMED, frame);
            d.state = State.LOST;
            d.have = 0;
            return;
        }
        boolean le = (h[4] & 0xf0) == 0x10;
        int fragLen = le ? Bytes.u16le(h, 8) : Bytes.u16(h, 8);
        if (fragLen > config.maxFragmentBytes()) {
            anomalies.add(Anomaly.DCERPC_FRAGMENT_TOO_LARGE, frame);
            d.skip = fragLen - HEADER;
            d.state = State.SKIP;
            d.have = 0;
            return;
        }
        d.len = fragLen;
        if (fragLen == HEADER) {
            parser.pdu(d.fromClient, d.pdu, 0, HEADER, frame, timeNs);
            d.have = 0;
            return;
        }
        if (d.pdu.length < fragLen) d.pdu = Arrays.copyOf(d.pdu, fragLen);
        d.state = State.BODY;
    }

    public void onGap(boolean fromClient, long len, long frame) {
        Direction d = fromClient ? client : server;
        if (d.state == State.SKIP && len < d.skip) {
            d.skip -= len;
            return;
        }
        if (d.state == State.BODY || d.have > 0 || d.state == State.SKIP) anomalies.add(Anomaly.DCERPC_GAP, frame);
        d.state = State.LOST;
        d.have = 0;
    }

    /** The conversation ended: calls never answered are reported. */
    public void end() {
        parser.end();
    }
}
