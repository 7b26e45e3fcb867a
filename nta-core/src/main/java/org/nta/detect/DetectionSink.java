package org.nta.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.nta.decode.Packet;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.flow.Flow;

/**
 * Runs the detectors as one pipeline sink and gathers their findings in a reproducible order. Detectors that read
 * packets run on the caller's thread; in background mode the others (released flows and events only) run on a
 * {@link DetectorThread} of their own, which gives the same findings.
 */
public final class DetectionSink implements PacketSink {
    private final List<Detector> detectors;
    /** Run on the caller's thread: every detector inline, else those that read packets. */
    private final Detector[] inline;
    private final Routes inlineRoutes;
    private final Detector[] inlinePackets;
    private final DetectorThread background;
    private final List<Finding> findings = new ArrayList<>();

    public DetectionSink(List<Detector> detectors) {
        this(detectors, false);
    }

    /** @param background run the detectors that need no packets on a thread of their own */
    public DetectionSink(List<Detector> detectors, boolean background) {
        this.detectors = List.copyOf(detectors);
        List<Detector> rest = new ArrayList<>();
        List<Detector> here = new ArrayList<>();
        for (Detector d : this.detectors) (background && !d.readsPackets() ? rest : here).add(d);
        this.inline = here.toArray(new Detector[0]);
        this.inlineRoutes = new Routes(here);
        this.inlinePackets = inlineRoutes.packets();
        this.background = rest.isEmpty() ? null : new DetectorThread(rest);
    }

    /** Whether a spare processor makes background mode worth it. */
    public static boolean backgroundHelps() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        for (Detector d : inlinePackets) d.onPacket(p, flow, fromA);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        for (Detector d : inlineRoutes.flows()) d.onFlowEnd(flow);
        if (background != null) background.flowEnded(flow);
    }

    @Override
    public void onEvent(Event e) {
        for (Detector d : inlineRoutes.events(e)) d.onEvent(e);
        if (background != null) background.event(e);
    }

    /** Stops a background thread without waiting (the run failed). */
    public void abandon() {
        if (background != null) background.abandon();
    }

    /** All findings, by first frame, then type, then attacker and victim. */
    public List<Finding> finish() {
        if (background != null) background.finish();
        for (Detector d : detectors) findings.addAll(d.finish());
        dropCoveredDisclosures();
        List<Finding> joined = org.nta.detect.c2.C2Correlation.apply(findings);
        findings.clear();
        findings.addAll(joined);
        findings.sort(ORDER);
        return List.copyOf(findings);
    }

    /**
     * A file read through a shell is reported by the shell family (with the shell it came through, in
     * evidence.via); the same bytes seen by the web family as an answer giving away a system file or key is the
     * same fact twice, so that copy goes when every frame it cites is covered by a shell-family finding.
     */
    private void dropCoveredDisclosures() {
        List<Finding> shellReads = new ArrayList<>();
        for (Finding f : findings) {
            if (f.type() == FindingType.INFO_DISCLOSURE && f.evidence().containsKey("via")) shellReads.add(f);
        }
        if (shellReads.isEmpty()) return;
        findings.removeIf(f -> {
            if (f.type() != FindingType.INFO_DISCLOSURE || f.evidence().containsKey("via")) return false;
            Object kind = f.evidence().get("kind");
            if (!"system_file".equals(kind) && !"private_key".equals(kind)) return false;
            List<Long> frames = new ArrayList<>();
            if (f.evidence().get("samples") instanceof List<?> samples) {
                for (Object o : samples) if (o instanceof java.util.Map<?, ?> m && m.get("frame") instanceof Number n) frames.add(n.longValue());
            }
            if (frames.isEmpty()) frames.add(f.firstFrame());
            for (long fr : frames) {
                boolean covered = false;
                for (Finding s : shellReads) covered |= fr >= s.firstFrame() && fr <= s.lastFrame();
                if (!covered) return false;
            }
            return true;
        });
    }

    public static final Comparator<Finding> ORDER = Comparator.comparingLong(Finding::firstFrame)
            .thenComparing(f -> f.type().ordinal())
            .thenComparing(f -> String.valueOf(f.attacker()))
            .thenComparing(f -> String.valueOf(f.victim()))
            .thenComparingLong(Finding::lastFrame);
}
