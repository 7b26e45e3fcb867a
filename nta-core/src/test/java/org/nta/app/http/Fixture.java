package org.nta.app.http;

import org.nta.event.ConnInfo;
import org.nta.reassembly.StreamHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A TCP connection's payloads extracted with tshark from the reference captures (see the files' first line):
 * one line per segment, "C|S frame time_ns hex", "CF|SF frame time_ns" for FINs, "CR|SR" for resets.
 */
record Fixture(String name, ConnInfo conn, List<Segment> segments) {
    record Segment(boolean fromClient, long frame, long timeNs, byte[] data, boolean fin, boolean rst) {
    }

    static Fixture load(String name, int stream) {
        String res = "/http/" + name + ".txt";
        try (InputStream raw = open(res)) {
            String text = new String(raw.readAllBytes(), StandardCharsets.US_ASCII);
            List<Segment> segs = new ArrayList<>();
            ConnInfo conn = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("# conn ")) {
                    String[] f = line.substring(7).trim().split(" ");
                    conn = new ConnInfo("tcp", stream, 4, f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]));
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(" ");
                boolean client = f[0].charAt(0) == 'C';
                long frame = Long.parseLong(f[1]);
                long t = Long.parseLong(f[2]);
                if (f[0].length() == 2) segs.add(new Segment(client, frame, t, null, f[0].charAt(1) == 'F',
                        f[0].charAt(1) == 'R'));
                else segs.add(new Segment(client, frame, t, HexFormat.of().parseHex(f[3]), false, false));
            }
            return new Fixture(name, conn, segs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String res) throws IOException {
        InputStream in = Fixture.class.getResourceAsStream(res);
        if (in != null) return in;
        in = Fixture.class.getResourceAsStream(res + ".gz");
        if (in == null) throw new IOException("missing test resource " + res);
        return new GZIPInputStream(in);
    }

    /** Feeds every segment in capture order, then closes on the last frame. */
    void replay(StreamHandler h) {
        long last = 0;
        long lastT = 0;
        for (Segment s : segments) {
            if (s.fin || s.rst) h.onFin(s.fromClient, s.rst, s.frame, s.timeNs);
            else h.onData(s.fromClient, s.data, 0, s.data.length, s.frame, s.timeNs);
            last = s.frame;
            lastT = s.timeNs;
        }
        h.onClose(last, lastT);
    }

    /** All bytes of one direction. */
    byte[] stream(boolean fromClient) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Segment s : segments) if (s.fromClient == fromClient && s.data != null) out.writeBytes(s.data);
        return out.toByteArray();
    }
}
