package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 2, acceptance 2: every corpus file ends with exit 0, 3 or a clean 2, in under 5 s, with one-line messages
 * and never a stack trace — for info, conversations (all types), endpoints and protocols.
 */
class CorpusRobustnessTest {
    static List<Path> corpus() throws IOException {
        Path dir = Path.of("..", "nta-core", "src", "test", "resources", "corpus", "tcpdump");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".gz")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileEndsCleanly() throws IOException {
        return corpus().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            for (String[] args : List.of(new String[] {"info", "--json", f.toString()},
                    new String[] {"conversations", "--type", "eth,ip,tcp,udp", f.toString()},
                    new String[] {"endpoints", "--type", "eth,ip,tcp,udp", f.toString()},
                    new String[] {"protocols", f.toString()})) {
                CliRun r = CliRun.of(args);
                assertClean(r, args[0] + " " + f.getFileName());
            }
        }));
    }

    static void assertClean(CliRun r, String what) {
        assertThat(r.exit()).as(what + " exit code; stderr: " + r.err()).isIn(0, 2, 3);
        assertThat(r.millis()).as(what + " took too long").isLessThan(5000);
        assertThat(r.err()).as(what + " printed a stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        for (String line : r.err().split("\n")) {
            if (!line.isEmpty()) assertThat(line).as(what + ": messages start with 'nta: '").startsWith("nta: ");
        }
    }
}
