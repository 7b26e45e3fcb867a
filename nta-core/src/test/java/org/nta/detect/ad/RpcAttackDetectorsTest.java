package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.RpcCall;

/** DCSync and Zerologon on RpcCall events built as the DCE/RPC parser emits them. */
class RpcAttackDetectorsTest {
    private static final AdConfig C = AdConfig.DEFAULTS;
    private static final RpcAttackConfig R = RpcAttackConfig.DEFAULTS;
    private static final String DRSUAPI = "e3514235-4b06-11d1-ab04-00c04fc2dcd2";

    static RpcCall call(Kdc k, ConnInfo c, String iface, String op, long status, boolean encrypted, long reply, Map<String, String> args) {
        k.frame += 2;
        k.ns += 10_000_000L;
        RpcCall r = new RpcCall(c, "tcp", k.frame, iface, iface.equals("drsuapi") ? DRSUAPI : null, 4, 0, op, k.frame - 1,
                k.ns - 5_000_000L, k.frame, k.ns, false, encrypted ? -1 : status, encrypted ? 10 : -1, encrypted ? 6 : -1,
                encrypted, args, 200, reply);
        k.events.add(r);
        return r;
    }

    @Test
    void replicationFromAWorkstationIsDcsync() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 49667);
        RpcCall bind = call(k, c, "drsuapi", "DsBind", -1, true, 60, Map.of());
        call(k, c, "drsuapi", "DsGetNCChanges", -1, true, 9000, Map.of());
        RpcCall last = call(k, c, "drsuapi", "DsGetNCChanges", -1, true, 4000, Map.of());
        List<Finding> fs = k.run(new DcSyncDetector(C, R));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.DCSYNC);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.firstFrame()).isEqualTo(bind.requestFrame());
        assertThat(f.lastFrame()).isEqualTo(last.frame());
        assertThat(f.evidence()).containsEntry("requests", 2).containsEntry("reply_bytes", 13000L);
    }

    @Test
    void replicationBetweenDomainControllersIsBenign() {
        Kdc k = new Kdc();
        // 10.0.0.11 is a DC: it answers Kerberos for a workstation
        k.kinit("10.0.0.23", "carol");
        ConnInfo kdc2 = new ConnInfo("tcp", 99, 4, "10.0.0.23", 50000, "10.0.0.11", 88);
        k.tgsRep(kdc2, "carol", "cifs/dc2", 18);
        ConnInfo repl = new ConnInfo("tcp", 100, 4, "10.0.0.11", 50001, Kdc.KDC, 49667);
        call(k, repl, "drsuapi", "DsBind", 0, false, 60, Map.of());
        call(k, repl, "drsuapi", "DsGetNCChanges", 0, false, 9000, Map.of());
        assertThat(k.run(new DcSyncDetector(C, R))).isEmpty();
    }

    @Test
    void refusedReplicationIsAHighAttempt() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 49667);
        call(k, c, "drsuapi", "DsGetNCChanges", 0x2105, false, 40, Map.of());
        Finding f = k.run(new DcSyncDetector(C, R)).get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isFalse();
        assertThat(f.summary()).contains("refused").contains("WERR_DS_DRA_ACCESS_DENIED");
    }

    static Map<String, String> auth(String cred) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("account_name", "DC1$");
        m.put("computer_name", "DC1");
        m.put("client_credential", cred);
        return m;
    }

    @Test
    void zeroCredentialBurstThenSuccessIsZerologon() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 49668);
        RpcCall first = null;
        for (int i = 0; i < 40; i++) {
            call(k, c, "netlogon", "NetrServerReqChallenge", 0, false, 12, Map.of("computer_name", "DC1"));
            RpcCall a = call(k, c, "netlogon", "NetrServerAuthenticate3", 0xc0000022L, false, 20, auth("0000000000000000"));
            if (first == null) first = a;
        }
        call(k, c, "netlogon", "NetrServerReqChallenge", 0, false, 12, Map.of());
        RpcCall ok = call(k, c, "netlogon", "NetrServerAuthenticate3", 0, false, 20, auth("0000000000000000"));
        RpcCall set = call(k, c, "netlogon", "NetrServerPasswordSet2", 0, false, 12, Map.of("new_password_zero", "true"));
        List<Finding> fs = k.run(new ZerologonDetector(C, R));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.ZEROLOGON);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.firstFrame()).isEqualTo(first.requestFrame());
        assertThat(f.lastFrame()).isEqualTo(set.frame());
        assertThat(f.evidence()).containsEntry("zero_credential_attempts", 41).containsEntry("challenges", 41)
                .containsEntry("refused", 40).containsEntry("success_frame", ok.frame())
                .containsEntry("password_set_zero_frame", set.requestFrame()).containsEntry("accounts", List.of("DC1$"));
        assertThat(f.summary()).contains("accepted").contains("machine account was taken").contains("set to empty");
        assertThat(f.filter()).startsWith("frame.number in {13, 17,").endsWith(".." + set.frame() + "}");
    }

    @Test
    void aFailedBurstIsHighAndFewAttemptsMedium() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 49668);
        for (int i = 0; i < 10; i++) call(k, c, "netlogon", "NetrServerAuthenticate3", 0xc0000022L, false, 20, auth("0000000000000000"));
        ConnInfo d = k.conn("10.0.0.67", 49668);
        call(k, d, "netlogon", "NetrServerAuthenticate2", 0xc0000022L, false, 20, auth("0000000000000000"));
        List<Finding> fs = k.run(new ZerologonDetector(C, R));
        assertThat(fs).extracting(Finding::severity).containsExactly(Severity.HIGH, Severity.MEDIUM);
        assertThat(fs.get(0).succeeded()).isFalse();
        assertThat(fs.get(0).summary()).contains("all refused");
    }

    @Test
    void ordinarySecureChannelSetupIsNothing() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.23", 49668);
        call(k, c, "netlogon", "NetrServerReqChallenge", 0, false, 12, Map.of());
        call(k, c, "netlogon", "NetrServerAuthenticate3", 0, false, 20, auth("1a2b3c4d5e6f7081"));
        assertThat(k.run(new ZerologonDetector(C, R))).isEmpty();
    }
}
