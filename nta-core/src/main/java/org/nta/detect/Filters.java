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

    /** {@code tcp.stream in {1, 2, 3}} (or == for one stream); Wireshark 4.0 wants commas between set elements. */
    public static String streams(String transport, Collection<Integer> streams) {
        if (streams.size() == 1) return transport + ".stream == " + streams.iterator().next();
        StringJoiner j = new StringJoiner(", ", transport + ".stream in {", "}");
        for (int s : streams) j.add(String.valueOf(s));
        return j.toString();
    }

    public static String frameSet(Collection<Long> frames) {
        if (frames.size() == 1) return "frame.number == " + frames.iterator().next();
        StringJoiner j = new StringJoiner(", ", "frame.number in {", "}");
        for (long f : frames) j.add(String.valueOf(f));
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
