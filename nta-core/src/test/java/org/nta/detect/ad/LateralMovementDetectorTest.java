package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.RpcCall;
import java.util.Map;

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

    static RpcCall rpc(Kdc k, ConnInfo c, String iface, String op, long status, boolean fault, Map<String, String> args) {
        k.frame += 2;
        k.ns += 1_000_000L;
        RpcCall r = new RpcCall(c, "smb-pipe " + iface, 2, iface, null, 2, 12, op, k.frame - 1, k.ns - 500_000L, k.frame, k.ns,
                fault, status, -1, -1, false, args, 100, 24);
        k.events.add(r);
        return r;
    }

    @Test
    void smbexecCommandLineIsHighAndSaysWhatRan() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        k.svcctl(c);
        String cmd = "%COMSPEC% /Q /c echo whoami ^> \\\\127.0.0.1\\C$\\__output 2^>^&1 > %TEMP%\\execute.bat";
        RpcCall create = rpc(k, c, "svcctl", "CreateServiceW", 0, false, Map.of("service_name", "BTOBTO", "binary_path", cmd));
        RpcCall start = rpc(k, c, "svcctl", "StartServiceW", 1053, false, Map.of("service_name", "BTOBTO"));
        List<Finding> fs = k.run(new LateralMovementDetector(C));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.evidence()).containsEntry("styles", List.of("smbexec")).containsEntry("commands", List.of(cmd));
        assertThat(f.summary()).contains("CreateServiceW BTOBTO running `" + cmd + "` (success)");
        assertThat(f.filter()).contains(Long.toString(create.requestFrame())).contains(Long.toString(start.frame()));
    }

    @Test
    void aRefusedCreationIsStillAnAttempt() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        rpc(k, c, "svcctl", "CreateServiceW", 5, false, Map.of("service_name", "x", "binary_path", "c:\\x.exe"));
        Finding f = k.run(new LateralMovementDetector(C)).get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isFalse();
        assertThat(f.summary()).contains("refused WERR_ACCESS_DENIED").contains("attempted");
    }

    @Test
    void aRegisteredTaskIsAtexec() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        rpc(k, c, "ITaskSchedulerService", "SchRpcRegisterTask", 0, false, Map.of("path", "\\qWeRtY", "command", "cmd.exe /C whoami > %windir%\\Temp\\a.tmp 2>&1"));
        Finding f = k.run(new LateralMovementDetector(C)).get(0);
        assertThat(f.evidence()).containsEntry("styles", List.of("atexec"));
        assertThat(f.techniques()).contains("T1053");
        assertThat(f.succeeded()).isTrue();
    }

    @Test
    void readOnlyServiceCallsAreNothing() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.23", 445);
        rpc(k, c, "svcctl", "OpenSCManagerW", 0, false, Map.of());
        rpc(k, c, "svcctl", "QueryServiceStatus", 0, false, Map.of());
        assertThat(k.run(new LateralMovementDetector(C))).isEmpty();
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
