package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.testing.CaptureFiles;
import org.nta.testing.CaptureFiles.Rec;
import org.nta.testing.CaptureFiles.Section;

/** {@code nta info} figures that capinfos shows the same way. */
class InfoReportTest {
    @TempDir
    Path dir;

    private CaptureSummary summary(byte[] file) throws Exception {
        Path f = dir.resolve("f" + System.nanoTime());
        Files.write(f, file);
        try (CaptureSource src = CaptureSource.open(f.toString(), true)) {
            return new Engine(EngineConfig.DEFAULTS.withHash(true)).run(src, List.of());
        }
    }

    /** capinfos: "Packet size limit: file hdr: (not set)" for every pcapng; the interfaces keep their own. */
    @Test
    void pcapngHasNoFileSnapshotLengthEvenWhenItsInterfacesMixUnlimitedAnd65535() throws Exception {
        byte[] file = new Section(false).iface(1, -1, 0, null, 65535).iface(101, 9, 0, null, 0).iface(1, -1, 0, null, 128)
                .epb(0, 1_700_000_000_000_000L, new byte[60], 60).build();
        CaptureSummary s = summary(file);
        Map<String, Object> json = InfoReport.json(s);
        assertThat(json.get("snaplen")).isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ifs = (List<Map<String, Object>>) json.get("interfaces");
        assertThat(ifs).extracting(m -> m.get("snaplen")).containsExactly(65535L, 0L, 128L);
        String text = InfoReport.text(s, TimeFormat.utc(6));
        assertThat(text).contains("Snapshot length:    not set in the file (one per interface, below)")
                .contains("  #0:               Ethernet, snaplen 65535\n").contains("  #1:               Raw IP, snaplen unlimited\n");
    }

    @Test
    void pcapKeepsItsHeadersSnapshotLength() throws Exception {
        CaptureSummary s = summary(CaptureFiles.pcap(false, false, 1, List.of(new Rec(1_000_000_000L, new byte[60]))));
        assertThat(InfoReport.json(s).get("snaplen")).isEqualTo(262144L);
        assertThat(InfoReport.text(s, TimeFormat.utc(6))).contains("Snapshot length:    262,144 bytes");
    }

    /** capinfos' Data size and rates count original lengths: a frame cut from 1,000 to 60 bytes counts 1,000. */
    @Test
    void dataSizeAndRatesUseWireLengthsAndCapturedBytesAreKeptApart() throws Exception {
        CaptureSummary s = summary(CaptureFiles.pcap(false, false, 1, List.of(
                new Rec(1_000_000_000L, 0, new byte[60], 1000), new Rec(3_000_000_000L, 0, new byte[100], 100))));
        Map<String, Object> json = InfoReport.json(s);
        assertThat(json.get("bytes")).isEqualTo(1100L);
        assertThat(json.get("wire_bytes")).isEqualTo(1100L);
        assertThat(json.get("captured_bytes")).isEqualTo(160L);
        assertThat(json.get("bytes_per_s")).isEqualTo(550.0);
        assertThat(json.get("packets_per_s")).isEqualTo(1.0);
        assertThat(json.get("average_packet_size")).isEqualTo(550.0);
        assertThat(InfoReport.text(s, TimeFormat.utc(6))).contains("Data size:          1,100 bytes (160 captured)")
                .contains("Average rates:      1.00 packets/s, 550 bytes/s (4 kbit/s)").contains("Average packet:     550.00 bytes");
    }
}
