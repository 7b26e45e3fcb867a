package org.nta.testing;

import static org.nta.testing.Packets.eth;
import static org.nta.testing.Packets.ipv4;
import static org.nta.testing.Packets.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a pcap of TCP connections packet by packet, one millisecond apart: segments in order, out of order, lost
 * (never written), resent with other bytes, with or without the handshake. Each data segment acknowledges what the
 * other side has sent so far, as a real stack would.
 */
public final class TcpCapture {
    static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16;
    private final List<CaptureFiles.Rec> recs = new ArrayList<>();
    private long timeNs = 1_700_000_000_000_000_000L;

    /** A connection from {@code client}:{@code cport} to {@code server}:{@code sport}. */
    public Conn conn(String client, int cport, String server, int sport, boolean handshake) {
        return new Conn(client, cport, server, sport, handshake);
    }

    public int frames() {
        return recs.size();
    }

    public byte[] pcap() {
        return CaptureFiles.pcap(false, false, 1, recs);
    }

    public Path write(Path dir, String name) {
        try {
            return Files.write(dir.resolve(name), pcap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void packet(String src, int sp, String dst, int dp, long seq, long ack, int flags, byte[] data) {
        timeNs += 1_000_000;
        recs.add(new CaptureFiles.Rec(timeNs, eth(0x0800, ipv4(src, dst, 6, tcp(sp, dp, seq & 0xffffffffL, ack & 0xffffffffL, flags, data)))));
    }

    public final class Conn {
        final String c, s;
        final int cp, sp;
        /** Next sequence number of each side. */
        long cseq = 1000, sseq = 5000;

        Conn(String c, int cp, String s, int sp, boolean handshake) {
            this.c = c;
            this.cp = cp;
            this.s = s;
            this.sp = sp;
            if (handshake) {
                packet(c, cp, s, sp, cseq, 0, SYN, new byte[0]);
                packet(s, sp, c, cp, sseq, cseq + 1, SYN | ACK, new byte[0]);
                packet(c, cp, s, sp, cseq + 1, sseq + 1, ACK, new byte[0]);
                cseq++;
                sseq++;
            }
        }

        /** The client sends {@code data} in one segment. */
        public Conn c2s(String data) {
            cseg(data, 0);
            cseq += data.length();
            return this;
        }

        public Conn s2c(String data) {
            sseg(data, 0);
            sseq += data.length();
            return this;
        }

        /** A client segment {@code off} bytes after its next sequence number, which does not move. */
        public Conn cseg(String data, int off) {
            packet(c, cp, s, sp, cseq + off, sseq, PSH | ACK, bytes(data));
            return this;
        }

        public Conn sseg(String data, int off) {
            packet(s, sp, c, cp, sseq + off, cseq, PSH | ACK, bytes(data));
            return this;
        }

        /** The client's next sequence number moves by {@code n} (bytes it sent, captured or not). */
        public Conn csent(int n) {
            cseq += n;
            return this;
        }

        public Conn ssent(int n) {
            sseq += n;
            return this;
        }

        /** FIN from the client, FIN from the server, last ACK. */
        public Conn fin() {
            packet(c, cp, s, sp, cseq, sseq, FIN | ACK, new byte[0]);
            packet(s, sp, c, cp, sseq, cseq + 1, FIN | ACK, new byte[0]);
            packet(c, cp, s, sp, cseq + 1, sseq + 1, ACK, new byte[0]);
            return this;
        }

        private byte[] bytes(String data) {
            return data.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
