package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages for input that cannot be read, or only in part. */
class BadInputTest {
    static final Path SAMPLE = Path.of("..", "samples", "webshell-lab.pcap.gz");

    @TempDir
    Path dir;

    @Test
    void missingFileIsExit2WithOneLine() {
        CliRun r = CliRun.of("info", dir.resolve("nope.pcap").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file").doesNotContain("Exception");
        assertThat(r.err().trim().split("\n")).hasSize(1);
    }

    @Test
    void directoryIsExit2() {
        CliRun r = CliRun.of("conversations", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is a directory");
    }

    @Test
    void pngSaysWhatItLooksLike() throws IOException {
        Path png = dir.resolve("cat.pcap");
        byte[] b = new byte[64];
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
        System.arraycopy(sig, 0, b, 0, sig.length);
        Files.write(png, b);
        CliRun r = CliRun.of("info", png.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a capture file").contains("a PNG image");
    }

    @Test
    void gzippedTextSaysSo() throws IOException {
        Path gz = dir.resolve("notes.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("hello, this is not a capture\n".getBytes());
        }
        CliRun r = CliRun.of("info", gz.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("gzip-compressed a text file");
    }

    @Test
    void emptyFileIsExit2() throws IOException {
        Path e = dir.resolve("empty.pcap");
        Files.write(e, new byte[0]);
        CliRun r = CliRun.of("info", e.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("an empty file");
    }

    @Test
    void truncatedCaptureIsExit3WithOffsetAndEverythingBeforeIt() throws IOException {
        byte[] whole = new java.util.zip.GZIPInputStream(Files.newInputStream(SAMPLE)).readAllBytes();
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        CliRun r = CliRun.of("info", "--json", cut.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("byte offset").contains("after frame");
        assertThat(r.out()).contains("\"status\" : \"partial\"");
        assertThat(r.out()).containsPattern("\"packets\" : [1-9][0-9]{3,}");
    }

    @Test
    void pcapAndPcapngCutInsideTheirHeadersAreBothExit2() throws IOException {
        byte[] pcap = new java.util.zip.GZIPInputStream(Files.newInputStream(SAMPLE)).readAllBytes();
        byte[] pcapng = {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, 28, 0, 0, 0};
        for (int len : new int[] {12, 20, 27}) {
            Path f = dir.resolve("cut" + len + ".pcapng");
            Files.write(f, Arrays.copyOf(pcapng, len));
            CliRun r = CliRun.of("info", f.toString());
            assertThat(r.exit()).as("pcapng cut at %d", len).isEqualTo(2);
            assertThat(r.err().trim()).as("pcapng cut at %d", len).contains("pcapng file cut off inside its header");
            assertThat(r.err().trim().lines()).hasSize(1);
        }
        Path whole = dir.resolve("empty.pcapng");
        Files.write(whole, pcapng);
        assertThat(CliRun.of("info", whole.toString()).exit()).as("a whole section header is an empty capture").isZero();
        Path f = dir.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(pcap, 20));
        CliRun r = CliRun.of("info", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().trim()).contains("pcap file cut off inside its header");
    }

    @Test
    void aCutOffGzipOnStandardInputIsTruncatedNotAnIoError() throws IOException {
        byte[] gz = Files.readAllBytes(SAMPLE);
        java.io.InputStream old = System.in;
        CliRun r;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Arrays.copyOf(gz, 60_000)));
            r = CliRun.of("info", "--json", "-");
        } finally {
            System.setIn(old);
        }
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("\"kind\" : \"truncated\"").contains("the compressed stream ends early");
        assertThat(r.err()).contains("read up to where the file is cut off");
    }

    @Test
    void oneBadFileAmongGoodOnesStillReportsTheGoodOnes() {
        CliRun r = CliRun.of("info", "--json", SAMPLE.toString(), dir.resolve("missing.pcap").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("\"status\" : \"ok\"").contains("\"status\" : \"error\"").contains("\"packets\" : 19499");
    }

    @Test
    void unknownOptionIsExit2() {
        CliRun r = CliRun.of("conversations", "--frobnicate", SAMPLE.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("nta: ");
    }

    @Test
    void unknownTypeIsExit2() {
        CliRun r = CliRun.of("conversations", "--type", "sctp", SAMPLE.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown --type");
    }
}
