package org.nta.engine;

import org.nta.pipeline.PacketSink;
import org.nta.pipeline.CaptureSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.detect.DetectionConfig;
import org.nta.detect.DetectionSink;
import org.nta.detect.Detectors;
import org.nta.detect.Finding;
import org.nta.event.Event;
import org.nta.flow.Flow;
import org.nta.incident.Incident;
import org.nta.incident.StoryBuilder;
import org.nta.incident.Verdict;

/** {@code nta analyze}: the whole pipeline with every parser and detector, then the story and the verdict. */
public final class Analysis {
    /**
     * The parsers' limits an investigation runs with (nta analyze, nta export, the Spark job): HTTP bodies kept to
     * 64 KiB, carried files to 256 KiB, or 64 MiB when they are extracted; uploads always hashed (they are evidence),
     * downloads when asked.
     */
    public static AppConfig appConfig(boolean extracting, boolean hashDownloads) {
        int files = extracting ? 64 << 20 : 256 << 10;
        org.nta.app.http.HttpConfig http = org.nta.app.http.HttpConfig.defaults().withMaxBodyBytes(64 << 10)
                .withMaxFileBytes(files).withHashing(true, hashDownloads);
        return AppConfig.all().withHttp(http).withFtp(org.nta.app.ftp.FtpConfig.DEFAULTS.withMaxFileBytes(files));
    }

    /** Everything an analysis found. {@code stats} counts what was seen (events by kind, flows). */
    public record Result(CaptureSummary capture, Verdict verdict, List<Incident> incidents, List<Finding> findings,
                         Map<String, Long> stats, long captureStartNs, StreamTuples streams) {
        /** A result without the streams' endpoints (findings get no Community ID). */
        public Result(CaptureSummary capture, Verdict verdict, List<Incident> incidents, List<Finding> findings,
                      Map<String, Long> stats, long captureStartNs) {
            this(capture, verdict, incidents, findings, stats, captureStartNs, StreamTuples.NONE);
        }
    }

    private Analysis() {}

    public static Result run(CaptureSource source, EngineConfig engine, AppConfig app, DetectionConfig detection,
                             List<? extends PacketSink> extra) {
        return run(source, engine, app, detection, extra, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param select wraps the detectors' sink, e.g. behind a display filter so that they see only the selected
     *               traffic
     */
    public static Result run(CaptureSource source, EngineConfig engine, AppConfig app, DetectionConfig detection,
                             List<? extends PacketSink> extra, java.util.function.UnaryOperator<PacketSink> select) {
        return outcome(source, engine, app, detection, extra, select).result();
    }

    /** A run's result with which addresses it saw as one host, what merging it with other runs needs. */
    public record Outcome(Result result, Map<String, List<String>> sameHost) {}

    /** {@link #run(CaptureSource, EngineConfig, AppConfig, DetectionConfig, List, java.util.function.UnaryOperator)}, with its hosts. */
    public static Outcome outcome(CaptureSource source, EngineConfig engine, AppConfig app, DetectionConfig detection,
                                  List<? extends PacketSink> extra, java.util.function.UnaryOperator<PacketSink> select) {
        DetectionSink detect = new DetectionSink(Detectors.all(detection), DetectionSink.backgroundHelps());
        Map<Class<?>, long[]> eventCounts = new java.util.HashMap<>();
        long[] start = {Long.MIN_VALUE};
        PacketSink counter = new PacketSink() {
            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                if (start[0] == Long.MIN_VALUE) start[0] = p.frame.epochNanos();
            }

            @Override
            public void onEvent(Event e) {
                eventCounts.computeIfAbsent(e.getClass(), k -> new long[1])[0]++;
            }
        };
        HostAddresses hosts = new HostAddresses();
        StreamTuples tuples = new StreamTuples();
        List<PacketSink> sinks = new ArrayList<>(List.of(counter, hosts, tuples, select.apply(detect)));
        sinks.addAll(extra);
        CaptureSummary s;
        try {
            s = new Engine(engine).run(source, sinks, new AppDispatcher(app));
        } catch (RuntimeException | Error e) {
            detect.abandon();
            throw e;
        }
        Map<String, List<String>> sameHost = hosts.sameHost();
        List<Finding> findings = StoryBuilder.attribute(
                org.nta.detect.auth.CredentialReuseDetector.withoutOwnAddresses(detect.finish(), sameHost), sameHost);
        List<Incident> incidents = StoryBuilder.incidents(findings, sameHost);
        Verdict verdict = StoryBuilder.verdict(findings);
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("packets", s.packets());
        all.put("tcp_streams", s.tcpStreams());
        all.put("udp_streams", s.udpStreams());
        Map<String, Long> stats = new java.util.TreeMap<>();
        eventCounts.forEach((type, n) -> stats.put(statName(type), n[0]));
        all.putAll(stats);
        return new Outcome(new Result(s, verdict, incidents, findings, all, start[0] == Long.MIN_VALUE ? 0 : start[0], tuples),
                sameHost);
    }

    /** "http_transaction_events" for HttpTransaction. */
    private static String statName(Class<?> type) {
        String n = type.getSimpleName();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isUpperCase(c) && i > 0) sb.append('_');
            sb.append(Character.toLowerCase(c));
        }
        return sb.append("_events").toString();
    }
}
