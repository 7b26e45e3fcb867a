package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.app.http.HttpConfig;
import org.nta.capture.CaptureSource;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * Issue 3, acceptance 3: every object {@code tshark --export-objects http,DIR} writes from a test capture is also
 * one of the objects NTA extracts, with the same bytes. For an upload tshark writes the whole multipart body and
 * NTA the file part: there the part must lie inside tshark's body.
 */
@Tag("tshark")
class FilesDifferentialTest {
    @TestFactory
    Stream<DynamicTest> everyObjectTsharkExportsNtaExtractsToo() throws IOException {
        assumeTrue(Tools.has("tshark") || "true".equalsIgnoreCase(System.getenv("CI")), "tshark not installed");
        List<Path> captures;
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            captures = s.filter(p -> p.toString().endsWith(".pcap.gz")).sorted().toList();
        }
        return captures.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> compare(c)));
    }

    static void compare(Path capture) throws Exception {
        List<byte[]> theirs = tsharkObjects(capture);
        List<HttpFileObject> ours = ntaObjects(capture);
        Set<String> ourHashes = new HashSet<>();
        List<byte[]> parts = new ArrayList<>();
        for (HttpFileObject f : ours) {
            assertThat(f.truncated()).as("%s: object of frame %d kept whole", capture.getFileName(), f.frame()).isFalse();
            ourHashes.add(f.sha256());
            if (f.source() == HttpFileObject.Source.MULTIPART_PART) parts.add(f.bytes());
        }
        int matched = 0, asParts = 0;
        for (byte[] t : theirs) {
            if (ourHashes.contains(sha256(t))) {
                matched++;
            } else {
                boolean inside = parts.stream().anyMatch(p -> p.length > 0 && indexOf(t, p) >= 0);
                assertThat(inside).as("%s: tshark exports an object of %d bytes starting %s that NTA does not extract",
                        capture.getFileName(), t.length, preview(t)).isTrue();
                asParts++;
            }
        }
        assertThat(matched + asParts).isEqualTo(theirs.size());
    }

    static List<byte[]> tsharkObjects(Path capture) throws IOException {
        Path dir = Files.createTempDirectory("nta-export");
        try {
            Tools.Result r = Tools.run(300, "tshark", "-2", "-Q", "-r", capture.toString(), "--export-objects", "http," + dir);
            assertThat(r.exit()).as("tshark --export-objects: %s", r.err()).isZero();
            List<byte[]> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) out.add(Files.readAllBytes(p));
            }
            return out;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    static List<HttpFileObject> ntaObjects(Path capture) throws Exception {
        List<HttpFileObject> out = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                if (e instanceof HttpFileObject f) out.add(f);
            }
        };
        AppConfig app = AppConfig.httpOnly().withHttp(HttpConfig.defaults().withMaxFileBytes(64 << 20));
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(app));
        }
        return out;
    }

    static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    static String preview(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 60), java.nio.charset.StandardCharsets.ISO_8859_1);
        return "\"" + s.replaceAll("[^\\x20-\\x7e]", ".") + "\"";
    }
}
