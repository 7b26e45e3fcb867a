package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.AppLayer;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.EventSink;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.reassembly.StreamHandlerFactory;
import org.nta.reassembly.StreamRecorder;
import org.nta.testing.LossyCaptures;
import org.nta.testing.Tools;

/**
 * HTTP over lossy, mid-stream and role-reversed connections ({@link LossyCaptures#lossy}) as {@code tshark -2} shows
 * it: every request and response on its frame with the request it answers, and each stream's turns in order. NTA
 * also reports a message whose bytes are missing (flagged incomplete) that Wireshark never completes; those are left
 * out of the comparison.
 */
@Tag("tshark")
class LossyDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void httpAgreesWithTshark() throws Exception {
        AppDifferential.requireTshark();
        Path file = LossyCaptures.lossy().write(dir, "lossy.pcap");
        Map<Long, String> theirs = new TreeMap<>();
        Tools.Result r = Tools.run(60, "tshark", "-2", "-r", file.toString(), "-Y", "http.request || http.response",
                "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "http.request.method",
                "-e", "http.request.uri", "-e", "http.response.code", "-e", "http.request_in");
        for (String line : Tools.lines(r.out())) {
            String[] c = line.split("\\|", -1);
            theirs.put(Long.parseLong(c[0]), c[3].isEmpty() ? c[1] + " " + c[2] : c[3] + " request_in=" + c[4]);
        }
        Map<Long, String> ours = new TreeMap<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                if (e instanceof HttpRequest q && !q.incomplete()) ours.put(q.frame(), q.method() + " " + q.uri());
                if (e instanceof HttpResponse s && !s.incomplete()) {
                    ours.put(s.frame(), s.status() + " request_in=" + (s.requestFrame() > 0 ? s.requestFrame() : ""));
                }
            }
        };
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.httpOnly()));
        }
        assertThat(theirs).hasSizeGreaterThan(10);
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void followShowsTheTurnsInTsharksOrder() throws Exception {
        assumeTrue(Tools.has("tshark") || "true".equalsIgnoreCase(System.getenv("CI")), "tshark not installed");
        Path file = LossyCaptures.lossy().write(dir, "lossy.pcap");
        Map<Integer, StreamRecorder> recorders = new HashMap<>();
        Map<Integer, ConnInfo> conns = new HashMap<>();
        AppLayer app = new AppLayer() {
            @Override
            public StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies) {
                return StreamHandlerFactory.withOpener((flow, conn) -> {
                    conns.put(flow.stream(), conn);
                    return recorders.computeIfAbsent(flow.stream(), s -> new StreamRecorder(1 << 20));
                }, AppDispatcher::opener);
            }
        };
        int streams;
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            streams = (int) new Engine(EngineConfig.DEFAULTS).run(src, List.of(), app).tcpStreams();
        }
        for (int s = 0; s < streams; s++) {
            StreamRecorder rec = recorders.get(s);
            ConnInfo conn = rec.swappedConn() != null ? rec.swappedConn() : conns.get(s);
            List<String> ours = new ArrayList<>();
            for (StreamRecorder.Turn t : rec.turns()) {
                String side = (t.fromClient ? conn.clientAddr() + ":" + conn.clientPort() : conn.serverAddr() + ":" + conn.serverPort());
                if (t.size() > 0) ours.add(side + " " + Bytes.hex(t.bytes()));
            }
            assertThat(ours).as("stream %d", s).isEqualTo(tsharkTurns(file, s));
        }
    }

    /** tshark's follow raw output as turns: consecutive segments of one side joined, "bytes missing" notes left out. */
    static List<String> tsharkTurns(Path file, int stream) {
        String out = Tools.run(60, "tshark", "-r", file.toString(), "-q", "-z", "follow,tcp,raw," + stream).out();
        String node0 = null, node1 = null;
        List<String> turns = new ArrayList<>();
        String side = null;
        StringBuilder hex = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("Node 0: ")) node0 = line.substring(8).trim();
            else if (line.startsWith("Node 1: ")) node1 = line.substring(8).trim();
            else if (node1 != null && !line.isBlank() && !line.startsWith("=====")) {
                String h = line.trim();
                if (Bytes2.ascii(h).contains("bytes missing in capture file")) continue;
                String s = line.startsWith("\t") ? node1 : node0;
                if (!s.equals(side) && side != null) {
                    turns.add(side + " " + hex);
                    hex.setLength(0);
                }
                side = s;
                hex.append(h);
            }
        }
        if (side != null) turns.add(side + " " + hex);
        return turns;
    }

    private static final class Bytes2 {
        static String ascii(String hex) {
            return new String(org.nta.testing.Bytes2.hex(hex), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
