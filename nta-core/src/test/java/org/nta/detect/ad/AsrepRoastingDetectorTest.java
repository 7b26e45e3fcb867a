package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.Credential;

class AsrepRoastingDetectorTest {
    private static final AdConfig C = AdConfig.DEFAULTS;

    private static Kdc roast(int names) {
        Kdc k = new Kdc();
        for (int i = 0; i < names; i++) k.error(k.asReq("10.0.0.66", "user" + i, List.of(23), false), 25);
        return k;
    }

    @Test
    void aBurstOfNamesWithoutPreauthAtTheThresholdIsRoasting() {
        List<Finding> fs = roast(C.asrepMinNames()).run(new AsrepRoastingDetector(C));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.ASREP_ROASTING);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo(Kdc.KDC);
        assertThat(f.succeeded()).isFalse();
        assertThat(f.techniques()).containsExactly("T1558.004");
        assertThat(f.evidence()).containsEntry("user_count", 3).containsEntry("rc4_only", true)
                .containsEntry("crackable_hash", false);
        assertThat(f.filter()).isEqualTo("frame.number in {12, 14, 16, 18, 20, 22}");
    }

    @Test
    void oneNameFewerIsNothing() {
        assertThat(roast(C.asrepMinNames() - 1).run(new AsrepRoastingDetector(C))).isEmpty();
    }

    @Test
    void namesSpreadBeyondTheWindowAreNotABurst() {
        Kdc k = new Kdc();
        for (int i = 0; i < 3; i++) {
            k.error(k.asReq("10.0.0.66", "user" + i, List.of(23), false), 25);
            k.pause(C.windowSec() + 1);
        }
        assertThat(k.run(new AsrepRoastingDetector(C))).isEmpty();
    }

    @Test
    void kinitsWithTheirPreauthRetryAndATypoStaySilent() {
        Kdc k = new Kdc();
        // carol mistypes: no pre-auth → 25, wrong password → 24; then the right one
        k.error(k.asReq("10.0.0.23", "carol", List.of(18, 17, 23), false), 25);
        k.error(k.asReq("10.0.0.23", "carol", List.of(18, 17, 23), true), 24);
        k.kinit("10.0.0.23", "carol");
        k.kinit("10.0.0.23", "alice");
        k.kinit("10.0.0.23", "bob");
        k.kinit("10.0.0.23", "dave");
        assertThat(k.run(new AsrepRoastingDetector(C))).isEmpty();
    }

    @Test
    void anAsRepWithoutPreauthIsACrackableHashEvenForOneName() {
        Kdc k = new Kdc();
        k.asRep(k.asReq("10.0.0.66", "svc_backup", List.of(23), false), "svc_backup", 23);
        List<Finding> fs = k.run(new AsrepRoastingDetector(C));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> r = ((List<Map<String, Object>>) f.evidence().get("roasted")).get(0);
        assertThat(r).containsEntry("user", "svc_backup").containsEntry("hashcat_mode", 18200).containsEntry("hash", Credential.MASK);
        Finding shown = k.run(new AsrepRoastingDetector(C.withShowSecrets(true))).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> r2 = ((List<Map<String, Object>>) shown.evidence().get("roasted")).get(0);
        assertThat((String) r2.get("hash")).startsWith("$krb5asrep$23$svc_backup");
    }

    @Test
    void otherClientsNamesDoNotAddUp() {
        Kdc k = new Kdc();
        k.error(k.asReq("10.0.0.66", "a", List.of(23), false), 25);
        k.error(k.asReq("10.0.0.67", "b", List.of(23), false), 25);
        k.error(k.asReq("10.0.0.68", "c", List.of(23), false), 25);
        assertThat(k.run(new AsrepRoastingDetector(C))).isEmpty();
    }

    @Test
    void anAsRepToAnAesLoginWithoutPreauthIsOnlyMedium() {
        // kinit for an account that does not require pre-authentication: crackable, but one ordinary login
        Kdc k = new Kdc();
        k.asRep(k.asReq("10.0.0.23", "svc_backup", List.of(18, 17, 23), false), "svc_backup", 18);
        List<Finding> fs = k.run(new AsrepRoastingDetector(C));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(fs.get(0).succeeded()).isTrue();
        assertThat(fs.get(0).evidence()).containsEntry("passwords_masked", true);
    }
}
