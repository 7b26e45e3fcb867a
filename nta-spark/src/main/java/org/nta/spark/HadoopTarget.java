package org.nta.spark;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

import org.nta.export.ParquetTarget;

/**
 * One capture's part of each table on a Hadoop file system: {@code TABLES/NAME/capture=FILE/part.parquet}, the
 * directory layout Spark reads as a table partitioned by {@code capture}. Written as {@code .part.parquet.ATTEMPT}
 * (hidden from readers, one per task attempt, so a retried or speculative attempt does not write into another's
 * file) and renamed when complete.
 */
final class HadoopTarget implements ParquetTarget {
    private final Configuration conf;
    private final Path tables;
    private final String partition;
    private final String attempt;

    HadoopTarget(Configuration conf, Path tables, String capture, String attempt) {
        this.conf = conf;
        this.tables = tables;
        this.partition = "capture=" + escape(capture);
        this.attempt = attempt;
    }

    private Path dir(String name) {
        return new Path(new Path(tables, name), partition);
    }

    private Path temp(String name) {
        return new Path(dir(name), ".part.parquet." + attempt);
    }

    @Override
    public OutputFile part(String name) throws IOException {
        return HadoopOutputFile.fromPath(temp(name), conf);
    }

    @Override
    public void commit(String name) throws IOException {
        Path from = temp(name), to = new Path(dir(name), "part.parquet");
        FileSystem fs = to.getFileSystem(conf);
        fs.delete(to, false);                     // an earlier attempt's (HDFS's rename does not replace)
        if (!fs.rename(from, to)) throw new IOException("cannot rename " + from + " to " + to);
    }

    @Override
    public void abandon(String name) {
        try {
            Path p = temp(name);
            p.getFileSystem(conf).delete(p, false);
        } catch (IOException | RuntimeException e) {
            // the task failed already
        }
    }

    /** A partition value as Spark writes it in a directory name (ExternalCatalogUtils.escapePathName). */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) b.append(String.format("%%%02X", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
