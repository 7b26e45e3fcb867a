package org.nta.report;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned for a terminal; numbers right-aligned. */
public final class TextTable {
    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = headers;
        this.right = new boolean[headers.length];
    }

    public TextTable rightAlign(int... cols) {
        for (int c : cols) right[c] = true;
        return this;
    }

    public void add(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        rows.add(r);
    }

    public int size() {
        return rows.size();
    }

    /**
     * Writes a table of {@code rows} rows without keeping them: cells are produced twice by {@code row}, once to
     * measure the columns and once to print, so memory does not grow with the number of rows.
     */
    public void stream(Appendable out, int rows, java.util.function.IntFunction<Object[]> row) throws java.io.IOException {
        int[] w = new int[headers.length];
        for (int i = 0; i < w.length; i++) w[i] = headers[i].length();
        for (int r = 0; r < rows; r++) {
            Object[] cells = row.apply(r);
            for (int i = 0; i < w.length && i < cells.length; i++) if (cells[i] != null) w[i] = Math.max(w[i], cells[i].toString().length());
        }
        StringBuilder head = new StringBuilder(256);
        line(head, headers, w);
        out.append(head);
        // a builder of its own for the rows: one that held a non-Latin-1 header (A→B) stays two bytes a character
        StringBuilder sb = new StringBuilder(256);
        String[] cs = new String[headers.length];
        for (int r = 0; r < rows; r++) {
            Object[] cells = row.apply(r);
            for (int i = 0; i < cs.length; i++) cs[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
            sb.setLength(0);
            line(sb, cs, w);
            out.append(sb);
        }
    }

    public String render() {
        int[] w = new int[headers.length];
        for (int i = 0; i < w.length; i++) w[i] = headers[i].length();
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        line(sb, headers, w);
        for (String[] r : rows) line(sb, r, w);
        return sb.toString();
    }

    /** Appends one line, cells padded to their widths, without trailing blanks. */
    private void line(StringBuilder sb, String[] cells, int[] w) {
        int start = sb.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append("  ");
            String c = cells[i];
            int pad = w[i] - c.length();
            if (right[i]) {
                blanks(sb, pad);
                sb.append(c);
            } else {
                sb.append(c);
                if (i < cells.length - 1) blanks(sb, pad);
            }
        }
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == ' ') end--;
        sb.setLength(end);
        sb.append('\n');
    }

    private static void blanks(StringBuilder sb, int n) {
        for (int k = 0; k < n; k++) sb.append(' ');
    }
}
