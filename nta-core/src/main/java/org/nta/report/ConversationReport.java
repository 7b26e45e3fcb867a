package org.nta.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.flow.CommunityId;
import org.nta.stats.ConversationRow;

/** {@code nta conversations}: the Conversations window as a table, JSON rows (documented names) or CSV. */
public final class ConversationReport {
    public static final List<String> COLUMNS = List.of("type", "a_addr", "a_port", "b_addr", "b_port", "frames_ab",
            "bytes_ab", "frames_ba", "bytes_ba", "rel_start_s", "duration_s", "stream", "state", "history",
            "first_frame", "last_frame", "start_time", "community_id");

    /** Sort keys accepted by --sort. */
    public static final List<String> SORTS = List.of("frames", "bytes", "start", "duration", "stream", "address");

    private ConversationReport() {}

    public static List<ConversationRow> sort(List<ConversationRow> rows, String by) {
        List<ConversationRow> out = new ArrayList<>(rows);
        Comparator<ConversationRow> first = Comparator.comparingLong(ConversationRow::firstFrame);
        Comparator<ConversationRow> c = switch (by) {
            case "frames" -> Comparator.comparingLong(ConversationRow::frames).reversed().thenComparing(first);
            case "bytes" -> Comparator.comparingLong(ConversationRow::bytes).reversed().thenComparing(first);
            case "start" -> Comparator.comparingLong(ConversationRow::relStartNs).thenComparing(first);
            case "duration" -> Comparator.comparingLong(ConversationRow::durationNs).reversed().thenComparing(first);
            case "stream" -> Comparator.comparingInt(ConversationRow::stream).thenComparing(first);
            case "address" -> Comparator.comparing(ConversationRow::aAddr).thenComparing(ConversationRow::bAddr)
                    .thenComparingInt(ConversationRow::aPort).thenComparingInt(ConversationRow::bPort);
            default -> throw new IllegalArgumentException("unknown sort column '" + by + "' (one of " + String.join(", ", SORTS) + ")");
        };
        out.sort(c);
        return out;
    }

    public static Map<String, Object> json(ConversationRow r, int digits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.type());
        m.put("a_addr", r.aAddr());
        m.put("a_port", r.aPort() < 0 ? null : r.aPort());
        m.put("b_addr", r.bAddr());
        m.put("b_port", r.bPort() < 0 ? null : r.bPort());
        m.put("frames_ab", r.framesAB());
        m.put("bytes_ab", r.bytesAB());
        m.put("frames_ba", r.framesBA());
        m.put("bytes_ba", r.bytesBA());
        m.put("rel_start_s", r.relStartNs() / 1e9);
        m.put("duration_s", r.durationNs() / 1e9);
        m.put("stream", r.stream() < 0 ? null : r.stream());
        m.put("state", r.state());
        m.put("history", r.history());
        m.put("first_frame", r.firstFrame());
        m.put("last_frame", r.lastFrame());
        m.put("start_time", TimeFormat.isoUtc(r.startNs(), digits));
        m.put("community_id", communityId(r));
        return m;
    }

    /** The Community ID of a TCP or UDP row (either direction gives the same), null for Ethernet and IP rows. */
    static String communityId(ConversationRow r) {
        int proto = switch (r.type()) {
            case "tcp" -> CommunityId.TCP;
            case "udp" -> CommunityId.UDP;
            default -> -1;
        };
        return proto < 0 ? null : CommunityId.of(proto, r.aAddr(), r.aPort(), r.bAddr(), r.bPort());
    }

    public static String text(List<ConversationRow> rows, TimeFormat tf, long captureStartNs) {
        StringBuilder sb = new StringBuilder();
        try {
            text(sb, rows, tf, captureStartNs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Writes the table to {@code out} row by row (nothing but the rows themselves is kept). */
    public static void text(Appendable out, List<ConversationRow> rows, TimeFormat tf, long captureStartNs) throws java.io.IOException {
        boolean ports = !rows.isEmpty() && rows.get(0).aPort() >= 0;
        boolean tcp = !rows.isEmpty() && rows.get(0).type().equals("tcp");
        List<String> h = new ArrayList<>(List.of("Address A"));
        if (ports) h.add("Port A");
        h.add("Address B");
        if (ports) h.add("Port B");
        h.addAll(List.of("Frames", "Bytes", "Frames A→B", "Bytes A→B", "Frames B→A", "Bytes B→A",
                tf.mode() == TimeFormat.Mode.ABSOLUTE ? "Start" : "Rel Start", "Duration"));
        if (ports) h.add("Stream");
        if (tcp) h.add("State");
        TextTable t = new TextTable(h.toArray(new String[0]));
        int first = ports ? 4 : 2;
        int[] right = new int[6 + 2 + (ports ? 3 : 0)];
        int k = 0;
        if (ports) {
            right[k++] = 1;
            right[k++] = 3;
        }
        for (int i = 0; i < 8; i++) right[k++] = first + i;
        if (ports) right[k++] = first + 8;
        t.rightAlign(java.util.Arrays.copyOf(right, k));
        t.stream(out, rows.size(), i -> {
            ConversationRow r = rows.get(i);
            Object[] c = new Object[h.size()];
            int j = 0;
            c[j++] = r.aAddr();
            if (ports) c[j++] = r.aPort();
            c[j++] = r.bAddr();
            if (ports) c[j++] = r.bPort();
            c[j++] = Numbers.count(r.frames());
            c[j++] = Numbers.count(r.bytes());
            c[j++] = Numbers.count(r.framesAB());
            c[j++] = Numbers.count(r.bytesAB());
            c[j++] = Numbers.count(r.framesBA());
            c[j++] = Numbers.count(r.bytesBA());
            c[j++] = tf.format(r.startNs(), captureStartNs);
            c[j++] = Numbers.decimal(r.durationNs() / 1e9, 4);
            if (ports) c[j++] = r.stream();
            if (tcp) c[j] = r.state();
            return c;
        });
    }
}
