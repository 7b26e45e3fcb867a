package org.nta.differential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nta.capture.LinkTypes;
import org.nta.report.InfoReport;
import org.nta.report.TimeFormat;
import org.nta.testing.Tools;

/**
 * Compares NTA with capinfos and tshark on one capture: packet count, first and last time, encapsulation, data
 * size, data byte rate and average packet size, tcp.stream and udp.stream of every frame, and the TCP and UDP conversation tables. Returns the first
 * mismatch, or null when they agree.
 */
final class WiresharkComparison {
    private WiresharkComparison() {}

    static String compare(Path file) {
        Tools.Result cap = Tools.run(120, "capinfos", "-T", "-M", "-S", "-c", "-a", "-e", "-E", "-d", "-y", "-z", file.toString());
        NtaRun nta = new NtaRun(file);
        if (cap.exit() == 2) {
            if (nta.error != null) return null; // neither can read it
            return "capinfos cannot read it (" + firstLine(cap.err()) + "); NTA reads " + nta.summary.packets() + " frames";
        }
        if (nta.error != null) return "NTA cannot read it (" + nta.error + "); capinfos reads it";
        Map<String, String> c = table(cap.out());
        if (c == null) return "unexpected capinfos output: " + cap.out();
        long packets = Long.parseLong(c.get("Number of packets"));
        if (packets != nta.summary.packets()) return "packets: capinfos " + packets + ", NTA " + nta.summary.packets();
        if (packets > 0) {
            String m = compareTime("first packet time", c.get("Start time"), nta.summary.firstNs());
            if (m != null) return m;
            m = compareTime("last packet time", c.get("End time"), nta.summary.lastNs());
            if (m != null) return m;
        }
        String enc = encapsulation(nta);
        if (!enc.equals(c.get("File encapsulation"))) return "encapsulation: capinfos " + c.get("File encapsulation") + ", NTA " + enc;
        String m = compareSizes(c, InfoReport.json(nta.summary));
        if (m != null) return m;

        Tools.Result ts = Tools.run(300, "tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.stream", "-e", "udp.stream", "-z", "conv,tcp", "-z", "conv,udp");
        m = compareStreams(ts.out(), nta);
        if (m != null) return m;
        return compareConversations(TsharkConversations.parse(ts.out()), nta.conversations);
    }

    /** capinfos -T: a header line of column names and one line of values, tab-separated. */
    private static Map<String, String> table(String out) {
        String[] lines = out.trim().split("\n");
        if (lines.length < 2) return null;
        String[] names = lines[0].split("\t", -1), values = lines[lines.length - 1].split("\t", -1);
        if (names.length != values.length) return null;
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < names.length; i++) m.put(names[i].trim(), values[i].trim());
        return m.containsKey("Number of packets") ? m : null;
    }

    /** Data size, data byte rate and average packet size as {@code nta info --json} gives them. */
    private static String compareSizes(Map<String, String> cap, Map<String, Object> info) {
        String size = cap.get("Data size (bytes)");
        if (!size.equals(String.valueOf(info.get("bytes")))) return "data size: capinfos " + size + ", NTA " + info.get("bytes");
        String rate = cap.get("Data byte rate (bytes/sec)");
        if (!rate.equals("n/a") && !rate.equals(twoDigits(info.get("bytes_per_s")))) {
            return "data byte rate: capinfos " + rate + ", NTA " + twoDigits(info.get("bytes_per_s"));
        }
        String avg = cap.get("Average packet size (bytes)");
        if (!avg.equals(twoDigits(info.get("average_packet_size")))) {
            return "average packet size: capinfos " + avg + ", NTA " + twoDigits(info.get("average_packet_size"));
        }
        return null;
    }

    /** C's printf("%.2f"): the exact binary value of the double, rounded half-even. */
    private static String twoDigits(Object v) {
        return new java.math.BigDecimal(((Number) v).doubleValue()).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String encapsulation(NtaRun nta) {
        List<String> names = new ArrayList<>();
        for (int lt : nta.summary.linkTypes()) {
            String n = LinkTypes.name(lt).shortName();
            if (!names.contains(n)) names.add(n);
        }
        if (names.isEmpty()) return "unknown";
        return names.size() == 1 ? names.get(0) : "per-packet";
    }

    private static String compareTime(String what, String theirs, long oursNs) {
        String t = theirs.trim();
        int dot = t.indexOf('.');
        int digits = dot < 0 ? 0 : t.length() - dot - 1;
        String ours = TimeFormat.seconds(oursNs, digits);
        return t.equals(ours) ? null : what + ": capinfos " + t + ", NTA " + ours;
    }

    private static String compareStreams(String out, NtaRun nta) {
        int n = 0;
        for (String line : out.split("\n")) {
            if (line.isEmpty() || !Character.isDigit(line.charAt(0))) continue;
            String[] c = line.split("\t", -1);
            if (c.length < 3) continue;
            int frame;
            try {
                frame = Integer.parseInt(c[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            n++;
            if (frame > nta.tcpStreams.size()) return "frame " + frame + ": tshark has it, NTA has " + nta.tcpStreams.size() + " frames";
            String tcp = nta.tcpStreams.get(frame - 1), udp = nta.udpStreams.get(frame - 1);
            if (!c[1].equals(tcp)) return "frame " + frame + ": tcp.stream tshark '" + c[1] + "', NTA '" + tcp + "'";
            if (!c[2].equals(udp)) return "frame " + frame + ": udp.stream tshark '" + c[2] + "', NTA '" + udp + "'";
        }
        if (n != nta.tcpStreams.size()) return "tshark dissected " + n + " frames, NTA read " + nta.tcpStreams.size();
        return null;
    }

    private static String compareConversations(List<TsharkConversations.Row> theirs, List<TsharkConversations.Row> ours) {
        Map<String, Integer> count = new HashMap<>();
        for (TsharkConversations.Row r : theirs) count.merge(r.key(), 1, Integer::sum);
        for (TsharkConversations.Row r : ours) count.merge(r.key(), -1, Integer::sum);
        for (TsharkConversations.Row r : theirs) {
            if (count.getOrDefault(r.key(), 0) > 0) return "conversation only in tshark: " + r.key() + nearest(r, ours);
        }
        for (TsharkConversations.Row r : ours) {
            if (count.getOrDefault(r.key(), 0) < 0) return "conversation only in NTA: " + r.key() + nearest(r, theirs);
        }
        return null;
    }

    private static String nearest(TsharkConversations.Row r, List<TsharkConversations.Row> other) {
        for (TsharkConversations.Row o : other) {
            if (o.type().equals(r.type()) && ((o.a().equals(r.a()) && o.b().equals(r.b())) || (o.a().equals(r.b()) && o.b().equals(r.a())))) {
                return " (other side has: " + o.key() + ")";
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        for (String l : s.split("\n")) {
            String t = l.replace("capinfos: ", "").trim();
            if (!t.isEmpty() && !t.startsWith("Running as user")) return t;
        }
        return "";
    }
}
