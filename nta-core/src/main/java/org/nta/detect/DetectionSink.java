package org.nta.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.nta.decode.Packet;
import org.nta.engine.PacketSink;
import org.nta.event.Event;
import org.nta.flow.Flow;

/** Runs the detectors as one pipeline sink and gathers their findings in a reproducible order. */
public final class DetectionSink implements PacketSink {
    private final List<Detector> detectors;
    private final List<Finding> findings = new ArrayList<>();

    public DetectionSink(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        for (Detector d : detectors) d.onPacket(p, flow, fromA);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        for (Detector d : detectors) d.onFlowEnd(flow);
    }

    @Override
    public void onEvent(Event e) {
        for (Detector d : detectors) d.onEvent(e);
    }

    /** All findings, by first frame, then type, then attacker and victim. */
    public List<Finding> finish() {
        for (Detector d : detectors) findings.addAll(d.finish());
        findings.sort(ORDER);
        return List.copyOf(findings);
    }

    public static final Comparator<Finding> ORDER = Comparator.comparingLong(Finding::firstFrame)
            .thenComparing(f -> f.type().ordinal())
            .thenComparing(f -> String.valueOf(f.attacker()))
            .thenComparing(f -> String.valueOf(f.victim()))
            .thenComparingLong(Finding::lastFrame);
}
