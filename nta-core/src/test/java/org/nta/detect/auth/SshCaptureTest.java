package org.nta.detect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.testing.TcpCapture;

/**
 * SSH guessing through the whole pipeline, on a capture built in code: the dispatcher recognises SSH by its
 * banners, the flows reach the detector when they end, the client's libssh banner names hydra, and the larger
 * session after the guesses is the success. (A capture recorded with hydra against a real sshd is still to come:
 * no SSH server is installed here.)
 */
class SshCaptureTest {
    static void attempt(TcpCapture cap, int port, boolean success) {
        TcpCapture.Conn c = cap.conn("10.9.0.66", port, "10.9.0.5", 22, true);
        c.c2s("SSH-2.0-libssh_0.10.4\r\n").s2c("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        c.c2s("k".repeat(1480)).s2c("K".repeat(1100)).c2s("e".repeat(120)).s2c("E".repeat(560));
        c.c2s("a".repeat(300)).s2c("A".repeat(200));
        if (success) for (int i = 0; i < 10; i++) c.c2s("s".repeat(200)).s2c("S".repeat(4000));
        c.fin();
    }

    @Test
    void hydraAgainstSshThenTheSession(@TempDir Path dir) throws Exception {
        TcpCapture cap = new TcpCapture();
        for (int i = 0; i < 12; i++) attempt(cap, 40000 + i, false);
        attempt(cap, 40100, true);
        Path file = cap.write(dir, "ssh-guessing.pcap");
        Analysis.Result r;
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
        }
        List<Finding> fs = r.findings().stream().filter(f -> f.type() == FindingType.LOGIN_BRUTEFORCE).toList();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.attacker()).isEqualTo("10.9.0.66");
        assertThat(f.victim()).isEqualTo("10.9.0.5");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.filter()).isEqualTo("tcp.stream in {0..12}");
        assertThat(f.evidence()).containsEntry("protocol", "ssh").containsEntry("attempts", 12).containsEntry("tool", "hydra")
                .containsEntry("success_stream", 12).containsEntry("client_software", "libssh_0.10.4").containsEntry("server_port", 22);
        assertThat(r.verdict().level().id()).isEqualTo("malicious");
    }

    @Test
    void aFewSessionsAreOrdinary(@TempDir Path dir) throws Exception {
        TcpCapture cap = new TcpCapture();
        for (int i = 0; i < 9; i++) attempt(cap, 40000 + i, false);
        Path file = cap.write(dir, "ssh-few.pcap");
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
            assertThat(r.findings()).noneMatch(f -> f.type() == FindingType.LOGIN_BRUTEFORCE);
        }
    }
}
