package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

import org.nta.report.Json;

/**
 * Writes rows as they come during a run, in order of a sort key, keeping at most {@code window} rows in memory: rows
 * arrive nearly sorted (an HTTP transaction completes soon after its request), so a bounded reorder window gives
 * sorted output for any capture size ({@link ReorderWindow}). A row is its values in column order. Text columns are sized from the first
 * window of rows.
 */
final class RowStream {
    enum Format { TEXT, JSON, CSV }

    private final PrintWriter out;
    private final Format format;
    private final List<String> columns;
    private final String[] headers;
    private final boolean[] right;
    private final int window;
    private final ReorderWindow<Object[]> queue = new ReorderWindow<>();
    private final StringBuilder line = new StringBuilder(512);
    private long written;
    private int[] widths;
    private JsonGenerator json;

    RowStream(PrintWriter out, Format format, List<String> columns, String[] headers, int[] rightAligned, int window) {
        this.out = out;
        this.format = format;
        this.columns = columns;
        this.headers = headers;
        this.right = new boolean[columns.size()];
        for (int r : rightAligned) right[r] = true;
        this.window = window;
    }

    void add(long key, Object[] row) {
        queue.add(key, row);
        if (queue.size() > window) write(queue.poll());
    }

    long finish() {
        while (!queue.isEmpty()) write(queue.poll());
        try {
            if (written == 0) start(null);
            if (format == Format.JSON) {
                json.writeEndArray();
                json.flush();
                out.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
        return written;
    }

    private void start(Object[] first) throws IOException {
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
                for (Object[] r : queue.rows()) {
                    for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], cell(r, i).length());
                }
                if (first != null) for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], cell(first, i).length());
                text(headers);
            }
        }
    }

    private void write(Object[] row) {
        try {
            if (written == 0) start(row);
            written++;
            switch (format) {
                case JSON -> {
                    json.writeStartObject();
                    for (int i = 0; i < columns.size(); i++) {
                        json.writeFieldName(columns.get(i));
                        Object v = row[i];
                        if (v == null) json.writeNull();
                        else if (v instanceof Long l) json.writeNumber(l);
                        else if (v instanceof Integer n) json.writeNumber(n);
                        else if (v instanceof Boolean b) json.writeBoolean(b);
                        else json.writeString(v.toString());
                    }
                    json.writeEndObject();
                }
                case CSV -> {
                    line.setLength(0);
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) line.append(',');
                        if (row[i] != null) csv(row[i].toString());
                    }
                    out.append(line).append("\r\n");
                }
                case TEXT -> {
                    String[] cells = new String[widths.length];
                    for (int i = 0; i < cells.length; i++) cells[i] = cell(row, i);
                    text(cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void csv(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(s);
            return;
        }
        line.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') line.append('"');
            line.append(c);
        }
        line.append('"');
    }

    private static String cell(Object[] row, int i) {
        Object v = i < row.length ? row[i] : null;
        return v == null ? "" : v.toString();
    }

    private void text(String[] cells) {
        line.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            int pad = Math.max(0, widths[i] - c.length());
            if (i > 0) line.append("  ");
            if (right[i]) line.append(" ".repeat(pad)).append(c);
            else line.append(c).append(i < cells.length - 1 ? " ".repeat(pad) : "");
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') end--;
        line.setLength(end);
        out.append(line).append('\n');
    }
}
