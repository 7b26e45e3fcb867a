package org.nta.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.capture.InterfaceInfo;
import org.nta.capture.LinkTypes;
import org.nta.pipeline.CaptureSummary;

/** {@code nta info}: Wireshark's Capture File Properties as text and as the documented JSON object. */
public final class InfoReport {
    private InfoReport() {}

    public static Map<String, Object> json(CaptureSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", s.file());
        m.put("status", s.status());
        m.put("error", s.problem() == null ? null : s.problem().describe());
        m.put("format", s.format());
        m.put("compression", s.compression());
        m.put("encapsulations", encapsulations(s));
        m.put("snaplen", s.snaplen() == 0 ? null : s.snaplen());
        List<Map<String, Object>> ifs = new ArrayList<>();
        for (InterfaceInfo i : s.interfaces()) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("link_type", i.linkType());
            im.put("encapsulation", LinkTypes.name(i.linkType()).shortName());
            im.put("snaplen", i.snaplen());
            im.put("ts_resolution", i.tsUnitsPerSecond());
            im.put("ts_offset_s", i.tsOffsetSec());
            im.put("name", i.name());
            im.put("description", i.description());
            ifs.add(im);
        }
        m.put("interfaces", ifs);
        m.put("packets", s.packets());
        m.put("bytes", s.bytes());
        m.put("wire_bytes", s.bytes());
        m.put("captured_bytes", s.capturedBytes());
        m.put("file_size", s.fileSize() < 0 ? null : s.fileSize());
        m.put("first_time", s.packets() == 0 ? null : TimeFormat.isoUtc(s.firstNs(), s.tsPrecisionDigits()));
        m.put("last_time", s.packets() == 0 ? null : TimeFormat.isoUtc(s.lastNs(), s.tsPrecisionDigits()));
        m.put("duration_s", s.durationSeconds());
        m.put("packets_per_s", rate(s.packets(), s));
        m.put("bytes_per_s", rate(s.bytes(), s));
        m.put("average_packet_size", s.packets() == 0 ? 0 : (double) s.bytes() / s.packets());
        m.put("strict_time_order", s.strictTimeOrder());
        m.put("sha256", s.sha256());
        m.put("malformed", s.malformed());
        Map<String, Long> und = new LinkedHashMap<>();
        s.undecodedLinkTypes().forEach((k, v) -> und.put(k < 0 ? "other" : LinkTypes.name(k).shortName(), v));
        m.put("undecoded", und);
        m.put("tcp_streams", s.tcpStreams());
        m.put("udp_streams", s.udpStreams());
        if (s.problem() != null) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("kind", s.problem().kind().name().toLowerCase());
            pm.put("offset", s.problem().offset());
            pm.put("after_frame", s.problem().afterFrame());
            pm.put("message", s.problem().message());
            m.put("problem", pm);
        }
        return m;
    }

    public static Map<String, Object> errorJson(String file, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("status", "error");
        m.put("error", error);
        return m;
    }

    private static double rate(long n, CaptureSummary s) {
        double d = s.rateSeconds();
        return d > 0 ? n / d : 0;
    }

    private static List<String> encapsulations(CaptureSummary s) {
        List<String> out = new ArrayList<>();
        for (int lt : s.linkTypes()) {
            String n = LinkTypes.name(lt).shortName();
            if (!out.contains(n)) out.add(n);
        }
        return out;
    }

    public static String text(CaptureSummary s, TimeFormat tf) {
        StringBuilder sb = new StringBuilder();
        TimeFormat t = tf.withDigits(s.tsPrecisionDigits());
        row(sb, "File", s.file());
        row(sb, "Status", s.problem() == null ? "ok" : "partial: " + s.problem().describe());
        row(sb, "Format", s.format() + (s.compression().equals("none") ? "" : " (" + s.compression() + "-compressed)"));
        List<String> enc = new ArrayList<>();
        for (int lt : s.linkTypes()) {
            LinkTypes.Name n = LinkTypes.name(lt);
            String e = n.description() + " (" + n.shortName() + ")";
            if (!enc.contains(e)) enc.add(e);
        }
        row(sb, "Encapsulation", enc.isEmpty() ? "none" : String.join(", ", enc));
        row(sb, "Snapshot length", s.snaplen() != 0 ? Numbers.count(s.snaplen()) + " bytes"
                : s.format().equals("pcapng") ? "not set in the file (one per interface, below)" : "not set");
        row(sb, "Time precision", s.tsPrecisionDigits() == 9 ? "nanoseconds (9)" : s.tsPrecisionDigits() == 6 ? "microseconds (6)" : s.tsPrecisionDigits() + " digits");
        row(sb, "Interfaces", String.valueOf(s.interfaces().size()));
        int k = 0;
        for (InterfaceInfo i : s.interfaces()) {
            LinkTypes.Name n = LinkTypes.name(i.linkType());
            String name = i.name() == null ? "" : " " + i.name();
            row(sb, "  #" + k++, n.description() + name + ", snaplen " + (i.snaplen() == 0 ? "unlimited" : i.snaplen()));
        }
        row(sb, "Packets", Numbers.count(s.packets()));
        row(sb, "Data size", Numbers.count(s.bytes()) + " bytes" + (s.capturedBytes() != s.bytes() ? " (" + Numbers.count(s.capturedBytes()) + " captured)" : ""));
        if (s.fileSize() >= 0) row(sb, "File size", Numbers.count(s.fileSize()) + " bytes");
        if (s.packets() > 0) {
            row(sb, "First packet", t.format(s.firstNs(), s.firstNs()));
            row(sb, "Last packet", t.format(s.lastNs(), s.firstNs()));
            row(sb, "Duration", TimeFormat.seconds(s.lastNs() - s.firstNs(), s.tsPrecisionDigits()) + " s");
            double d = s.rateSeconds();
            if (d > 0) {
                row(sb, "Average rates", Numbers.decimal(s.packets() / d, 2) + " packets/s, "
                        + Numbers.count((long) (s.bytes() / d)) + " bytes/s (" + Numbers.count((long) (s.bytes() * 8 / d / 1000)) + " kbit/s)");
            }
            row(sb, "Average packet", Numbers.decimal((double) s.bytes() / s.packets(), 2) + " bytes");
            row(sb, "Time order", s.strictTimeOrder() ? "strictly increasing" : "not strictly increasing");
        }
        if (s.sha256() != null) row(sb, "SHA-256", s.sha256());
        row(sb, "TCP / UDP streams", Numbers.count(s.tcpStreams()) + " / " + Numbers.count(s.udpStreams()));
        if (s.malformed().isEmpty()) row(sb, "Malformed", "none");
        else {
            List<String> parts = new ArrayList<>();
            s.malformed().forEach((kind, n) -> parts.add(kind + " " + Numbers.count(n)));
            row(sb, "Malformed", String.join(", ", parts));
        }
        if (!s.undecodedLinkTypes().isEmpty()) {
            List<String> parts = new ArrayList<>();
            s.undecodedLinkTypes().forEach((lt, n) -> parts.add((lt < 0 ? "other" : LinkTypes.name(lt).description()) + " " + Numbers.count(n)));
            row(sb, "Not decoded", String.join(", ", parts) + " frames (link type not decoded by NTA)");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append(String.format("%-19s %s%n", k + ":", v));
    }
}
