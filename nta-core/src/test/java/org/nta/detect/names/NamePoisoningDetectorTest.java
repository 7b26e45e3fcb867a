package org.nta.detect.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.event.NbnsMessage;
import org.nta.event.NtlmAuthentication;

/**
 * Poisoners answer names that are not theirs; honest hosts answer their own. The edges: one foreign name is not
 * enough alone, a name another host registered is, a WINS proxy's answers point elsewhere, unicast queries and
 * answers nobody asked for by broadcast do not count, and a logon to the poisoner makes it a capture.
 */
@SuppressWarnings("unchecked")
class NamePoisoningDetectorTest {
    static final long S = 1_000_000_000L;
    static final String NET = "10.9.8.", VIC = NET + "10", FS = NET + "20", ATT = NET + "66", BCAST = NET + "255";

    final NamePoisoningDetector d = new NamePoisoningDetector(NamesConfig.DEFAULTS);
    int stream;
    long frame = 1, t = 1_000 * S;

    ConnInfo udp(String client, int cport, String server, int sport) {
        return new ConnInfo("udp", stream++, 4, client, cport, server, sport);
    }

    void nbnsQuery(String asker, String name) {
        d.onEvent(new NbnsMessage(frame++, t += S / 10, udp(asker, 137, BCAST, 137), 1, false, 0, 0, List.of(name + "<20>"),
                List.of(name + "<20>"), List.of(), List.of(), 0x0110));
    }

    /** An answer whose conversation the answer opened: the asker is the "client", as the flow table makes it. */
    long nbnsAnswer(String responder, String asker, String name, String address) {
        long f = frame++;
        d.onEvent(new NbnsMessage(f, t += S / 100, udp(asker, 137, responder, 137), 1, true, 0, 0, List.of(name + "<20>"),
                List.of(name + "<20>"), List.of(address), List.of(), 0x8500));
        return f;
    }

    void nbnsRegister(String host, String name) {
        d.onEvent(new NbnsMessage(frame++, t += S / 10, udp(host, 137, BCAST, 137), 2, false, 5, 0, List.of(name + "<20>", name + "<20>"),
                List.of(name + "<20>"), List.of(host), List.of(), 0x2910));
    }

    void llmnrQuery(String asker, String name) {
        d.onEvent(new DnsMessage(frame++, t += S / 10, udp(asker, 50000 + stream, "224.0.0.252", 5355), "udp", false, 7, 0, 0, 0,
                List.of(new DnsMessage.Question(name, 1, 1)), List.of(), List.of(), List.of(), false));
    }

    long llmnrAnswer(String responder, String asker, String name) {
        long f = frame++;
        d.onEvent(new DnsMessage(f, t += S / 100, udp(asker, 50000 + stream, responder, 5355), "udp", true, 7, 0, 0, 0x8000,
                List.of(new DnsMessage.Question(name, 1, 1)), List.of(new DnsMessage.Record(name, 1, 1, 30, responder, "")), List.of(), List.of(), false));
        return f;
    }

    long ntlm(String client, String server, String user) {
        long f = frame++;
        d.onEvent(new NtlmAuthentication(f, t += S, new ConnInfo("tcp", stream++, 4, client, 49152, server, 445), "smb2", user, "CORP",
                "WS-ALICE", null, "NTLMv2"));
        return f;
    }

    List<Finding> findings() {
        return d.finish().stream().filter(f -> f.type() == FindingType.NAME_POISONING).toList();
    }

