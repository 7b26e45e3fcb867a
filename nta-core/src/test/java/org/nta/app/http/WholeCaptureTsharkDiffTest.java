package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP message of the web shell capture (10,526: gobuster, sqlmap, Firefox, curl, the upload and the shell)
 * replayed from its TCP segments lands on the frame tshark shows it on, with the same stream, method, URI, status
 * and request_in, and without a single anomaly. The capture has no retransmissions or reordering, so segments are
 * fed as they come (TCP reassembly is not under test here).
 */
class WholeCaptureTsharkDiffTest {
    static List<String[]> rows(String resource) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                WholeCaptureTsharkDiffTest.class.getResourceAsStream(resource)), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    static boolean flag(String s) {
        return s.equals("1") || s.equals("True");
    }

    @Test
    void everyMessageMatchesTshark() throws IOException {
        Map<Integer, HttpConnectionParser> parsers = new HashMap<>();
        Map<Integer, String> clients = new HashMap<>();
        Map<Long, String> got = new TreeMap<>();
        AnomalyCounter anomalies = new AnomalyCounter();
        HttpListener listener = new HttpListener() {
            @Override
            public void onRequest(HttpRequest r) {
                got.put(r.frame(), r.conn().stream() + "\t" + r.method() + "\t" + r.uri() + "\t\t");
            }

            @Override
            public void onResponse(HttpResponse r) {
                got.put(r.frame(), r.conn().stream() + "\t\t\t" + r.status() + "\t"
                        + (r.requestFrame() == 0 ? "" : r.requestFrame()));
            }
        };
        long last = 0;
        for (String[] f : rows("/http/webshell-port80-segments.tsv.gz")) {
            long frame = Long.parseLong(f[0]);
            String[] t = f[1].split("\\.");
            long timeNs = Long.parseLong(t[0]) * 1_000_000_000L + Long.parseLong((t[1] + "000000000").substring(0, 9));
            int stream = Integer.parseInt(f[2]);
            String src = f[3] + ":" + f[4];
            // the client opened the connection: the sender of the first SYN, or the receiver of a first SYN/ACK
            String client = clients.computeIfAbsent(stream, s -> flag(f[5]) && flag(f[6]) ? "!" + src : src);
            boolean fromClient = client.startsWith("!") ? !client.substring(1).equals(src) : client.equals(src);
            HttpConnectionParser p = parsers.computeIfAbsent(stream, s -> new HttpConnectionParser(
                    new ConnInfo("tcp", s, 4, "", 0, "", 80), HttpConfig.defaults(), listener, anomalies));
            if (!f[9].isEmpty()) {
                byte[] d = HexFormat.of().parseHex(f[9].replace(":", ""));
                p.onData(fromClient, d, 0, d.length, frame, timeNs);
            }
            if (flag(f[7])) p.onFin(fromClient, false, frame, timeNs);
            if (flag(f[8])) p.onFin(fromClient, true, frame, timeNs);
            last = frame;
        }
        for (HttpConnectionParser p : parsers.values()) p.onClose(last, 0);

        Map<Long, String> expected = new TreeMap<>();
        for (String[] f : rows("/http/webshell-http-tshark.tsv.gz")) {
            expected.put(Long.parseLong(f[0]), String.join("\t", f[1], f[2], f[3], f[4], f[5]));
        }
        assertThat(expected).hasSize(10_526);
        assertThat(got).isEqualTo(expected);
        assertThat(anomalies.asMap()).isEmpty();
    }
}
