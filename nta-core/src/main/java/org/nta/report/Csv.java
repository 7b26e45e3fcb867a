package org.nta.report;

import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV from rows of named fields (the same names as the JSON output). Text comes from the capture (host
 * names, URIs, user names, file names), and a spreadsheet runs a cell that starts with {@code = + - @}, a tab or a
 * carriage return as a formula ("CSV injection"); such a text cell gets a leading apostrophe, which spreadsheets
 * hide. Numbers are written as they are. The JSON outputs carry every value unchanged.
 */
public final class Csv {
    private Csv() {}

    public static String write(List<String> columns, List<? extends Map<String, ?>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns)).append("\r\n");
        for (Map<String, ?> r : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) sb.append(',');
                Object v = r.get(columns.get(i));
                if (v != null) sb.append(quote(cell(v)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** Writes the header and each item's row as it goes. */
    public static <T> void write(Appendable out, List<String> columns, Iterable<T> items,
                                 java.util.function.Function<T, ? extends Map<String, ?>> toRow) throws java.io.IOException {
        out.append(String.join(",", columns)).append("\r\n");
        StringBuilder sb = new StringBuilder(256);
        for (T item : items) {
            Map<String, ?> r = toRow.apply(item);
            sb.setLength(0);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) sb.append(',');
                Object v = r.get(columns.get(i));
                if (v != null) sb.append(quote(cell(v)));
            }
            out.append(sb).append("\r\n");
        }
    }

    /** The cell's text; text a spreadsheet would evaluate gets a leading apostrophe. */
    public static String cell(Object v) {
        String s = v.toString();
        if (v instanceof Number || v instanceof Boolean || s.isEmpty()) return s;
        return "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        if (!needs) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
