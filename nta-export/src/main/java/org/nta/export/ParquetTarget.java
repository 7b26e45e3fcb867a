package org.nta.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Where the tables' files go: each is written under a temporary name ({@link #part}) and given its own when complete
 * ({@link #commit}), so that a failed run leaves no file a reader would take for a whole table. {@link #directory} is
 * {@code nta export}'s: {@code DIR/.NAME.parquet.part} renamed to {@code DIR/NAME.parquet}; another file system
 * (Hadoop's, for the Spark application) gives its own.
 */
public interface ParquetTarget {
    /** The file the table {@code name} is written to. */
    OutputFile part(String name) throws IOException;

    /** Gives the complete file of table {@code name} its final name. */
    void commit(String name) throws IOException;

    /** Removes what was written of table {@code name}; never throws. */
    void abandon(String name);

    /** {@code DIR/NAME.parquet}, written as {@code DIR/.NAME.parquet.part}. */
    static ParquetTarget directory(Path dir) {
        return new ParquetTarget() {
            @Override
            public OutputFile part(String name) {
                return new LocalOutputFile(dir.resolve("." + name + ".parquet.part"));
            }

            @Override
            public void commit(String name) throws IOException {
                Files.move(dir.resolve("." + name + ".parquet.part"), dir.resolve(name + ".parquet"),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public void abandon(String name) {
                try {
                    Files.deleteIfExists(dir.resolve("." + name + ".parquet.part"));
                } catch (IOException e) {
                    // nothing more to do
                }
            }
        };
    }
}
