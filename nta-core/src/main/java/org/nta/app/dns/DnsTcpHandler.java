package org.nta.app.dns;

import java.util.function.Consumer;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.reassembly.StreamHandler;

/**
 * DNS over TCP (RFC 1035 4.2.2, RFC 7766): each direction is a sequence of messages, each preceded by its 2-byte
 * length. Messages may span segments and a segment may hold several. A message is reported on the frame that
 * delivered its last byte. After a gap a direction waits for data that starts like a message
 * ({@link DnsDetect#looksLikeDnsOverTcp}) before it parses again. Buffers grow with the bytes received, so a
 * length prefix alone cannot make it allocate 64 kB.
 */
public final class DnsTcpHandler implements StreamHandler {
    private final ConnInfo conn;
    private final DnsDecoder decoder;
    private final AnomalyCounter anomalies;
    private final Consumer<? super DnsMessage> sink;
    private final Direction client = new Direction(), server = new Direction();

    public DnsTcpHandler(ConnInfo conn, DnsDecoder decoder, AnomalyCounter anomalies,
                         Consumer<? super DnsMessage> sink) {
        this.conn = conn;
        this.decoder = decoder;
        this.anomalies = anomalies;
        this.sink = sink;
    }

    /** One direction's state: reading the length, or filling a message of known length. */
    private static final class Direction {
        int lenBytes;      // 0, 1 or 2 bytes of the length prefix seen
        int msgLen;        // length of the message being filled
        byte[] buf = new byte[0];
        int have;          // bytes of the message buffered
        boolean lost;      // after a gap, until a message start is recognised

        void reset() {
            lenBytes = 0;
            msgLen = 0;
            have = 0;
        }

        boolean idle() {
            return lenBytes == 0 && have == 0;
        }
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        if (d.lost) {
            if (!DnsDetect.looksLikeDnsOverTcp(data, off, len)) return;
            d.lost = false;
            d.reset();
        }
        int p = off, end = off + len;
        while (p < end) {
            if (d.lenBytes < 2) {
                if (d.lenBytes == 0 && end - p >= 2) {
                    d.msgLen = ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff);
                    d.lenBytes = 2;
                    p += 2;
                } else {
                    d.msgLen = (d.msgLen << 8) | (data[p++] & 0xff);
                    d.lenBytes++;
                }
                if (d.lenBytes == 2 && d.msgLen < DnsDecoder.HEADER) {
                    anomalies.add(Anomaly.DNS_TCP_LENGTH_INVALID, frame);
                    if (d.msgLen == 0) d.reset();
                }
                continue;
            }
            int need = d.msgLen - d.have;
            if (d.have == 0 && end - p >= need) {
                // the whole message is in this segment: decode in place
                emit(data, p, d.msgLen, frame, timeNs);
                p += need;
                d.reset();
                continue;
            }
            int take = Math.min(need, end - p);
            if (d.buf.length < d.have + take) {
                // grow with the bytes that arrived, not with what the length prefix claims
                int size = Math.min(d.msgLen, Math.max(d.have + take, Math.max(512, d.buf.length * 2)));
                d.buf = java.util.Arrays.copyOf(d.buf, size);
            }
            System.arraycopy(data, p, d.buf, d.have, take);
            d.have += take;
            p += take;
            if (d.have == d.msgLen) {
                emit(d.buf, 0, d.msgLen, frame, timeNs);
                d.reset();
            }
        }
    }

    private void emit(byte[] b, int off, int len, long frame, long timeNs) {
        if (len < DnsDecoder.HEADER) return; // counted when the length was read
        decoder.decode(b, off, len, conn, frame, timeNs).ifPresent(sink);
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        d.reset();
        d.lost = true;
    }

    /** A message cut short by the sender's FIN or RST is malformed; one cut by the end of the capture is not. */
    @Override
    public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
        Direction d = fromClient ? client : server;
        if (!d.lost && !d.idle()) anomalies.add(Anomaly.DNS_MALFORMED, frame);
        d.reset();
        if (reset) {
            Direction other = fromClient ? server : client;
            other.reset();
        }
    }

    @Override
    public void onClose(long frame, long timeNs) {
        client.reset();
        server.reset();
        client.buf = server.buf = new byte[0];
    }
}
