package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;

class LateralMovementDetectorTest {
    private static final AdConfig C = AdConfig.DEFAULTS;

    @Test
    void anExecutableWrittenToAdminThenSvcctlIsPsexec() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        k.write(c, "ADMIN$", "nnnBtafV.exe", Kdc.pe());
        k.svcctl(c);
        List<Finding> fs = k.run(new LateralMovementDetector(C));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.LATERAL_MOVEMENT);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo(Kdc.KDC);
        assertThat(f.techniques()).containsExactly("T1021.002", "T1570", "T1569.002");
        assertThat(f.evidence()).containsEntry("svcctl_after_write", true).containsEntry("svcctl_opens", 1);
        // the WRITE request and the svcctl CREATE request
        assertThat(f.filter()).isEqualTo("frame.number in {13, 19}");
    }

    @Test
    void aPeToleratesAnInnocentNameAndAScriptNameWithoutMz() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        k.write(c, "C$", "update.tmp", Kdc.pe());
        k.write(c, "c$", "run.bat", "whoami".getBytes(StandardCharsets.US_ASCII));
        List<Finding> fs = k.run(new LateralMovementDetector(C));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(fs.get(0).evidence().get("files").toString()).contains("update.tmp").contains("run.bat");
    }

    @Test
    void executablesOnADepartmentShareAndTextOnAdminAreNotLateralMovement() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.23", 445);
        k.write(c, "dept", "tool.exe", Kdc.pe());
        k.write(c, "dept$", "setup.exe", Kdc.pe());
        k.write(c, "ADMIN$", "notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(k.run(new LateralMovementDetector(C))).isEmpty();
    }

    @Test
    void svcctlAloneIsMediumRemoteServiceControl() {
        Kdc k = new Kdc();
        k.svcctl(k.conn("10.0.0.66", 445));
        List<Finding> fs = k.run(new LateralMovementDetector(C));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).succeeded()).isNull();
        assertThat(fs.get(0).techniques()).containsExactly("T1021.002", "T1569.002");
    }

    @Test
    void otherPipesAreNothing() {
        Kdc k = new Kdc();
        k.smb(k.conn("10.0.0.45", 445), "CREATE", "\\\\" + Kdc.KDC + "\\IPC$", "srvsvc", 0);
        assertThat(k.run(new LateralMovementDetector(C))).isEmpty();
    }

    @Test
    void adminShares() {
        assertThat(LateralMovementDetector.adminShare(LateralMovementDetector.share("\\\\dc1\\admin$"))).isTrue();
        assertThat(LateralMovementDetector.adminShare("D$")).isTrue();
        assertThat(LateralMovementDetector.adminShare("IPC$")).isFalse();
        assertThat(LateralMovementDetector.adminShare("PRINT$")).isFalse();
    }
}
