package org.nta.detect;

import java.util.Collection;
import java.util.StringJoiner;

/** Display filters that Wireshark and NTA both accept, for a finding's evidence. */
public final class Filters {
    private Filters() {}

    private static boolean v6(String addr) {
        return addr.indexOf(':') >= 0;
    }

    public static String host(String addr) {
        return (v6(addr) ? "ipv6.addr == " : "ip.addr == ") + addr;
    }

    public static String src(String addr) {
        return (v6(addr) ? "ipv6.src == " : "ip.src == ") + addr;
    }

    public static String dst(String addr) {
        return (v6(addr) ? "ipv6.dst == " : "ip.dst == ") + addr;
    }

    /** Both addresses, either direction. */
    public static String between(String a, String b) {
        return and(host(a), host(b));
    }

    public static String frames(long first, long last) {
        return first == last ? "frame.number == " + first : "frame.number >= " + first + " && frame.number <= " + last;
    }

    /** {@code tcp.stream in {1, 3..5}} (or == for one stream). */
    public static String streams(String transport, Collection<Integer> streams) {
        if (streams.size() == 1) return transport + ".stream == " + streams.iterator().next();
        return transport + ".stream in " + set(streams);
    }

    /** {@code frame.number in {10, 12..14}} (or == for one frame). */
    public static String frameSet(Collection<Long> frames) {
        if (frames.size() == 1) return "frame.number == " + frames.iterator().next();
        return "frame.number in " + set(frames);
    }

    /**
     * A set literal of ascending numbers with runs folded to ranges: {@code {1, 3..5}}. Wireshark 4.0 wants the
     * members separated by commas (its 3.x space-separated form is an error there).
     */
    static String set(Collection<? extends Number> values) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        long start = 0, prev = 0;
        boolean open = false;
        for (Number n : new java.util.TreeSet<Long>(values.stream().map(Number::longValue).toList())) {
            long v = n.longValue();
            if (open && v == prev + 1) {
                prev = v;
                continue;
            }
            if (open) j.add(start == prev ? String.valueOf(start) : start + ".." + prev);
            start = prev = v;
            open = true;
        }
        if (open) j.add(start == prev ? String.valueOf(start) : start + ".." + prev);
        return j.toString();
    }

    public static String and(String... parts) {
        StringJoiner j = new StringJoiner(" && ");
        for (String p : parts) if (p != null && !p.isEmpty()) j.add(needsParens(p) ? "(" + p + ")" : p);
        return j.toString();
    }

    public static String or(String... parts) {
        StringJoiner j = new StringJoiner(" || ");
        for (String p : parts) if (p != null && !p.isEmpty()) j.add(needsParens(p) ? "(" + p + ")" : p);
        return j.toString();
    }

    private static boolean needsParens(String p) {
        return p.contains("||");
    }

    /** A string literal for a filter: quoted, with backslashes and quotes escaped. */
    public static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
