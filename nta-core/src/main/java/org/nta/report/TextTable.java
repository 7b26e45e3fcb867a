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

    /** Bytes the streaming writer keeps between its two passes (cells are Latin-1 text: a byte a character). */
    static final long KEEP_BYTES = 16L << 20;

    /**
     * Writes a table of {@code rows} rows without holding them as objects: the first pass measures the columns and
     * keeps each row's cells as one string while they fit in {@link #KEEP_BYTES}, so they are formatted once; past
     * that, {@code row} is asked again for the cells when printing, so memory stays bounded whatever the rows.
     */
    public void stream(Appendable out, int rows, java.util.function.IntFunction<Object[]> row) throws java.io.IOException {
        stream(out, rows, row, KEEP_BYTES);
    }

    void stream(Appendable out, int rows, java.util.function.IntFunction<Object[]> row, long keepBytes) throws java.io.IOException {
        int n = headers.length;
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = headers[i].length();
        String[] cs = new String[n];
        // the cells' end offsets (4 bytes each) and a string object per row count against the budget as well
        long keptBytes = (long) rows * n * 4 + rows * 40L;
        String[] kept = keptBytes <= keepBytes ? new String[rows] : null;
        int[] ends = kept != null ? new int[rows * n] : null;
        StringBuilder sb = new StringBuilder(256);
        for (int r = 0; r < rows; r++) {
            cells(row.apply(r), cs);
            for (int i = 0; i < n; i++) w[i] = Math.max(w[i], cs[i].length());
            if (kept == null) continue;
            sb.setLength(0);
            for (int i = 0; i < n; i++) ends[r * n + i] = sb.append(cs[i]).length();
            keptBytes += sb.length();
            if (keptBytes > keepBytes) {
                kept = null;
                ends = null;
            } else {
                kept[r] = sb.toString();
            }
        }
        sb.setLength(0);
        line(sb, headers, w);
        out.append(sb);
        // a builder of its own for the rows: one that held a non-Latin-1 header (A→B) stays two bytes a character
        StringBuilder line = new StringBuilder(256);
        for (int r = 0; r < rows; r++) {
            if (kept == null) {
                cells(row.apply(r), cs);
            } else {
                String k = kept[r];
                for (int i = 0, start = 0; i < n; i++) {
                    int end = ends[r * n + i];
                    cs[i] = k.substring(start, end);
                    start = end;
                }
                kept[r] = null;
            }
            line.setLength(0);
            line(line, cs, w);
            out.append(line);
        }
    }

    private static void cells(Object[] cells, String[] into) {
        for (int i = 0; i < into.length; i++) into[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
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
