package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.LdapMessage;

class KerberoastingDetectorTest {
    private static final AdConfig C = AdConfig.DEFAULTS;
    private static final String SPN = "MSSQLSvc/sql01.lab.local:1433";

    @Test
    void anRc4OnlyTicketForAUsersSpnAnsweredInRc4IsACrackableHash() {
        Kdc k = new Kdc();
        k.kinit("10.0.0.66", "alice");
        k.tgsRep(k.tgsReq("10.0.0.66", SPN, List.of(23)), "alice", SPN, 23);
        List<Finding> fs = k.run(new KerberoastingDetector(C));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.KERBEROASTING);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo(Kdc.KDC);
        assertThat(f.techniques()).containsExactly("T1558.003");
        assertThat(f.evidence()).containsEntry("client_uses_aes", true).containsEntry("rc4_requested", true)
                .containsEntry("users", List.of("alice")).containsEntry("spns", List.of(SPN))
                .containsEntry("etypes_offered", List.of(23)).containsEntry("etypes_answered", List.of(23));
        @SuppressWarnings("unchecked")
        Map<String, Object> h = ((List<Map<String, Object>>) f.evidence().get("hashes")).get(0);
        assertThat(h).containsEntry("hashcat_mode", 13100).containsEntry("hash", Credential.MASK);
        assertThat(f.summary()).contains("although it uses AES otherwise").contains("13100");
        assertThat(f.filter()).isEqualTo("frame.number in {20, 22}");
    }

    @Test
    void theRoastedAccountIsTheOneADirectoryAnswerGaveTheSpnOrTheNameTheTicketWasAskedBy() {
        Kdc k = new Kdc();
        // ldapsearch for accounts with an SPN: the answer names svc_sql as holder of the SPN (any case)
        k.events.add(new LdapMessage(new ConnInfo("tcp", 90, 4, "10.0.0.66", 40999, Kdc.KDC, 389), false, 2, 4,
                "CN=svc_sql,CN=Users,DC=lab,DC=local", null, null, null, -1, -1, null, 5, 5_000, "svc_sql",
                List.of("mssqlsvc/SQL01.lab.local:1433")));
        k.kinit("10.0.0.66", "alice");
        k.tgsRep(k.tgsReq("10.0.0.66", SPN, List.of(23)), "alice", SPN, 23);
        k.tgsRep(k.tgsReq("10.0.0.66", "svc_web", List.of(23)), "alice", "svc_web", 23);          // asked by account name
        k.tgsRep(k.tgsReq("10.0.0.66", "HTTP/intranet.lab.local", List.of(23)), "alice", "HTTP/intranet.lab.local", 23);
        Finding f = k.run(new KerberoastingDetector(C)).get(0);
        assertThat(f.evidence()).containsEntry("roasted_accounts", List.of("svc_sql", "svc_web")); // the HTTP holder is unknown
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hashes = (List<Map<String, Object>>) f.evidence().get("hashes");
        assertThat(hashes).extracting(m -> m.get("account")).containsExactly("svc_sql", "svc_web", null);
    }

    @Test
    void aesOnlyTicketsStaySilent() {
        Kdc k = new Kdc();
        k.kinit("10.0.0.23", "carol");
        for (int i = 0; i < C.kerberoastMinSpns() - 1; i++) {
            k.tgsRep(k.tgsReq("10.0.0.23", "cifs/fs" + i + ".lab.local", List.of(18, 17)), "carol", "cifs/fs" + i + ".lab.local", 18);
        }
        assertThat(k.run(new KerberoastingDetector(C))).isEmpty();
    }

    @Test
    void aSweepOfManySpnsIsKerberoastingEvenInAes() {
        Kdc k = new Kdc();
        for (int i = 0; i < C.kerberoastMinSpns(); i++) {
            k.tgsRep(k.tgsReq("10.0.0.66", "MSSQLSvc/sql" + i + ".lab.local", List.of(18, 17)), "alice", "MSSQLSvc/sql" + i + ".lab.local", 18);
        }
        List<Finding> fs = k.run(new KerberoastingDetector(C));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).evidence()).containsEntry("sweep", true).containsEntry("crackable_hash", false);
    }

    @Test
    void krbtgtAndTheMachinesOwnAccountAreNotRoasting() {
        Kdc k = new Kdc();
        k.kinit("10.0.0.30", "ws01$");
        k.tgsRep(k.tgsReq("10.0.0.30", "krbtgt/LAB.LOCAL", List.of(23)), "ws01$", "krbtgt/LAB.LOCAL", 23);
        k.tgsRep(k.tgsReq("10.0.0.30", "host/ws01.lab.local", List.of(23)), "ws01$", "host/ws01.lab.local", 23);
        assertThat(k.run(new KerberoastingDetector(C))).isEmpty();
        assertThat(KerberoastingDetector.isService("host/ws02.lab.local", "ws01$")).isTrue();
    }

    @Test
    void anRc4RequestTheKdcRefusesIsAnAttemptThatFailed() {
        Kdc k = new Kdc();
        k.error(k.tgsReq("10.0.0.66", "svc_sql", List.of(23)), 50);
        List<Finding> fs = k.run(new KerberoastingDetector(C));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).succeeded()).isFalse();
    }

    @Test
    void anRc4TicketAnsweredToAnAesRequestIsOnlyLow() {
        // a service account without AES keys: the KDC answers RC4 to a normal client; crackable but routine
        Kdc k = new Kdc();
        k.tgsRep(k.tgsReq("10.0.0.23", SPN, List.of(18, 17, 23)), "carol", SPN, 23);
        List<Finding> fs = k.run(new KerberoastingDetector(C));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.LOW);
    }
}
