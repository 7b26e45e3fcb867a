package org.nta.detect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.Severity;

/** SSH guessing told by connection shape: thresholds, shape, success, banner grabs, tools. */
class SshBruteforceDetectorTest {
    static final String ATTACKER = "10.0.0.66", SERVER = "10.0.0.5";
    final SshBruteforceDetector d = new SshBruteforceDetector(AuthConfig.DEFAULTS);
    long frame = 1, ns = Creds.T0;
    int stream;

    private SshBruteforceDetector.Conn conn(long up, long down, double seconds) {
        SshBruteforceDetector.Conn c = new SshBruteforceDetector.Conn(ATTACKER, SERVER, 22, stream++, frame, frame + 20, ns,
                ns + (long) (seconds * 1e9), up, down);
        frame += 21;
        ns += 500_000_000L;
        d.add(c);
        return c;
    }

    private void attempts(int n) {
        for (int i = 0; i < n; i++) conn(2100 + (i % 3) * 40, 3300 + (i % 2) * 64, 1.2);
    }

    @Test
    void manyShortConnectionsOfOneShape() {
        d.software(0, "libssh_0.10.4");
        attempts(12);
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.succeeded()).isNull();
        assertThat(f.attacker()).isEqualTo(ATTACKER);
        assertThat(f.techniques()).containsExactly("T1110.001");
        assertThat(f.filter()).isEqualTo("tcp.stream in {0..11}");
        assertThat(f.evidence()).containsEntry("protocol", "ssh").containsEntry("attempts", 12).containsEntry("tool", "hydra")
                .containsEntry("client_software", "libssh_0.10.4").doesNotContainKey("success_stream");
    }

    @Test
    void oneConnectionBelowTheThresholdIsNothing() {
        attempts(9);
        assertThat(d.finish()).isEmpty();
        attempts(1);
        assertThat(d.finish()).hasSize(1);
    }

    @Test
    void aLongerSessionAfterwardsIsTheSuccess() {
        attempts(12);
        SshBruteforceDetector.Conn s = conn(9000, 48000, 95);
        Finding f = d.finish().get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.evidence()).containsEntry("success_stream", s.stream()).containsEntry("success_frame", s.firstFrame());
        assertThat(f.lastFrame()).isEqualTo(s.lastFrame());
        assertThat(f.filter()).isEqualTo("tcp.stream in {0..12}");
    }

    @Test
    void bannerGrabsAndPortScansDoNotCount() {
        for (int i = 0; i < 30; i++) conn(40, 60, 0.1);
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void connectionsOfManyShapesAreOrdinaryUse() {
        for (int i = 0; i < 20; i++) conn(2000 + i * 900, 3000 + i * 5000, 1 + i);
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void aLongSilenceEndsABurst() {
        attempts(6);
        ns += 61_000_000_000L;
        attempts(6);
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void toolsByClientSoftware() {
        assertThat(SshBruteforceDetector.tool("libssh2_1.10.0")).isEqualTo("medusa");
        assertThat(SshBruteforceDetector.tool("paramiko_3.4.0")).isEqualTo("paramiko");
        assertThat(SshBruteforceDetector.tool("OpenSSH_9.2p1")).isNull();
        assertThat(SshBruteforceDetector.tool(null)).isNull();
    }
}
