package org.nta.detect.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.event.Credential.Result.ACCEPTED;
import static org.nta.event.Credential.Result.REJECTED;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.Credential;
import org.nta.incident.StoryBuilder;
import org.nta.incident.Verdict;

/** credential_reuse: a password found by guessing (or moved between hosts) used on another server or protocol. */
class CredentialReuseDetectorTest {
    static final String ATTACKER = "10.0.0.66", FTP = "10.0.0.5", MAIL = "10.0.0.6", ALICE = "10.0.0.20", BOB = "10.0.0.21";
    final Creds c = new Creds();

    private List<Finding> reuse() {
        return Creds.of(c.run(), FindingType.CREDENTIAL_REUSE);
    }

    @Test
    void foundByBruteForceOnFtpUsedOnImap() {
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, FTP, "admin", "guess" + i, REJECTED);
        Credential found = c.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED);
        c.pause(30);
        Credential used = c.imap(ATTACKER, MAIL, "admin", "S3cr3t!", ACCEPTED);
        List<Finding> fs = reuse();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.attacker()).isEqualTo(ATTACKER);
        assertThat(f.victim()).isEqualTo(MAIL);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).containsExactly("T1078");
        assertThat(f.firstFrame()).isEqualTo(found.secretFrame());
        assertThat(f.lastFrame()).isEqualTo(used.frame());
        assertThat(f.summary()).isEqualTo("Credential of admin found by brute force on ftp " + FTP + " (frame " + found.secretFrame()
                + "), used on imap " + MAIL + " by " + ATTACKER + " (frame " + used.secretFrame() + "): accepted (frame " + used.secretFrame() + ")");
        assertThat(f.evidence()).containsEntry("password", "****").containsEntry("found_by", "brute_force").containsEntry("accepted", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> origin = (Map<String, Object>) f.evidence().get("origin"), use = (Map<String, Object>) f.evidence().get("used");
        assertThat(origin).containsEntry("frame", found.secretFrame()).containsEntry("protocol", "ftp");
        assertThat(use).containsEntry("frame", used.secretFrame()).containsEntry("protocol", "imap");
        assertThat(f.filter()).isEqualTo(org.nta.detect.Filters.frameSet(List.of(found.secretFrame(), found.frame(), used.secretFrame(),
                used.frame())));
        assertThat(StoryBuilder.verdict(List.of(f)).level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    @Test
    void aRejectedReuseIsMediumAndNotACompromise() {
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, FTP, "admin", "guess" + i, REJECTED);
        c.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED);
        c.imap(ATTACKER, MAIL, "admin", "S3cr3t!", REJECTED);
        Finding f = reuse().get(0);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.succeeded()).isFalse();
        assertThat(StoryBuilder.verdict(List.of(f)).level()).isEqualTo(Verdict.Level.SUSPICIOUS);
    }

    @Test
    void theOwnerLoggingInAfterABruteForceFoundTheirPasswordIsNotReuse() {
        c.imap(ALICE, MAIL, "alice", "sunshine1", ACCEPTED); // alice's own login, before the attack
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, FTP, "alice", "guess" + i, REJECTED);
        c.ftp(ATTACKER, FTP, "alice", "sunshine1", ACCEPTED);
        c.pause(30);
        c.ftp(ALICE, FTP, "alice", "sunshine1", ACCEPTED); // alice again, elsewhere: still alice
        assertThat(reuse()).isEmpty();
        c.imap(ATTACKER, MAIL, "alice", "sunshine1", ACCEPTED); // the attacker with the loot
        assertThat(reuse()).singleElement().satisfies(f -> assertThat(f.attacker()).isEqualTo(ATTACKER));
    }

    @Test
    void aUserWithOnePasswordOnTwoServicesIsOrdinary() {
        c.ftp(ALICE, FTP, "alice", "hunter2", ACCEPTED);
        c.imap(ALICE, MAIL, "alice", "hunter2", ACCEPTED);
        assertThat(reuse()).isEmpty();
    }

    @Test
    void aCleartextPasswordUsedFromAnotherHostElsewhereIsAnObservation() {
        Credential sniffed = c.ftp(ALICE, FTP, "alice", "hunter2", ACCEPTED);
        c.imap(BOB, MAIL, "alice", "hunter2", ACCEPTED);
        Finding f = reuse().get(0);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.attacker()).isNull();
        assertThat(f.evidence()).containsEntry("found_by", "cleartext").containsEntry("client", BOB);
        assertThat(f.summary()).contains("sent in clear text by " + ALICE + " on ftp " + FTP + " (frame " + sniffed.secretFrame() + ")");
    }

    @Test
    void aCleartextPasswordUsedFromTheSameHostsOtherAddressIsOrdinary() {
        String aliceV6 = "fd00::20";
        c.ftp(ALICE, FTP, "alice", "hunter2", ACCEPTED);
        c.imap(aliceV6, MAIL, "alice", "hunter2", ACCEPTED);
        List<Finding> fs = reuse();
        assertThat(fs).singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("client", aliceV6));
        // once the capture shows both addresses are one dual-stack station, it is alice on two services
        Map<String, List<String>> sameHost = Map.of(ALICE, List.of(ALICE, aliceV6), aliceV6, List.of(ALICE, aliceV6));
        assertThat(CredentialReuseDetector.withoutOwnAddresses(fs, sameHost)).isEmpty();
        // another host's addresses do not hide it
        Map<String, List<String>> other = Map.of(BOB, List.of(BOB, aliceV6), aliceV6, List.of(BOB, aliceV6));
        assertThat(CredentialReuseDetector.withoutOwnAddresses(fs, other)).hasSize(1);
    }

    @Test
    void reuseFoundByGuessingStaysWhateverTheAddresses() {
        String attackerV6 = "fd00::66";
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, FTP, "admin", "guess" + i, REJECTED);
        c.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED);
        c.imap(attackerV6, MAIL, "admin", "S3cr3t!", ACCEPTED);
        List<Finding> fs = reuse();
        assertThat(fs).hasSize(1);
        Map<String, List<String>> sameHost = Map.of(ATTACKER, List.of(ATTACKER, attackerV6), attackerV6, List.of(ATTACKER, attackerV6));
        assertThat(CredentialReuseDetector.withoutOwnAddresses(fs, sameHost)).isEqualTo(fs);
    }

    @Test
    void defaultCredentialsFromTwoHostsAreNoReuse() {
        c.ftp(ALICE, FTP, "anonymous", "guest@", ACCEPTED);
        c.ftp(BOB, "10.0.0.9", "anonymous", "guest@", ACCEPTED);
        c.snmp(ALICE, "10.0.0.1", "public", ACCEPTED);
        c.snmp(BOB, "10.0.0.2", "public", ACCEPTED);
        assertThat(reuse()).isEmpty();
    }

    @Test
    void theSameServerAndProtocolIsTheBruteForcesOwnLogin() {
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, FTP, "admin", "guess" + i, REJECTED);
        c.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED);
        c.pause(900);
        c.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED);
        assertThat(reuse()).isEmpty();
    }

    @Test
    void aPasswordFoundOnAWebFormUsedOnFtp() {
        CredentialLog log = new CredentialLog(AuthConfig.DEFAULTS);
        Creds web = new Creds();
        for (int i = 0; i < 11; i++) log.add(web.use(ATTACKER, MAIL, 80, "http", "form", "admin", Credential.Kind.PASSWORD, "g" + i, REJECTED), true);
        log.add(web.use(ATTACKER, MAIL, 80, "http", "form", "admin", Credential.Kind.PASSWORD, "S3cr3t!", ACCEPTED), true);
        log.add(web.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED), false);
        // the form brute force itself is the web detector's; the auth family reports only the reuse
        assertThat(new AuthBruteforceDetector(AuthConfig.DEFAULTS, log).finish()).isEmpty();
        assertThat(new AuthCleartextDetector(AuthConfig.DEFAULTS, log).finish()).hasSize(1);
        List<Finding> fs = new CredentialReuseDetector(AuthConfig.DEFAULTS, log).finish();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).summary()).contains("found by brute force on http " + MAIL, "used on ftp " + FTP);
        assertThat(fs.get(0).severity()).isEqualTo(Severity.HIGH);
    }
}
