package org.nta.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.nta.bytes.AnomalyCounter;
import org.nta.capture.CaptureReader;
import org.nta.capture.CaptureSource;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.filter.DisplayFilter;
import org.nta.filter.FieldRegistry;
import org.nta.filter.PacketView;
import org.nta.flow.Flow;
import org.nta.flow.FlowConfig;
import org.nta.flow.FlowTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Display filter evaluation against decoding, per whole capture: {@link #decodeAndTrack} decodes every frame and
 * tracks its flow; {@link #filter} evaluates a compiled filter on every frame already decoded. Run with
 * {@code java -jar nta-bench/target/nta-bench.jar FilterBench -p capture=samples/webshell-lab.pcap.gz}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterBench {
    @Param("samples/webshell-lab.pcap.gz")
    public String capture;

    @Param({"tcp.flags.syn == 1 && tcp.flags.ack == 0",
            "(ip.addr == 10.0.0.0/8 && tcp.port in {80, 443, 8000..8080}) || ipv6.addr == fe80::/10 || tcp.seq > 1000 || eth.src[0:3] == 08:00:27",
            "frame contains \"sqlmap\""})
    public String expression;

    private final List<Frame> frames = new ArrayList<>();
    private Packet[] packets;
    private Flow[] flows;
    private boolean[] fromA;
    private DisplayFilter compiled;

    @Setup(Level.Trial)
    public void load() throws Exception {
        try (CaptureSource src = CaptureSource.open(capture, false)) {
            CaptureReader r = src.reader();
            Frame f = new Frame();
            while (r.next(f)) frames.add(f.copy());
        }
        packets = new Packet[frames.size()];
        flows = new Flow[frames.size()];
        fromA = new boolean[frames.size()];
        PacketDecoder d = new PacketDecoder();
        FlowTable t = new FlowTable(FlowConfig.DEFAULTS, x -> { }, new AnomalyCounter());
        for (int i = 0; i < frames.size(); i++) {
            packets[i] = new Packet();
            d.decode(frames.get(i), packets[i]);
            flows[i] = t.track(packets[i]);
            fromA[i] = flows[i] != null && t.fromA;
        }
        compiled = DisplayFilter.compile(expression, FieldRegistry.packetFields());
    }

    @Benchmark
    public long decodeAndTrack() {
        PacketDecoder d = new PacketDecoder();
        FlowTable t = new FlowTable(FlowConfig.DEFAULTS, x -> { }, new AnomalyCounter());
        Packet p = new Packet();
        long n = 0;
        for (Frame f : frames) {
            d.decode(f, p);
            if (t.track(p) != null) n++;
        }
        return n;
    }

    @Benchmark
    public long filter() {
        PacketView v = new PacketView();
        long n = 0;
        for (int i = 0; i < packets.length; i++) if (compiled.matches(v.next(packets[i], flows[i], fromA[i]))) n++;
        return n;
    }
}
