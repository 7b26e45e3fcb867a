package org.nta.export;

import java.io.Closeable;
import java.io.IOException;

import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * One Parquet file written row by row: under its target's temporary name ({@code .NAME.parquet.part} in the
 * directory), given its own ({@code NAME.parquet}) when complete ({@link #commit}), so that a failed run leaves no
 * file a reader would take for a whole table. Row groups are cut at {@link #ROW_GROUP_BYTES}, so memory stays flat whatever the capture's size.
 * Nothing in the file depends on the time or the machine (Parquet's created_by names the library's version only):
 * the same capture gives the same bytes.
 */
final class ParquetTable implements Closeable {
    /** Bytes of a row group held in memory before it is written out. */
    static final long ROW_GROUP_BYTES = 8L << 20;

    private final String name;
    private final ParquetTarget target;
    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory rows;
    private long count;
    private boolean closed;

    /** @param schema Parquet's schema text ({@code message NAME { required int64 ts (TIMESTAMP(MICROS,true)); ... }}) */
    ParquetTable(ParquetTarget target, String schema, CompressionCodecName codec) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        this.name = type.getName();
        this.target = target;
        this.rows = new SimpleGroupFactory(type);
        this.writer = ExampleParquetWriter.builder(target.part(name))
                .withConf(new PlainParquetConfiguration())
                .withType(type)
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withPageSize(ParquetProperties.DEFAULT_PAGE_SIZE)
                .withDictionaryEncoding(true)
                .build();
    }

    String name() {
        return name;
    }

    long rows() {
        return count;
    }

    Group row() {
        return rows.newGroup();
    }

    void write(Group row) throws IOException {
        writer.write(row);
        count++;
    }

    /** Finishes the file and gives it its name. */
    void commit() throws IOException {
        close();
        target.commit(name);
    }

    /** Closes the writer (an uncommitted file stays under its temporary name; {@link #abandon} removes it). */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        writer.close();
    }

    void abandon() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // the run failed already; the partial file is removed below
        }
        target.abandon(name);
    }

    // --- setting fields: null leaves an optional field out ------------------------------------------------------

    static void put(Group g, String field, String v) {
        if (v != null) g.append(field, v);
    }

    static void put(Group g, String field, Long v) {
        if (v != null) g.append(field, v);
    }

    static void put(Group g, String field, Boolean v) {
        if (v != null) g.append(field, v);
    }

    /** A port, left out when there is none (-1). */
    static void port(Group g, String field, int port) {
        if (port >= 0) g.append(field, port);
    }

    /** A TIMESTAMP(MICROS) from nanoseconds since the epoch. */
    static void time(Group g, String field, long ns) {
        g.append(field, Math.floorDiv(ns, 1000L));
    }

    /** A LIST of strings (the three-level form Parquet's spec asks for); an empty list is written as empty. */
    static void strings(Group g, String field, Iterable<String> values) {
        Group list = g.addGroup(field);
        for (String v : values) list.addGroup("list").append("element", v);
    }

    static void ints(Group g, String field, Iterable<Integer> values) {
        Group list = g.addGroup(field);
        for (Integer v : values) list.addGroup("list").append("element", v);
    }

    static void longs(Group g, String field, Iterable<Long> values) {
        Group list = g.addGroup(field);
        for (Long v : values) list.addGroup("list").append("element", v);
    }
}
