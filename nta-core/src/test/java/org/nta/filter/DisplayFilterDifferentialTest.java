package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nta.testing.Tshark;

/**
 * For every filter of filters.txt and every reference capture, NTA selects exactly the frames that
 * {@code tshark -2 -r FILE -Y F -T fields -e frame.number} selects. Application-layer filters ([app]) take part once
 * their fields are registered. Deliberate differences are listed in filters/known-differences.md and skipped here.
 * tshark's answers are cached by testing/Tshark (keyed by tshark version, capture content and filter).
 */
@Tag("tshark")
class DisplayFilterDifferentialTest {
    static final List<String> CAPTURES = List.of("captures/webshell-lab.pcap.gz", "captures/benign-lab.pcap.gz",
            "captures/benign-office-day.pcap.gz", "captures/connect-scan-ffuf-post-shell.pcap.gz",
            "captures/hydra-login-bruteforce.pcap.gz", "captures/ipv6-fin-udp-wfuzz-b64-ncat.pcap.gz",
            "captures/sqlmap-union-web-probes.pcap.gz", "filters/tls-openssl.pcap.gz",
            "captures/corpus/various_gre.pcap.gz", "captures/corpus/mpls-traceroute.pcap.gz",
            "captures/corpus/bgp-enhanced-route-refresh-subtype.pcapng.gz", "captures/corpus/quic_handshake.pcap.gz",
            "captures/corpus/802.1ad_QinQ.pcap.gz", "captures/corpus/icmpv6-rfc7112.pcap.gz",
            "captures/corpus/vrrp.pcap.gz");

    private static String tsharkVersion;
    private static final Map<String, List<String>> KNOWN = KnownDifferences.load();

    @BeforeAll
    static void findTshark() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            tsharkVersion = out.lines().filter(l -> l.startsWith("TShark")).findFirst().orElse("");
        } catch (IOException | InterruptedException e) {
            tsharkVersion = null;
        }
    }

    static Path resource(String name) {
        try {
            return Paths.get(DisplayFilterDifferentialTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theListCoversEnough() {
        FilterList list = FilterList.load();
        assertThat(list.packet()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(list.app()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(list.packet()).doesNotHaveDuplicates();
    }

    @TestFactory
    Stream<DynamicNode> ntaSelectsTheFramesTsharkSelects() throws Exception {
        assumeTrue(tsharkVersion != null && !tsharkVersion.isEmpty(), "tshark is not on PATH: differential filter test skipped");
        FilterList list = FilterList.load();
        FieldRegistry fields = AppFields.all();
        List<String> filters = new ArrayList<>(list.packet());
        for (String f : list.app()) {
            try {
                DisplayFilter.compile(f, fields);
                filters.add(f); // its fields are registered now: it takes part
            } catch (FilterException e) {
                // application fields not registered yet
            }
        }
        List<DisplayFilter> compiled = new ArrayList<>();
        for (String f : filters) compiled.add(DisplayFilter.compile(f, fields));
        List<DynamicNode> containers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        try {
            for (String capture : CAPTURES) {
                Path file = resource(capture);
                Map<String, Future<List<Long>>> expected = new LinkedHashMap<>();
                for (String f : filters) expected.put(f, pool.submit(() -> tshark(file, f)));
                List<List<Long>> actual = NtaSelection.select(file, compiled);
                List<DynamicTest> tests = new ArrayList<>();
                for (int i = 0; i < filters.size(); i++) {
                    String f = filters.get(i);
                    List<Long> want = expected.get(f).get();
                    List<Long> got = actual.get(i);
                    String name = file.getFileName().toString();
                    tests.add(DynamicTest.dynamicTest(f, () -> {
                        assumeTrue(!KNOWN.getOrDefault(name, List.of()).contains(f) && !KNOWN.getOrDefault("*", List.of()).contains(f),
                                "a known, deliberate difference (filters/known-differences.md)");
                        assertThat(got).as("%s on %s: frames NTA selects vs tshark; only NTA: %s; only tshark: %s", f, name,
                                firstOnlyIn(got, want), firstOnlyIn(want, got)).isEqualTo(want);
                    }));
                }
                containers.add(DynamicContainer.dynamicContainer(capture, tests));
                for (int i = 0; i < filters.size(); i++) {
                    counts.computeIfAbsent(filters.get(i), k -> new ArrayList<>()).add(expected.get(filters.get(i)).get().size());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // how many frames tshark selects per capture, to see which filters exercise something
        StringBuilder sb = new StringBuilder("# frames tshark selects, per capture in the order of CAPTURES\n");
        counts.forEach((f, c) -> sb.append(c).append('\t').append(f).append('\n'));
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target", "filter-selection-counts.txt"), sb.toString());
        return containers.stream();
    }

    private static List<Long> firstOnlyIn(List<Long> a, List<Long> b) {
        java.util.Set<Long> other = new java.util.HashSet<>(b);
        return a.stream().filter(x -> !other.contains(x)).limit(10).toList();
    }

    /** tshark's selection, from the cache when this tshark already answered for this capture and filter. */
    static List<Long> tshark(Path capture, String filter) throws Exception {
        return Tshark.frames(capture, filter);
    }
}
