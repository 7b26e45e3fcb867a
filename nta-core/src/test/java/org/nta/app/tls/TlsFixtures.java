package org.nta.app.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.app.Fixtures;

/** The recorded TLS connections of tls/segments.txt. */
final class TlsFixtures {
    record Segment(long frame, boolean fromClient, byte[] data) {}

    private TlsFixtures() {}

    /** Segments by connection ("tls-0"), in capture order. */
    static Map<String, List<Segment>> connections() {
        Map<String, List<Segment>> m = new LinkedHashMap<>();
        for (String line : lines("/tls/segments.txt")) {
            String[] f = line.split(" ");
            m.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new Segment(Long.parseLong(f[1]), f[2].equals("c"), Fixtures.hex(f[3])));
        }
        return m;
    }

    /** The first segment of one direction of a connection: its first record(s). */
    static byte[] first(String conn, boolean fromClient) {
        for (Segment s : connections().get(conn)) if (s.fromClient() == fromClient) return s.data();
        throw new IllegalArgumentException(conn);
    }

    static List<String> lines(String path) {
        List<String> out = new ArrayList<>();
        for (String l : new String(Fixtures.resource(path), StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank() && !l.startsWith("#")) out.add(l);
        }
        return out;
    }
}
