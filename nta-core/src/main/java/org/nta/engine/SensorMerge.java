package org.nta.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nta.bytes.Anomaly;
import org.nta.capture.CapturePart;
import org.nta.capture.InterfaceInfo;
import org.nta.capture.ReadProblem;
import org.nta.detect.Finding;
import org.nta.incident.StoryBuilder;
import org.nta.pipeline.CaptureSummary;

/**
 * The runs of several sensors ({@link SensorAnalysis}) as one result: their findings one run after the other, the
 * stories and the verdict told over all of them by the same code as one run's (and the Spark job's merge), so an
 * attacker two sensors saw is one incident; the capture's figures summed, its files those of every run in order.
 */
final class SensorMerge {
    private SensorMerge() {}

    static Analysis.Result merge(String name, List<Analysis.Outcome> runs) {
        List<Finding> findings = new ArrayList<>();
        Map<String, LinkedHashSet<String>> same = new TreeMap<>();
        for (Analysis.Outcome o : runs) {
            findings.addAll(o.result().findings());
            o.sameHost().forEach((k, v) -> same.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
        }
        Map<String, List<String>> sameHost = new HashMap<>();
        same.forEach((k, v) -> sameHost.put(k, List.copyOf(v)));
        List<Analysis.Result> results = runs.stream().map(Analysis.Outcome::result).toList();
        CaptureSummary capture = capture(name, results);
        long[] firstFrames = new long[results.size()];
        List<StreamTuples> streams = new ArrayList<>();
        long start = Long.MAX_VALUE;
        for (int i = 0; i < results.size(); i++) {
            Analysis.Result r = results.get(i);
            firstFrames[i] = r.capture().parts().isEmpty() ? Long.MAX_VALUE : r.capture().parts().get(0).firstFrame();
            streams.add(r.streams());
            if (r.capture().packets() > 0) start = Math.min(start, r.captureStartNs());
        }
        return new Analysis.Result(capture, StoryBuilder.verdict(findings), StoryBuilder.incidents(findings, sameHost),
                findings, stats(results), start == Long.MAX_VALUE ? 0 : start, StreamTuples.bySensor(firstFrames, streams));
    }

    private static Map<String, Long> stats(List<Analysis.Result> results) {
        Map<String, Long> all = new LinkedHashMap<>();
        Map<String, Long> rest = new TreeMap<>();
        for (String k : List.of("packets", "tcp_streams", "udp_streams")) all.put(k, 0L);
        for (Analysis.Result r : results) {
            r.stats().forEach((k, n) -> (all.containsKey(k) ? all : rest).merge(k, n, Long::sum));
        }
        all.putAll(rest);
        return all;
    }

    private static CaptureSummary capture(String name, List<Analysis.Result> results) {
        List<Integer> linkTypes = new ArrayList<>();
        List<InterfaceInfo> interfaces = new ArrayList<>();
        List<CapturePart> parts = new ArrayList<>();
        Map<String, Long> malformed = new HashMap<>();
        Map<Integer, Long> undecoded = new TreeMap<>();
        long size = 0, packets = 0, bytes = 0, captured = 0, tcp = 0, udp = 0, snaplen = 0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        int digits = 0;
        boolean ordered = true;
        ReadProblem problem = null;
        for (Analysis.Result r : results) {
            CaptureSummary c = r.capture();
            for (Integer t : c.linkTypes()) if (!linkTypes.contains(t)) linkTypes.add(t);
            interfaces.addAll(c.interfaces());
            parts.addAll(c.parts());
            for (CapturePart p : c.parts()) size += Math.max(0, p.fileSize());
            c.malformed().forEach((k, n) -> malformed.merge(k, n, Long::sum));
            c.undecodedLinkTypes().forEach((k, n) -> undecoded.merge(k, n, Long::sum));
            packets += c.packets();
            bytes += c.bytes();
            captured += c.capturedBytes();
            tcp += c.tcpStreams();
            udp += c.udpStreams();
            snaplen = Math.max(snaplen, c.snaplen());
            digits = Math.max(digits, c.tsPrecisionDigits());
            ordered &= c.strictTimeOrder();
            if (c.packets() > 0) {
                first = Math.min(first, c.firstNs());
                last = Math.max(last, c.lastNs());
            }
            if (problem == null) problem = c.problem();
        }
        Map<String, Long> anomalies = new LinkedHashMap<>();
        malformed.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Long> e) -> order(e.getKey())).thenComparing(Map.Entry::getKey))
                .forEach(e -> anomalies.put(e.getKey(), e.getValue()));
        CaptureSummary one = results.get(0).capture();
        return new CaptureSummary(name, one.format(), "mixed", size, linkTypes, snaplen, digits, interfaces, packets, bytes,
                captured, packets == 0 ? 0 : first, packets == 0 ? 0 : last, ordered, null, anomalies, undecoded, tcp, udp,
                problem, parts);
    }

    private static int order(String anomaly) {
        Anomaly a = Anomaly.byId(anomaly);
        return a == null ? Integer.MAX_VALUE : a.ordinal();
    }
}