    @Test
    void aHostAnsweringNamesThatAreNotItsOwnAndThenReceivingALogonCapturedAHash() {
        nbnsQuery(VIC, "FILESRVV");
        long first = nbnsAnswer(ATT, VIC, "FILESRVV", ATT);
        long logon = ntlm(VIC, ATT, "alice");
        llmnrQuery(VIC, "wpad");
        llmnrAnswer(ATT, VIC, "wpad");
        List<Finding> fs = findings();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.phase()).isEqualTo(Phase.EXPLOITATION);
        assertThat(f.attacker()).isEqualTo(ATT);
        assertThat(f.victim()).isEqualTo(VIC);
        assertThat(f.techniques()).contains("T1557.001");
        assertThat(f.firstFrame()).isEqualTo(first);
        assertThat(f.evidence()).containsEntry("names", List.of("filesrvv", "wpad")).containsEntry("protocols", List.of("nbns", "llmnr"));
        assertThat((List<Map<String, Object>>) f.evidence().get("credentials")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("frame", logon).containsEntry("user", "alice").containsEntry("kind", "NTLMv2"));
        assertThat(f.summary()).contains("CORP\\alice").contains("frame " + logon);
        assertThat(f.filter()).contains(String.valueOf(logon));
    }

    @Test
    void answersWithoutALogonArePoisoningButNoCapture() {
        for (String n : List.of("FILESRVV", "PRINTSRV", "OLDNAS")) {
            nbnsQuery(VIC, n);
            nbnsAnswer(ATT, VIC, n, ATT);
        }
        List<Finding> fs = findings();
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.succeeded()).isNull();
        });
    }

    @Test
    void anHonestHostAnsweringItsOwnNameIsNot() {
        nbnsRegister(FS, "FILESRV");
        for (int i = 0; i < 5; i++) {
            nbnsQuery(VIC, "FILESRV");
            nbnsAnswer(FS, VIC, "FILESRV", FS);
            ntlm(VIC, FS, "alice");
        }
        llmnrQuery(VIC, "filesrv");
        llmnrAnswer(FS, VIC, "filesrv");
        assertThat(findings()).isEmpty();
    }

    @Test
    void oneForeignNameAloneIsNotEnough() {
        nbnsQuery(VIC, "PRINTSRV");
        nbnsAnswer(ATT, VIC, "PRINTSRV", ATT);
        assertThat(findings()).isEmpty();
    }

    @Test
    void answeringANameAnotherHostRegisteredIsPoisoningEvenOnce() {
        nbnsRegister(FS, "FILESRV");
        nbnsQuery(VIC, "FILESRV");
        nbnsAnswer(FS, VIC, "FILESRV", FS);
        long lure = nbnsAnswer(ATT, VIC, "FILESRV", ATT);
        List<Finding> fs = findings();
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.attacker()).isEqualTo(ATT);
            assertThat((List<Map<String, Object>>) f.evidence().get("conflicts")).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("name", "filesrv").containsEntry("owner", FS).containsEntry("frame", lure));
        });
    }

    @Test
    void twoHostsEachAnsweringOnlyTheSameNameAreNotToldApart() {
        llmnrQuery(VIC, "nas01");
        llmnrAnswer(NET + "30", VIC, "nas01");
        llmnrAnswer(ATT, VIC, "nas01");
        assertThat(findings()).as("each answers one name: no one to blame").isEmpty();
    }

    @Test
    void twoHostsAnsweringOneNameBlameTheOneThatAnswersOthersToo() {
        llmnrQuery(VIC, "nas01");
        llmnrAnswer(NET + "30", VIC, "nas01");
        llmnrAnswer(ATT, VIC, "nas01");
        llmnrQuery(VIC, "printsrv");
        llmnrAnswer(ATT, VIC, "printsrv");
        assertThat(findings()).singleElement().satisfies(f -> {
            assertThat(f.attacker()).isEqualTo(ATT);
            assertThat((List<Map<String, Object>>) f.evidence().get("conflicts")).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("owner", NET + "30"));
        });
    }

    @Test
    void aWinsProxyAnsweringWithTheOwnersAddressIsNot() {
        for (String n : List.of("FILESRV", "NAS01", "PRINTSRV")) {
            nbnsQuery(VIC, n);
            nbnsAnswer(NET + "5", VIC, n, NET + "1" + n.length());
        }
        assertThat(findings()).isEmpty();
    }

    @Test
    void answersToQueriesNotSeenByBroadcastDoNotCount() {
        for (String n : List.of("FILESRVV", "PRINTSRV", "OLDNAS")) nbnsAnswer(ATT, VIC, n, ATT);
        assertThat(findings()).isEmpty();
    }

    @Test
    void aLogonLongAfterTheAnswerIsNotWhatItLured() {
        for (String n : List.of("FILESRVV", "PRINTSRV")) {
            nbnsQuery(VIC, n);
            nbnsAnswer(ATT, VIC, n, ATT);
        }
        t += 3600 * S;
        ntlm(VIC, ATT, "alice");
        assertThat(findings()).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void aFloodOfAnswersKeepsTheStateBounded() {
        for (int i = 0; i < 5000; i++) {
            nbnsQuery(NET + (1 + i % 200), "HOST" + i);
            nbnsAnswer(ATT, NET + (1 + i % 200), "HOST" + i, ATT);
        }
        Finding f = findings().get(0);
        assertThat((List<String>) f.evidence().get("names")).hasSizeLessThanOrEqualTo(NamesConfig.DEFAULTS.maxListed() * 32);
        assertThat((long) f.evidence().get("names_not_kept")).isEqualTo(5000 - NamesConfig.DEFAULTS.maxListed() * 32);
        assertThat((List<String>) f.evidence().get("askers")).hasSize(NamesConfig.DEFAULTS.maxListed());
        assertThat((List<?>) f.evidence().get("answers")).hasSize(NamesConfig.DEFAULTS.maxListed());
    }

    @Test
    void aBroadcastQueryIsKnownByItsFlagOnAnySubnet() {
        // a /25: its broadcast address ends in .127; the B flag says what the address does not
        for (String n : List.of("FILESRVV", "PRINTSRV")) {
            d.onEvent(new NbnsMessage(frame++, t += S / 10, udp(VIC, 137, NET + "127", 137), 1, false, 0, 0, List.of(n + "<20>"),
                    List.of(n + "<20>"), List.of(), List.of(), 0x0110));
            nbnsAnswer(ATT, VIC, n, ATT);
        }
        assertThat(findings()).singleElement().satisfies(f -> assertThat(f.attacker()).isEqualTo(ATT));
        // the same queries sent to a unicast address without the flag (a WINS server's) are not lures
        NamePoisoningDetector wins = new NamePoisoningDetector(NamesConfig.DEFAULTS);
        for (String n : List.of("FILESRVV", "PRINTSRV")) {
            wins.onEvent(new NbnsMessage(frame++, t += S / 10, udp(VIC, 137, NET + "5", 137), 1, false, 0, 0, List.of(n + "<20>"),
                    List.of(n + "<20>"), List.of(), List.of(), 0x0100));
            wins.onEvent(new NbnsMessage(frame++, t += S / 100, udp(VIC, 137, NET + "5", 137), 1, true, 0, 0, List.of(n + "<20>"),
                    List.of(n + "<20>"), List.of(NET + "5"), List.of(), 0x8500));
        }
        assertThat(wins.finish()).isEmpty();
    }
}
