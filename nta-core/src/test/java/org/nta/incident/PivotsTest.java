package org.nta.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.incident.StoryBuilderTest.finding;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

/** One story per intruder: an account obtained by one host and used from or against another joins their stories. */
class PivotsTest {
    private static final String ATT = "10.0.0.66", DC = "10.0.0.10", WS2 = "10.0.0.41", FS = "10.0.0.30";

    private static Finding roast(long frame, String... accounts) {
        return finding(FindingType.KERBEROASTING, Phase.EXPLOITATION, ATT, DC, frame, Map.of("roasted_accounts", List.of(accounts)));
    }

    private static Finding psexec(String from, String on, long frame, String user) {
        return finding(FindingType.LATERAL_MOVEMENT, Phase.INSTALLATION, from, on, frame, Map.of("users", List.of(user)));
    }

    @Test
    void anAccountRoastedByOneHostAndUsedFromAnotherAgainstAThirdMakesOneStoryNamedAfterTheRoaster() {
        Finding scan = finding(FindingType.PORT_SCAN, Phase.RECONNAISSANCE, WS2, FS, 5, Map.of()); // before the theft
        Finding roast = roast(100, "svc_sql");
        Finding move = psexec(WS2, FS, 300, "LAB\\SVC_SQL");
        List<Incident> inc = StoryBuilder.incidents(List.of(scan, roast, move));
        assertThat(inc).singleElement().satisfies(i -> {
            assertThat(i.attacker()).isEqualTo(ATT);
            assertThat(i.victim()).isEqualTo(DC);
            assertThat(i.attackerAddresses()).containsExactly(ATT); // the pivot host is not the intruder's own address
            assertThat(i.victimAddresses()).containsExactly(DC);
            assertThat(i.findings()).containsExactly(scan, roast, move);
            assertThat(i.pivots()).containsExactly(new Incident.Pivot("svc_sql", ATT, "kerberoasting", 100, WS2, FS, "lateral_movement", 300));
            assertThat(i.pivots().get(0).describe(a -> a)).isEqualTo(
                    "svc_sql: obtained by 10.0.0.66 (kerberoasting, frame 100), used from 10.0.0.41 against 10.0.0.30 (lateral_movement, frame 300)");
        });
    }

    @Test
    void aChainOfAccountsKeepsJoiningTheFirstIntrudersStory() {
        Finding roast = roast(100, "svc_sql");
        Finding move = psexec(WS2, FS, 300, "svc_sql");
        Finding poison = finding(FindingType.NAME_POISONING, Phase.EXPLOITATION, WS2, FS, 400,
                Map.of("credentials", List.of(Map.of("user", "bob"))));
        Finding next = psexec("10.0.0.77", "10.0.0.90", 500, "bob@LAB.LOCAL");
        List<Incident> inc = StoryBuilder.incidents(List.of(roast, move, poison, next));
        assertThat(inc).singleElement().satisfies(i -> {
            assertThat(i.attacker()).isEqualTo(ATT);
            assertThat(i.pivots()).extracting(Incident.Pivot::account).containsExactly("svc_sql", "bob");
        });
    }

    @Test
    void theSameAttackerUsingTheAccountOnItsOwnVictimIsNamedWithoutJoiningAnything() {
        Finding roast = roast(100, "svc_sql");
        Finding move = psexec(ATT, DC, 300, "svc_sql");
        assertThat(StoryBuilder.incidents(List.of(roast, move))).singleElement()
                .satisfies(i -> assertThat(i.pivots()).singleElement().satisfies(p -> assertThat(p.usedOn()).isEqualTo(DC)));
    }

