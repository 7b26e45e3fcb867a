package org.nta.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

class StoryBuilderTest {
    static Finding finding(FindingType type, Phase phase, String attacker, String victim, long frame, Map<String, Object> ev) {
        return new Finding(type, Severity.MEDIUM, phase, attacker, victim, frame, frame + 1, frame * 1000, frame * 1000 + 1,
                List.of(), "frame.number == " + frame, type.id(), Boolean.TRUE, List.of(), ev);
    }

    @Test
    void aSweepOpensTheStoryOfTheHostsItsSourceThenAttacked() {
        Finding sweep = finding(FindingType.HOST_SWEEP, Phase.RECONNAISSANCE, "10.0.0.66", null, 10,
                Map.of("hosts", List.of("10.0.0.4", "10.0.0.5", "10.0.0.6")));
        Finding scan = finding(FindingType.PORT_SCAN, Phase.RECONNAISSANCE, "10.0.0.66", "10.0.0.5", 50, Map.of());
        Finding other = finding(FindingType.PORT_SCAN, Phase.RECONNAISSANCE, "10.0.0.66", "10.9.9.9", 90, Map.of());
        List<Incident> inc = StoryBuilder.incidents(List.of(sweep, scan, other));
        assertThat(inc).hasSize(2);
        Incident onFive = inc.stream().filter(i -> "10.0.0.5".equals(i.victim())).findFirst().orElseThrow();
        assertThat(onFive.findings()).containsExactly(sweep, scan);
        assertThat(inc.stream().filter(i -> "10.9.9.9".equals(i.victim())).findFirst().orElseThrow().findings())
                .containsExactly(other);
    }

    @Test
    void aSweepWithNoLaterAttackIsAStoryOfItsOwn() {
        Finding sweep = finding(FindingType.HOST_SWEEP, Phase.RECONNAISSANCE, "10.0.0.66", null, 10,
                Map.of("hosts", List.of("10.0.0.4")));
        List<Incident> inc = StoryBuilder.incidents(List.of(sweep));
        assertThat(inc).singleElement().satisfies(i -> assertThat(i.victim()).isNull());
        assertThat(Incident.label(null, List.of())).isEqualTo("many hosts");
    }

    @Test
    void oneDualStackHostsFindingsAgainstOneHostAreOneStory() {
        Finding udp = finding(FindingType.PORT_SCAN, Phase.RECONNAISSANCE, "192.168.77.66", "192.168.77.45", 10, Map.of());
        Finding fin = finding(FindingType.PORT_SCAN, Phase.RECONNAISSANCE, "fd77::66", "fd77::45", 5, Map.of());
        Map<String, List<String>> same = Map.of("192.168.77.66", List.of("192.168.77.66", "fd77::66"),
                "fd77::66", List.of("192.168.77.66", "fd77::66"), "192.168.77.45", List.of("192.168.77.45", "fd77::45"),
                "fd77::45", List.of("192.168.77.45", "fd77::45"));
        List<Incident> inc = StoryBuilder.incidents(List.of(udp, fin), same);
        assertThat(inc).singleElement().satisfies(i -> {
            assertThat(i.attacker()).isEqualTo("fd77::66"); // the address of its first finding
            assertThat(i.attackerAddresses()).containsExactly("fd77::66", "192.168.77.66");
            assertThat(Incident.label(i.attacker(), i.attackerAddresses())).isEqualTo("fd77::66 (also 192.168.77.66)");
        });
        assertThat(StoryBuilder.incidents(List.of(udp, fin))).hasSize(2);
    }

    @Test
    void anObservationShownToTheAttackerOfThatServerBecomesPartOfTheAttack() {
        Finding scan = new Finding(FindingType.PORT_SCAN, Severity.MEDIUM, Phase.RECONNAISSANCE, "10.0.0.66", "10.0.0.5", 1, 2,
                0, 0, List.of(), "frame.number == 1", "scan", Boolean.TRUE, List.of(), Map.of());
        Finding toAttacker = new Finding(FindingType.INFO_DISCLOSURE, Severity.LOW, Phase.ENUMERATION, null, "10.0.0.5", 5, 6,
                0, 0, List.of(), "frame.number == 5", "listing", null, List.of(), Map.of("client", "10.0.0.66"));
        Finding toUser = new Finding(FindingType.INFO_DISCLOSURE, Severity.LOW, Phase.ENUMERATION, null, "10.0.0.5", 7, 8,
                0, 0, List.of(), "frame.number == 7", "listing", null, List.of(), Map.of("client", "10.0.0.9"));
        List<Finding> out = StoryBuilder.attribute(List.of(scan, toAttacker, toUser), Map.of());
        assertThat(out.get(1).attacker()).isEqualTo("10.0.0.66");
        assertThat(out.get(1).succeeded()).isTrue();
        assertThat(out.get(2)).isSameAs(toUser);
        assertThat(StoryBuilder.incidents(out)).singleElement().satisfies(i -> assertThat(i.findings()).hasSize(2));
    }
}
