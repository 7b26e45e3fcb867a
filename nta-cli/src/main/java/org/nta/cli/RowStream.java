package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import com.fasterxml.jackson.core.JsonGenerator;

import org.nta.report.Csv;
import org.nta.report.Json;

/**
 * Writes rows as they come during a run, in order of a sort key, keeping at most {@code window} rows in memory: rows
 * arrive nearly sorted (an HTTP transaction completes soon after its request), so a bounded reorder window gives
 * sorted output for any capture size. Text columns are sized from the first window of rows.
 */
final class RowStream {
    enum Format { TEXT, JSON, CSV }

    private record Keyed(long key, long seq, Map<String, Object> row) {
    }

    private final PrintWriter out;
    private final Format format;
    private final List<String> columns;
    private final String[] headers;
    private final int window;
    private final PriorityQueue<Keyed> queue = new PriorityQueue<>((a, b) -> a.key != b.key ? Long.compare(a.key, b.key) : Long.compare(a.seq, b.seq));
    private long seq;
    private long written;
    private int[] widths;
    private JsonGenerator json;
    private final int[] rightAligned;

    RowStream(PrintWriter out, Format format, List<String> columns, String[] headers, int[] rightAligned, int window) {
        this.out = out;
        this.format = format;
        this.columns = columns;
        this.headers = headers;
        this.rightAligned = rightAligned;
        this.window = window;
    }

    void add(long key, Map<String, Object> row) {
        queue.add(new Keyed(key, seq++, row));
        if (queue.size() > window) write(queue.poll().row);
    }

    long finish() {
        while (!queue.isEmpty()) write(queue.poll().row);
        try {
            if (format == Format.JSON) {
                if (json == null) start();
                json.writeEndArray();
                json.flush();
                out.println();
            }
            if (format == Format.CSV && written == 0) start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
        return written;
    }

    private void start() throws IOException {
        switch (format) {
            case JSON -> {
                json = Json.mapper().getFactory().createGenerator(out);
                json.useDefaultPrettyPrinter();
                json.writeStartArray();
            }
            case CSV -> out.print(String.join(",", columns) + "\r\n");
            case TEXT -> {
                widths = new int[headers.length];
                for (int i = 0; i < headers.length; i++) widths[i] = headers[i].length();
                for (Keyed k : queue) {
                    for (int i = 0; i < columns.size(); i++) widths[i] = Math.max(widths[i], cell(k.row, i).length());
                }
                out.print(line(headers));
            }
        }
    }

    private void write(Map<String, Object> row) {
        try {
            if (written == 0) start();
            written++;
            switch (format) {
                case JSON -> Json.mapper().writeValue(json, row);
                case CSV -> {
                    StringBuilder sb = new StringBuilder();
                    Csv.write(sb, columns, List.of(row), r -> r);
                    out.print(sb.substring(sb.indexOf("\r\n") + 2));
                }
                case TEXT -> {
                    String[] cells = new String[columns.size()];
                    for (int i = 0; i < cells.length; i++) cells[i] = cell(row, i);
                    out.print(line(cells));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String cell(Map<String, Object> row, int i) {
        Object v = row.get(columns.get(i));
        return v == null ? "" : v.toString();
    }

    private String line(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            int pad = Math.max(0, widths[i] - c.length());
            boolean right = false;
            for (int r : rightAligned) right |= r == i;
            if (i > 0) sb.append("  ");
            if (right) sb.append(" ".repeat(pad)).append(c);
            else sb.append(c).append(i < cells.length - 1 ? " ".repeat(pad) : "");
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        sb.setLength(end);
        return sb.append('\n').toString();
    }
}
