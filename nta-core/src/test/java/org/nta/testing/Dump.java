package org.nta.testing;

import java.util.List;

import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

/** Developer aid: prints how NTA decoded each frame (layer path, anomaly, stream). Not a test. */
public final class Dump {
    public static void main(String[] args) throws Exception {
        long from = args.length > 1 ? Long.parseLong(args[1]) : 1, to = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        try (CaptureSource src = CaptureSource.open(args[0], false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(new PacketSink() {
                @Override
                public void onPacket(Packet p, Flow flow, boolean fromA) {
                    long n = p.frame.number;
                    if (n < from || n > to) return;
                    System.out.println(n + "\t" + p.pathString() + "\t" + (p.anomaly == null ? "" : p.anomaly.id()) + "\t"
                            + (flow == null ? "" : flow.toString()) + "\tl4=" + p.l4Proto + " trunc=" + p.l4HeaderTruncated
                            + " frag=" + p.fragment + " caplen=" + p.frame.capLen + " len=" + p.frame.origLen);
                }
            }));
        }
    }
}