    @Test
    void otherAccountsEarlierUsesFailedTheftsAndLowObservationsJoinNothing() {
        Finding roast = roast(100, "svc_sql");
        Finding otherAccount = psexec(WS2, FS, 300, "carol");
        Finding before = psexec("10.0.0.42", "10.0.0.31", 50, "svc_sql");
        Finding low = new Finding(FindingType.LATERAL_MOVEMENT, Severity.LOW, Phase.INSTALLATION, "10.0.0.43", "10.0.0.32", 400, 401,
                0, 1, List.of(), "", "", Boolean.TRUE, List.of(), Map.of("users", List.of("svc_sql")));
        Finding refused = new Finding(FindingType.KERBEROASTING, Severity.MEDIUM, Phase.EXPLOITATION, "10.0.0.44", DC, 10, 11,
                0, 1, List.of(), "", "", Boolean.FALSE, List.of(), Map.of("roasted_accounts", List.of("carol")));
        List<Incident> inc = StoryBuilder.incidents(List.of(refused, before, roast, otherAccount, low));
        assertThat(inc).hasSize(5);
        assertThat(inc).allSatisfy(i -> assertThat(i.pivots()).isEmpty());
    }

    @Test
    void accountNamesAreComparedWithoutDomainOrCase() {
        assertThat(AccountTrail.account("LAB\\SVC_SQL")).isEqualTo("svc_sql");
        assertThat(AccountTrail.account("svc_sql@LAB.LOCAL")).isEqualTo("svc_sql");
        assertThat(AccountTrail.account(" ")).isNull();
        assertThat(AccountTrail.account("ANONYMOUS")).isNull();
        Finding spray = finding(FindingType.LOGIN_BRUTEFORCE, Phase.EXPLOITATION, ATT, DC, 10, Map.of("username", "LAB\\alice", "protocol", "smb"));
        Finding asrep = finding(FindingType.ASREP_ROASTING, Phase.EXPLOITATION, ATT, DC, 10,
                Map.of("roasted", List.of(Map.of("user", "svc_backup"))));
        assertThat(AccountTrail.obtained(spray)).containsExactly("alice");
        assertThat(AccountTrail.obtained(asrep)).containsExactly("svc_backup");
    }

    @Test
    void aServersOwnAccountIsThatServersOnlyButADomainsIsEverywhere() {
        Finding guessed = finding(FindingType.LOGIN_BRUTEFORCE, Phase.EXPLOITATION, ATT, "10.0.0.5", 100,
                Map.of("username", "webadmin", "protocol", "ftp"));
        // another intruder's copy of the same story: a webadmin of another FTP server is another account
        Finding elsewhere = finding(FindingType.POST_LOGIN_ACTIVITY, Phase.ACTIONS_ON_OBJECTIVES, "10.0.0.77", "10.0.0.6", 200,
                Map.of("username", "webadmin", "protocol", "ftp"));
        // the guessed password used by a second host on the same server, and reused on another server
        Finding same = finding(FindingType.POST_LOGIN_ACTIVITY, Phase.ACTIONS_ON_OBJECTIVES, "10.0.0.78", "10.0.0.5", 300,
                Map.of("username", "WEBADMIN", "protocol", "ftp"));
        Finding reused = finding(FindingType.CREDENTIAL_REUSE, Phase.EXPLOITATION, "10.0.0.79", "10.0.0.8", 400,
                Map.of("username", "webadmin", "origin", Map.of("protocol", "ftp", "server", "10.0.0.5"),
                        "used", Map.of("protocol", "telnet", "server", "10.0.0.8")));
        // a domain account sprayed over Kerberos is the domain's: used from anywhere against anything
        Finding sprayed = finding(FindingType.LOGIN_BRUTEFORCE, Phase.EXPLOITATION, ATT, DC, 500,
                Map.of("username", "LAB\\bob", "protocol", "kerberos"));
        Finding moved = psexec(WS2, FS, 600, "bob");
        List<Incident> inc = StoryBuilder.incidents(List.of(guessed, elsewhere, same, reused, sprayed, moved));
        Incident main = inc.stream().filter(i -> i.attacker().equals(ATT) && "10.0.0.5".equals(i.victim())).findFirst().orElseThrow();
        assertThat(main.findings()).contains(guessed, same, reused).doesNotContain(elsewhere);
        assertThat(main.pivots()).extracting(Incident.Pivot::account, Incident.Pivot::usedFrom)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("webadmin", "10.0.0.78"), org.assertj.core.groups.Tuple.tuple("webadmin", "10.0.0.79"));
        assertThat(inc).anySatisfy(i -> assertThat(i.findings()).containsExactly(elsewhere));
        assertThat(inc).anySatisfy(i -> assertThat(i.findings()).contains(sprayed, moved));
    }
}
