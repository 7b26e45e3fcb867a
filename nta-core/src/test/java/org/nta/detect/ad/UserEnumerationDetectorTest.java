package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;

class UserEnumerationDetectorTest {
    private static final AdConfig C = AdConfig.DEFAULTS;

    private static Kdc unknown(int names) {
        Kdc k = new Kdc();
        k.kinit("10.0.0.66", "alice");
        for (int i = 0; i < names; i++) k.error(k.asReq("10.0.0.66", "guess" + i, List.of(23), false), 6);
        return k;
    }

    @Test
    void unknownNamesAtTheThresholdAreEnumeration() {
        List<Finding> fs = unknown(C.enumMinUnknown()).run(new UserEnumerationDetector(C));
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.USER_ENUMERATION);
        assertThat(f.phase()).isEqualTo(Phase.ENUMERATION);
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.evidence()).containsEntry("unknown_count", 3).containsEntry("known_answers", 2);
        assertThat(f.techniques()).containsExactly("T1087.002");
    }

    @Test
    void oneFewerIsATypoNotEnumeration() {
        assertThat(unknown(C.enumMinUnknown() - 1).run(new UserEnumerationDetector(C))).isEmpty();
    }

    @Test
    void theSameWrongNameRetriedCountsOnce() {
        Kdc k = new Kdc();
        for (int i = 0; i < 5; i++) k.error(k.asReq("10.0.0.23", "carrol", List.of(18, 17), false), 6);
        assertThat(k.run(new UserEnumerationDetector(C))).isEmpty();
    }
}
