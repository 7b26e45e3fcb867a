package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.AppLayer;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.event.ConnInfo;
import org.nta.event.EventSink;
import org.nta.reassembly.StreamHandlerFactory;
import org.nta.reassembly.StreamRecorder;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * Issue 3, acceptance 2: for every TCP stream of the reference captures, the bytes NTA reassembles in each
 * direction equal those of {@code tshark -q -z follow,tcp,raw,N}.
 */
@Tag("tshark")
class FollowDifferentialTest {
    record Recorded(ConnInfo conn, StreamRecorder rec) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"webshell-lab.pcap.gz", "benign-lab.pcap.gz", "benign-office-day.pcap.gz",
            "connect-scan-ffuf-post-shell.pcap.gz", "hydra-login-bruteforce.pcap.gz", "ipv6-fin-udp-wfuzz-b64-ncat.pcap.gz",
            "sqlmap-union-web-probes.pcap.gz"})
    void everyStreamMatchesTsharkFollowRaw(String name) throws Exception {
        assumeTrue(Tools.has("tshark") || "true".equalsIgnoreCase(System.getenv("CI")), "tshark not installed");
        Path file = TestFiles.capture(name);
        Map<Integer, Recorded> ours = new HashMap<>();
        AppLayer app = new AppLayer() {
            @Override
            public StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies) {
                return StreamHandlerFactory.withOpener((flow, conn) -> {
                    StreamRecorder r = new StreamRecorder(Long.MAX_VALUE);
                    ours.put(flow.stream(), new Recorded(conn, r));
                    return r;
                }, org.nta.app.AppDispatcher::opener);
            }
        };
        int streams;
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            streams = (int) new Engine(EngineConfig.DEFAULTS).run(src, List.of(), app).tcpStreams();
        }
        Map<Integer, String[]> theirs = tsharkFollow(file, streams);
        int compared = 0;
        for (int s = 0; s < streams; s++) {
            String[] t = theirs.get(s);
            assertThat(t).as("tshark follow output for stream %d", s).isNotNull();
            Recorded r = ours.get(s);
            String node0 = t[0], c2s, s2c;
            byte[] n0 = Bytes2(t[1]), n1 = Bytes2(t[2]);
            if (r == null) {
                assertThat(n0.length + n1.length).as("stream %d: NTA has no bytes, tshark has", s).isZero();
                continue;
            }
            ConnInfo conn = r.rec().swappedConn() != null ? r.rec().swappedConn() : r.conn();
            String client = conn.clientAddr().indexOf(':') >= 0 ? "[" + conn.clientAddr() + "]" : conn.clientAddr();
            boolean node0IsClient = node0.equals(client + ":" + conn.clientPort()); // tshark: [v6]:port
            c2s = Bytes.hex(r.rec().direction(true));
            s2c = Bytes.hex(r.rec().direction(false));
            assertThat(c2s).as("stream %d client → server", s).isEqualTo(node0IsClient ? t[1] : t[2]);
            assertThat(s2c).as("stream %d server → client", s).isEqualTo(node0IsClient ? t[2] : t[1]);
            compared++;
        }
        assertThat(compared).isPositive();
    }

    private static byte[] Bytes2(String hex) {
        return org.nta.testing.Bytes2.hex(hex);
    }

    /** Runs tshark with many follow taps at once; returns per stream {node 0, node 0 hex, node 1 hex}. */
    static Map<Integer, String[]> tsharkFollow(Path file, int streams) {
        Map<Integer, String[]> out = new HashMap<>();
        int batch = 250;
        for (int from = 0; from < streams; from += batch) {
            List<String> cmd = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-q"));
            for (int s = from; s < Math.min(streams, from + batch); s++) {
                cmd.add("-z");
                cmd.add("follow,tcp,raw," + s);
            }
            Tools.Result r = Tools.run(600, cmd.toArray(new String[0]));
            parse(r.out(), out);
        }
        return out;
    }

    static void parse(String text, Map<Integer, String[]> out) {
        int stream = -1;
        String node0 = null;
        StringBuilder a = null, b = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Filter: tcp.stream eq ")) {
                stream = Integer.parseInt(line.substring("Filter: tcp.stream eq ".length()).trim());
                a = new StringBuilder();
                b = new StringBuilder();
            } else if (line.startsWith("Node 0: ")) {
                node0 = line.substring(8).trim();
            } else if (line.startsWith("Node 1: ") || line.startsWith("Follow: ")) {
                continue;
            } else if (line.startsWith("=====")) {
                if (stream >= 0) out.put(stream, new String[] {node0, a.toString(), b.toString()});
                stream = -1;
            } else if (stream >= 0 && !line.isEmpty()) {
                if (line.startsWith("\t")) b.append(line.trim());
                else a.append(line.trim());
            }
        }
    }
}
