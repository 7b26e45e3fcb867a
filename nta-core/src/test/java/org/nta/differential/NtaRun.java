package org.nta.differential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;
import org.nta.report.Numbers;
import org.nta.stats.ConversationCollector;
import org.nta.stats.ConversationRow;

/** NTA's view of a capture, in the shapes tshark prints, for comparison. */
final class NtaRun {
    final CaptureSummary summary;
    final String error;
    /** Per frame (index = frame - 1): tcp.stream and udp.stream as tshark prints them ("" when none). */
    final List<String> tcpStreams = new ArrayList<>();
    final List<String> udpStreams = new ArrayList<>();
    final List<TsharkConversations.Row> conversations = new ArrayList<>();

    NtaRun(Path file) {
        ConversationCollector conv = new ConversationCollector(false, false, true, true);
        PacketSink streams = new PacketSink() {
            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                String tcp = "", udp = "";
                StringBuilder outer = new StringBuilder();
                for (int i = 0; i < p.outerUdpCount; i++) outer.append(outer.length() > 0 ? "," : "").append(p.outerUdpStream[i]);
                if (flow != null) {
                    if (flow.isTcp()) tcp = String.valueOf(flow.stream());
                    else udp = String.valueOf(flow.stream());
                } else if (p.icmpQuotedStream >= 0) {
                    if (p.icmpQuoted.proto == 6) tcp = String.valueOf(p.icmpQuotedStream);
                    else udp = String.valueOf(p.icmpQuotedStream);
                }
                if (outer.length() > 0) udp = udp.isEmpty() ? outer.toString() : outer + "," + udp;
                tcpStreams.add(tcp);
                udpStreams.add(udp);
            }
        };
        CaptureSummary s = null;
        String err = null;
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            s = new Engine(EngineConfig.DEFAULTS).run(src, List.of(conv, streams));
        } catch (CaptureException e) {
            err = e.getMessage();
        }
        summary = s;
        error = err;
        if (s != null) {
            for (String type : List.of("tcp", "udp")) {
                for (ConversationRow r : conv.rows(type)) conversations.add(asTshark(r));
            }
        }
    }

    private static TsharkConversations.Row asTshark(ConversationRow r) {
        long rel = r.relStartNs();
        long relEnd = rel + r.durationNs();
        double start = seconds(rel);
        double dur = seconds(relEnd) - seconds(rel);
        return new TsharkConversations.Row(r.type(), r.aAddr() + ":" + r.aPort(), r.bAddr() + ":" + r.bPort(),
                r.framesBA(), Numbers.wiresharkSize(r.bytesBA()), r.framesAB(), Numbers.wiresharkSize(r.bytesAB()),
                printf(start, 9), printf(dur, 4));
    }

    /** C's printf("%.Nf"): the exact binary value of the double, rounded half-even (Java's Formatter differs). */
    private static String printf(double v, int digits) {
        return new java.math.BigDecimal(v).setScale(digits, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Wireshark's nstime_to_sec: seconds and nanoseconds converted separately. */
    private static double seconds(long ns) {
        long sec = ns / 1_000_000_000L;
        long nsec = ns % 1_000_000_000L;
        return (double) sec + (double) nsec / 1e9;
    }
}
