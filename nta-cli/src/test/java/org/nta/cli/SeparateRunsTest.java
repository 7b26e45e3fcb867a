package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same capture gives the same JSON and page byte for byte in two separate processes, not only twice in one:
 * what varies from one Java process to the next (the order of {@code Map.of} and {@code Set.of}, identity hash
 * codes) must never reach the output. Child processes analyse every recorded test capture and the sample.
 */
class SeparateRunsTest {
    @Test
    void separateProcessesWriteTheSameReports(@TempDir Path tmp) throws Exception {
        List<String> captures = new ArrayList<>();
        captures.add(BadInputTest.SAMPLE.toString());
        try (Stream<Path> s = Files.list(PacketListDifferentialTest.CAPTURES)) {
            s.filter(p -> p.toString().endsWith(".pcap.gz") || p.toString().endsWith(".pcap")).sorted()
                    .forEach(p -> captures.add(p.toString()));
        }
        // four processes: an order that is one of two at random differs among them seven times in eight
        List<Path> dirs = new ArrayList<>();
        List<Process> children = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            dirs.add(tmp.resolve("run" + k));
            children.add(child(dirs.get(k), captures));
        }
        for (Process p : children) finish(p);
        for (int k = 1; k < dirs.size(); k++) {
            for (int i = 0; i < captures.size(); i++) {
                for (String ext : List.of(".json", ".html", ".txt")) {
                    byte[] x = Files.readAllBytes(dirs.get(0).resolve(i + ext)), y = Files.readAllBytes(dirs.get(k).resolve(i + ext));
                    assertThat(new String(y, StandardCharsets.UTF_8)).as("%s%s, process %d", captures.get(i), ext, k)
                            .isEqualTo(new String(x, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static Process child(Path out, List<String> captures) throws IOException {
        Files.createDirectories(out);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SeparateRunsTest.class.getName(), out.toString()));
        cmd.addAll(captures);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("log").toFile()).start();
    }

    private static void finish(Process p) throws Exception {
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    /** The child: analyze of each capture, its JSON, page and text as N.json, N.html and N.txt in the first argument. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            int n = i - 1;
            StringWriter text = new StringWriter(), err = new StringWriter();
            Main.execute(new PrintWriter(text), new PrintWriter(err), "analyze", args[i], "--no-hash",
                    "--json", out.resolve(n + ".json").toString(), "--html", out.resolve(n + ".html").toString());
            Files.writeString(out.resolve(n + ".txt"), text.toString(), StandardCharsets.UTF_8);
        }
        System.exit(0);
    }
}
