package org.nta.app.kerberos;

import java.util.Arrays;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.reassembly.StreamHandler;

/**
 * Kerberos over TCP (RFC 4120 7.2.2): each message follows a 4-byte big-endian length whose high bit is reserved.
 * Messages are decoded when whole; one longer than {@link KerberosConfig#maxMessageBytes()} is skipped and counted.
 * After missing bytes a direction is given up.
 */
public final class KerberosTcpHandler implements StreamHandler {
    private final ConnInfo conn;
    private final KerberosConfig config;
    private final AnomalyCounter anomalies;
    private final KerberosDecoder decoder;
    private final KerberosExchanges exchanges;
    private final Side client = new Side(), server = new Side();

    public KerberosTcpHandler(ConnInfo conn, KerberosConfig config, AnomalyCounter anomalies, KerberosDecoder decoder,
                              java.util.function.Consumer<? super org.nta.event.Event> sink) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.decoder = decoder;
        this.exchanges = new KerberosExchanges(4, sink);
    }

    /** Whether these first bytes are a length-prefixed Kerberos message. */
    public static boolean looksLikeKerberosOverTcp(byte[] b, int off, int len) {
        if (len < 12) return false;
        long n = Bytes.u32l(b, off);
        return n >= 8 && n < 1 << 24 && KerberosDecoder.looksLikeKerberos(b, off + 4, len - 4);
    }

    private static final class Side {
        final byte[] hdr = new byte[4];
        int hdrHave, have;
        long need, skip;
        byte[] msg = new byte[0];
        boolean lost;
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        Side s = fromClient ? client : server;
        int p = off, end = off + len;
        while (p < end && !s.lost) {
            if (s.skip > 0) {
                int n = (int) Math.min(s.skip, end - p);
                s.skip -= n;
                p += n;
            } else if (s.hdrHave < 4) {
                int n = Math.min(4 - s.hdrHave, end - p);
                System.arraycopy(data, p, s.hdr, s.hdrHave, n);
                s.hdrHave += n;
                p += n;
                if (s.hdrHave == 4) {
                    s.need = Bytes.u32l(s.hdr, 0) & 0x7fffffffL;
                    s.have = 0;
                    if (s.need > config.maxMessageBytes()) {
                        anomalies.add(Anomaly.KERBEROS_MESSAGE_TOO_LARGE, frame);
                        s.skip = s.need;
                        s.hdrHave = 0;
                    } else if (s.need == 0) {
                        s.hdrHave = 0;
                    }
                }
            } else {
                int n = (int) Math.min(s.need - s.have, end - p);
                if (s.msg.length < s.have + n) s.msg = Arrays.copyOf(s.msg, (int) Math.min(s.need, Math.max(s.have + n, s.msg.length * 2L + 256)));
                System.arraycopy(data, p, s.msg, s.have, n);
                s.have += n;
                p += n;
                if (s.have == s.need) {
                    var m = decoder.decode(s.msg, 0, s.have, conn, frame, timeNs);
                    if (m != null) exchanges.onMessage(m);
                    s.hdrHave = 0;
                    s.msg = new byte[0];
                }
            }
        }
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        Side s = fromClient ? client : server;
        if (s.skip > 0 && len <= s.skip) {
            s.skip -= len;
            return;
        }
        s.lost = true;
    }

    @Override
    public void onClose(long frame, long timeNs) {
        exchanges.finish();
    }
}
