package org.nta.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Locates test captures in the module's test resources. */
public final class TestFiles {
    private TestFiles() {}

    public static Path resources() {
        return Path.of("src", "test", "resources").toAbsolutePath();
    }

    public static Path capture(String name) {
        return resources().resolve("captures").resolve(name);
    }

    public static List<Path> corpus() {
        try (Stream<Path> s = Files.list(resources().resolve("corpus").resolve("tcpdump"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> referenceCaptures() {
        return List.of(capture("webshell-lab.pcap.gz"), capture("benign-lab.pcap.gz"));
    }

    /** The decompressed bytes of a .gz test file. */
    public static byte[] gunzip(Path gz) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the decompressed file to a temporary location and returns it. */
    public static Path gunzipToTemp(Path gz) {
        try {
            String name = gz.getFileName().toString().replaceAll("\\.gz$", "");
            Path dir = Files.createTempDirectory("nta-test");
            Path out = dir.resolve(name);
            Files.write(out, gunzip(gz));
            out.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
