package org.nta.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The {@code traffic} object of an investigation over several sensors' runs: one {@link TrafficSummary} per run,
 * each started at the same time ({@link TrafficSummary#TrafficSummary(long)}: the first frame of all runs), combined
 * into the shape one capture's summary has, so the HTML page draws it alike.
 * <ul>
 * <li>{@code conversation_count}: the runs' counts summed; {@code conversations}: the busiest of all runs by bytes
 * (then TCP before UDP, then run order, then stream), each with its {@code sensor} and the {@code file} holding its
 * first frame, since a stream index counts within its sensor's files. The busiest of all are among the busiest of
 * each run, so the runs' own top lists suffice.</li>
 * <li>{@code protocols}: frames and bytes summed per layer path, depth first, children by frames (ties in the order
 * the runs first name them).</li>
 * <li>{@code histogram}: every run's buckets on the common start, widened to the widest run's bucket (widths are 1 s
 * doubled, so a run's bucket falls whole into one combined bucket): the same doubling rule as one capture's, so
 * the bucket width is the one a single summary of all the packets would have chosen.</li>
 * </ul>
 * Two sensors may see the same packets (a tap on both sides of a firewall): every sum counts a packet once per sensor
 * that captured it, as {@code summary.packets} does.
 */
public final class SensorTraffic {
    private SensorTraffic() {}

    /** One run's conversation with the run it belongs to. */
    private record Row(int sensor, ConversationRow row) {}

    /**
     * @param runs        the runs' summaries in run order, all made with the same start
     * @param fileOfFrame the file holding a frame (frames numbered through all runs), for each conversation's file
     */
    public static Map<String, Object> toJson(List<TrafficSummary> runs, LongFunction<String> fileOfFrame) {
        Map<String, Object> m = new LinkedHashMap<>();
        long count = 0;
        for (TrafficSummary t : runs) count += t.conversationCount();
        m.put("conversation_count", count);
        m.put("conversations", conversations(runs, fileOfFrame));
        m.put("protocols", TrafficSummary.protocolsJson(protocols(runs)));
        m.put("histogram", histogram(runs));
        return m;
    }

    private static List<Map<String, Object>> conversations(List<TrafficSummary> runs, LongFunction<String> fileOfFrame) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) for (ConversationRow r : runs.get(i).busiest()) rows.add(new Row(i + 1, r));
        rows.sort(Comparator.comparingLong((Row r) -> r.row().bytes()).reversed()
                .thenComparing(r -> r.row().type()).thenComparingInt(Row::sensor).thenComparingInt(r -> r.row().stream()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(rows.size(), TrafficSummary.TOP_CONVERSATIONS))) {
            Map<String, Object> c = TrafficSummary.conversationJson(r.row());
            c.put("sensor", r.sensor());
            String file = fileOfFrame.apply(r.row().firstFrame());
            if (file != null) c.put("file", file);
            out.add(c);
        }
        return out;
    }

    /** The runs' hierarchies summed per path, in depth-first order with children by frames. */
    static List<ProtocolHierarchy.Node> protocols(List<TrafficSummary> runs) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (TrafficSummary t : runs) {
            for (ProtocolHierarchy.Node n : t.protocolNodes()) {
                long[] s = sums.get(n.path());
                if (s == null) {
                    sums.put(n.path(), s = new long[2]);
                    children.computeIfAbsent(parent(n.path()), k -> new ArrayList<>()).add(n.path());
                }
                s[0] += n.frames();
                s[1] += n.bytes();
            }
        }
        List<ProtocolHierarchy.Node> out = new ArrayList<>();
        walk("", 0, sums, children, out);
        return out;
    }

    private static void walk(String path, int depth, Map<String, long[]> sums, Map<String, List<String>> children,
                             List<ProtocolHierarchy.Node> out) {
        List<String> kids = new ArrayList<>(children.getOrDefault(path, List.of()));
        kids.sort(Comparator.comparingLong((String k) -> sums.get(k)[0]).reversed()); // stable: ties keep first naming
        for (String k : kids) {
            long[] s = sums.get(k);
            out.add(new ProtocolHierarchy.Node(k, k.substring(k.lastIndexOf(':') + 1), depth, s[0], s[1]));
            walk(k, depth + 1, sums, children, out);
        }
    }

    private static String parent(String path) {
        int i = path.lastIndexOf(':');
        return i < 0 ? "" : path.substring(0, i);
    }

    /** The runs' buckets on their common start, at the widest run's width. */
    private static Map<String, Object> histogram(List<TrafficSummary> runs) {
        long width = 1_000_000_000L;
        for (TrafficSummary t : runs) width = Math.max(width, t.widthNs());
        long[] packets = new long[TrafficSummary.MAX_BUCKETS], bytes = new long[TrafficSummary.MAX_BUCKETS];
        int used = 0;
        for (TrafficSummary t : runs) {
            long ratio = width / t.widthNs();
            for (int i = 0; i < t.used(); i++) {
                int k = (int) (i / ratio);
                packets[k] += t.packets(i);
                bytes[k] += t.bytes(i);
                used = Math.max(used, k + 1);
            }
        }
        return TrafficSummary.histogramJson(width, packets, bytes, used);
    }
}
