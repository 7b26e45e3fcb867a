package org.nta.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.nta.capture.CaptureSource;
import org.nta.capture.Frame;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.flow.FlowConfig;
import org.nta.flow.FlowTable;
import org.nta.bytes.AnomalyCounter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoder throughput on the frames of a real capture held in memory (so no I/O is measured): one operation is
 * one frame, so the score is frames per second on one core. {@code decodeAndTrack} adds the flow table.
 *
 * <pre>java -jar nta-bench/target/nta-bench.jar DecoderBenchmark -p capture=samples/webshell-lab.pcap.gz</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {
    static final int FRAMES = 16384;

    @Param("samples/webshell-lab.pcap.gz")
    public String capture;

    Frame[] frames;
    final Packet packet = new Packet();
    PacketDecoder decoder;
    FlowTable flows;

    @Setup(Level.Trial)
    public void load() throws Exception {
        List<Frame> list = new ArrayList<>();
        try (CaptureSource src = CaptureSource.open(capture, false)) {
            Frame f = new Frame();
            while (list.size() < FRAMES && src.reader().next(f)) list.add(f.copy());
        }
        while (list.size() < FRAMES) list.addAll(new ArrayList<>(list.subList(0, Math.min(list.size(), FRAMES - list.size()))));
        frames = list.toArray(new Frame[0]);
        decoder = new PacketDecoder();
        flows = new FlowTable(FlowConfig.DEFAULTS, f -> { }, new AnomalyCounter());
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode(Blackhole bh) {
        for (Frame f : frames) {
            decoder.decode(f, packet);
            bh.consume(packet.srcPort);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeAndTrack(Blackhole bh) {
        for (Frame f : frames) {
            decoder.decode(f, packet);
            bh.consume(flows.track(packet));
        }
    }
}
