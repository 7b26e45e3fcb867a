package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/** Shared parts of the application-layer differential tests (HTTP, DNS). */
final class AppDifferential {
    private AppDifferential() {}

    static void requireTshark() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci && !Tools.has("tshark")) throw new IllegalStateException("CI must install tshark for differential tests");
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
    }

    /** Every capture under captures/ and the corpus files listed in corpus/app-files.txt. */
    static List<Path> files() {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            s.filter(p -> p.toString().endsWith(".pcap.gz") || p.toString().endsWith(".pcapng.gz")).sorted().forEach(out::add);
            for (String l : Files.readAllLines(TestFiles.resources().resolve("corpus").resolve("app-files.txt"))) {
                if (!l.isBlank() && !l.startsWith("#")) out.add(TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve(l.trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** "protocol FILE: reason" lines. */
    static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TestFiles.resources().resolve("corpus").resolve("known-app-differences.txt"), StandardCharsets.UTF_8)) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int sep = l.indexOf(':');
            m.put(l.substring(0, sep).trim(), l.substring(sep + 1).trim());
        }
        return m;
    }

    static void check(Path f, String proto, String mismatch, Map<String, String> known) {
        String key = proto + " " + f.getFileName();
        // the two reference captures must agree in full; lab recordings and corpus files may list a difference
        String name = f.getFileName().toString();
        boolean reference = name.equals("webshell-lab.pcap.gz") || name.equals("benign-lab.pcap.gz");
        if (known.containsKey(key) && !reference) {
            assertThat(mismatch).as("%s is listed as differing (%s) but now agrees: remove it", key, known.get(key)).isNotNull();
        } else {
            assertThat(mismatch).as("%s differs from tshark -2", key).isNull();
        }
    }

    /** The first frame where the two views differ, described, or null. */
    static String firstDifference(Map<Long, String> theirs, Map<Long, String> ours) {
        TreeSet<Long> frames = new TreeSet<>(theirs.keySet());
        frames.addAll(ours.keySet());
        for (long f : frames) {
            String t = theirs.get(f), o = ours.get(f);
            if (t == null) return "frame " + f + ": only NTA has " + o;
            if (o == null) return "frame " + f + ": only tshark has " + t;
            if (!t.equals(o)) return "frame " + f + ": tshark " + t + " | NTA " + o;
        }
        return null;
    }
}
