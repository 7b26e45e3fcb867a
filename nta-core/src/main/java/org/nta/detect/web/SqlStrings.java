package org.nta.detect.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strings an injected SQL query spells out without quotes: {@code CHAR(113,122,112,98,113)} (SQLite, MSSQL, MySQL),
 * {@code CHR(…)}, and hex literals {@code 0x717a706271} (MySQL). Injection tools build their output markers this
 * way; finding the marker in the answer shows the injected query ran, and what stands between two markers is data
 * the query pulled out.
 */
final class SqlStrings {
    private static final Pattern CHAR = Pattern.compile("(?i)\\b(?:n?char|chr)\\s*\\(\\s*(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\s*\\)");
    private static final Pattern HEX = Pattern.compile("(?i)\\b0x((?:[0-9a-f]{2}){3,64})\\b");

    private SqlStrings() {}

    /** Every CHAR()/CHR()/hex string in a query, decoded, in order (at most 32). */
    static List<String> literals(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = CHAR.matcher(sql);
        while (m.find() && out.size() < 32) {
            StringBuilder sb = new StringBuilder();
            for (String n : m.group(1).split(",")) {
                int c = Integer.parseInt(n.trim());
                if (c < 32 || c > 126) {
                    sb.setLength(0);
                    break;
                }
                sb.append((char) c);
            }
            if (sb.length() > 0) out.add(sb.toString());
        }
        m = HEX.matcher(sql);
        while (m.find() && out.size() < 32) {
            String h = m.group(1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i + 1 < h.length(); i += 2) {
                int c = Integer.parseInt(h.substring(i, i + 2), 16);
                if (c < 32 || c > 126) {
                    sb.setLength(0);
                    break;
                }
                sb.append((char) c);
            }
            if (sb.length() > 0) out.add(sb.toString());
        }
        return out;
    }

    private static final Pattern CONCAT_CHAR = Pattern.compile("(?i)\\|\\|\\s*((?:n?char|chr)\\s*\\([\\d,\\s]+\\))\\s*\\|\\|");

    private static final Pattern COMPARED = Pattern.compile("(?i)(?:=|\\blike)\\s*((?:n?char|chr)\\s*\\([\\d,\\s]+\\))");

    /** Literals a query compares with ({@code tbl_name=CHAR(…)}): search values, not markers. */
    static List<String> compared(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = COMPARED.matcher(sql);
        while (m.find() && out.size() < 8) out.addAll(literals(m.group(1)));
        return out;
    }

    /** Literals a query puts between two concatenated columns ({@code ||CHAR(…)||}): column separators. */
    static List<String> separators(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = CONCAT_CHAR.matcher(sql);
        int from = 0;
        while (m.find(from) && out.size() < 8) {
            List<String> l = literals(m.group(1));
            if (!l.isEmpty() && l.get(0).length() >= 3 && !out.contains(l.get(0))) out.add(l.get(0));
            from = m.end(1);
        }
        return out;
    }

    /**
     * Data an injected query returned between two of its markers: for each pair (start marker, end marker) of the
     * query's literals found in that order in the answer, what stands between them, with the query's other literals
     * (column separators) shown as " | ". Values that are only the query's own check strings or a digit are not data.
     */
    static List<String> extracted(String sql, String answer, int max) {
        List<String> lits = literals(sql);
        List<String> out = new ArrayList<>();
        if (lits.size() < 2 || answer.isEmpty()) return out;
        String start = lits.get(0);
        if (start.length() < 4) return out;
        String end = null;
        List<String> seps = separators(sql), compared = compared(sql);
        for (int i = lits.size() - 1; i > 0; i--) {
            String l = lits.get(i);
            if (l.length() >= 4 && !l.equals(start) && !seps.contains(l) && !compared.contains(l) && answer.contains(l)) {
                end = l;
                break;
            }
        }
        if (end == null) return out;
        int from = 0;
        while (out.size() < max) {
            int a = answer.indexOf(start, from);
            if (a < 0) break;
            int b = answer.indexOf(end, a + start.length());
            if (b < 0) break;
            String data = answer.substring(a + start.length(), b);
            from = b + end.length();
            if (data.isEmpty() || data.length() > 4096 || lits.contains(data) || data.matches("\\d")) continue;
            for (String l : seps) if (!l.equals(start) && !l.equals(end)) data = data.replace(l, " | ");
            out.add(data);
        }
        return out;
    }
}
