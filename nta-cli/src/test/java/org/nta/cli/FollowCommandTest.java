package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code nta follow --format raw} as a user runs it gives, side by side, the bytes of
 * {@code tshark -q -z follow,tcp,raw,N} for every TCP stream of a test capture (issue 3, acceptance 2, through the
 * command; the core differential test compares the reassembled bytes of the reference captures directly).
 */
class FollowCommandTest {
    static final String CAPTURE = Path.of("..", "nta-core", "src", "test", "resources", "captures", "benign-lab.pcap.gz")
            .toString();

    /** The hex of each direction, in order: [0] node 0 (the client), [1] node 1 (tab-indented lines). */
    static String[] sides(String raw) {
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        boolean data = false;
        for (String line : raw.split("\n")) {
            if (line.startsWith("Node 1:")) {
                data = true;
                continue;
            }
            if (!data || line.startsWith("====") || line.isBlank()) continue;
            if (line.startsWith("\t")) b.append(line.strip());
            else a.append(line.strip());
        }
        return new String[] {a.toString(), b.toString()};
    }

    static String tshark(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static boolean hasTshark() {
        try {
            return new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void everyStreamGivesTsharksBytesInEachDirection() throws Exception {
        assumeTrue(hasTshark() || "true".equalsIgnoreCase(System.getenv("CI")), "tshark not installed");
        CliRun conv = CliRun.of("info", CAPTURE, "--json");
        int streams = Integer.parseInt(conv.out().replaceAll("(?s).*\"tcp_streams\" : (\\d+).*", "$1"));
        assertThat(streams).isGreaterThan(10);
        int withData = 0;
        for (int s = 0; s < streams; s++) {
            String[] ours = sides(CliRun.of("follow", CAPTURE, "--stream", String.valueOf(s), "--format", "raw").out());
            String[] theirs = sides(tshark("tshark", "-r", CAPTURE, "-q", "-z", "follow,tcp,raw," + s));
            assertThat(ours).as("stream %d", s).containsExactly(theirs);
            if (!theirs[0].isEmpty() || !theirs[1].isEmpty()) withData++;
        }
        assertThat(withData).isGreaterThan(10);
    }
}
