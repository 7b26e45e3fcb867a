package org.nta.detect.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.event.Credential.Result.ACCEPTED;
import static org.nta.event.Credential.Result.REJECTED;
import static org.nta.event.Credential.Result.UNKNOWN;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;

/** login_bruteforce from credential uses: thresholds at their edges, the three patterns, success, masking. */
class AuthBruteforceDetectorTest {
    static final String ATTACKER = "10.0.0.66", SERVER = "10.0.0.5", USER_HOST = "10.0.0.20";
    final Creds c = new Creds();

    private List<Finding> brute() {
        return Creds.of(c.run(), FindingType.LOGIN_BRUTEFORCE);
    }

    @Test
    void oneUserManyPasswordsWithASuccess() {
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, SERVER, "admin", "guess" + i, REJECTED);
        Credential win = c.ftp(ATTACKER, SERVER, "admin", "S3cr3t!", ACCEPTED);
        List<Finding> fs = brute();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.phase()).isEqualTo(Phase.EXPLOITATION);
        assertThat(f.attacker()).isEqualTo(ATTACKER);
        assertThat(f.victim()).isEqualTo(SERVER);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).containsExactly("T1110.001", "T1078");
        assertThat(f.firstFrame()).isEqualTo(10);
        assertThat(f.lastFrame()).isEqualTo(win.frame());
        assertThat(f.evidence()).containsEntry("protocol", "ftp").containsEntry("pattern", "brute_force").containsEntry("attempts", 12)
                .containsEntry("distinct_passwords", 12).containsEntry("failures", 11L).containsEntry("unanswered", 0L)
                .containsEntry("success_frame", win.secretFrame()).containsEntry("success_response_frame", win.frame())
                .containsEntry("success_stream", win.conn().stream()).containsEntry("username", "admin")
                .containsEntry("password", "****").containsEntry("passwords_masked", true).containsEntry("default_credential", false)
                .containsEntry("usernames_total", 1).containsEntry("connections", 12);
        assertThat(f.summary()).contains("Login brute force against ftp", "SUCCESS for admin").doesNotContain("S3cr3t!");
        assertThat(String.valueOf(f.evidence())).doesNotContain("S3cr3t!").doesNotContain("guess");
        // the filter names the secret and answer frames
        assertThat(f.filter()).startsWith("frame.number in {").contains(String.valueOf(win.frame()));
    }

    @Test
    void showSecretsRevealsThePair() {
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, SERVER, "admin", "guess" + i, REJECTED);
        c.ftp(ATTACKER, SERVER, "admin", "S3cr3t!", ACCEPTED);
        Finding f = Creds.of(c.run(AuthConfig.DEFAULTS.withShowSecrets(true)), FindingType.LOGIN_BRUTEFORCE).get(0);
        assertThat(f.evidence()).containsEntry("password", "S3cr3t!").containsEntry("passwords_masked", false);
    }

    @Test
    void oneAttemptBelowTheThresholdIsNothing() {
        for (int i = 0; i < 5; i++) c.ftp(ATTACKER, SERVER, "admin", "guess" + i, REJECTED);
        assertThat(brute()).isEmpty();
        c.ftp(ATTACKER, SERVER, "admin", "guess5", REJECTED);
        assertThat(brute()).hasSize(1);
    }

    /** Eight wrong words and the right one is a brute force of nine attempts, however often the pair is used after. */
    @Test
    void loggingInAgainWithTheFoundPairIsNotAnAttempt() {
        for (int i = 0; i < 8; i++) c.ftp(ATTACKER, SERVER, "alice", "guess" + i, REJECTED);
        c.ftp(ATTACKER, SERVER, "alice", "sunshine1", ACCEPTED);
        c.pause(60);
        c.ftp(ATTACKER, SERVER, "alice", "sunshine1", ACCEPTED);
        c.ftp(ATTACKER, SERVER, "alice", "sunshine1", ACCEPTED);
        List<Finding> fs = brute();
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("attempts", 9).containsEntry("failures", 8L);
        assertThat(Creds.of(c.run(), FindingType.CREDENTIAL_REUSE)).isEmpty();
    }

    @Test
    void oneDistinctPasswordBelowTheThresholdIsNothing() {
        for (int i = 0; i < 12; i++) c.ftp(ATTACKER, SERVER, "admin", "guess" + (i % 4), REJECTED);
        assertThat(brute()).isEmpty();
        c.ftp(ATTACKER, SERVER, "admin", "guess4", REJECTED);
        assertThat(brute()).hasSize(1);
    }

    @Test
    void oneFailureBelowTheThresholdIsNothing() {
        AuthConfig few = AuthConfig.DEFAULTS.withBrute(10, 5, 6, 300);
        for (int i = 0; i < 5; i++) c.ftp(ATTACKER, SERVER, "u" + i, "pw" + i, REJECTED);
        for (int i = 5; i < 10; i++) c.ftp(ATTACKER, SERVER, "u" + i, "pw" + i, ACCEPTED);
        assertThat(Creds.of(c.run(few), FindingType.LOGIN_BRUTEFORCE)).isEmpty();
        c.ftp(ATTACKER, SERVER, "u10", "pw10", REJECTED);
        assertThat(Creds.of(c.run(few), FindingType.LOGIN_BRUTEFORCE)).hasSize(1);
    }

    @Test
    void passwordSpraying() {
        for (int i = 0; i < 15; i++) c.imap(ATTACKER, SERVER, "user" + i, "Winter2026!", i == 7 ? ACCEPTED : REJECTED);
        Finding f = brute().get(0);
        assertThat(f.evidence()).containsEntry("pattern", "spraying").containsEntry("usernames_total", 15)
                .containsEntry("distinct_passwords", 1).containsEntry("username", "user7");
        assertThat(f.techniques()).startsWith("T1110.003");
        assertThat(f.summary()).startsWith("Password spraying against imap");
    }

    @Test
    void credentialStuffing() {
        for (int i = 0; i < 15; i++) c.imap(ATTACKER, SERVER, "user" + i, "leaked-" + i, REJECTED);
        Finding f = brute().get(0);
        assertThat(f.evidence()).containsEntry("pattern", "stuffing").containsEntry("distinct_pairs", 15);
        assertThat(f.techniques()).containsExactly("T1110.004");
        assertThat(f.succeeded()).isFalse();
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aUserListTimesAPasswordListIsBruteForce() {
        for (String u : List.of("admin", "root", "ftp")) for (int i = 0; i < 6; i++) c.ftp(ATTACKER, SERVER, u, "pw" + i, REJECTED);
        assertThat(brute().get(0).evidence()).containsEntry("pattern", "brute_force").containsEntry("usernames_total", 3);
    }

    @Test
    void aUserWithTyposStaysOutAndIsACleartextLoginOnly() {
        c.ftp(USER_HOST, SERVER, "alice", "hunter3", REJECTED);
        c.ftp(USER_HOST, SERVER, "alice", "Hunter2", REJECTED);
        c.ftp(USER_HOST, SERVER, "alice", "hunter2", ACCEPTED);
        List<Finding> fs = c.run();
        assertThat(Creds.of(fs, FindingType.LOGIN_BRUTEFORCE)).isEmpty();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.CLEARTEXT_CREDENTIALS);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.attacker()).isNull();
    }

    @Test
    void aMailClientRetryingOneSavedPasswordIsNoGuessing() {
        for (int i = 0; i < 30; i++) c.imap(USER_HOST, SERVER, "bob", "old-password", REJECTED);
        assertThat(brute()).isEmpty();
    }

    @Test
    void aLongSilenceEndsABurst() {
        for (int i = 0; i < 4; i++) c.ftp(ATTACKER, SERVER, "admin", "a" + i, REJECTED);
        c.pause(301);
        for (int i = 0; i < 4; i++) c.ftp(ATTACKER, SERVER, "admin", "b" + i, REJECTED);
        assertThat(brute()).isEmpty();
    }

    @Test
    void httpFormsAndBasicAreLeftToTheWebDetectors() {
        for (int i = 0; i < 12; i++) c.use(ATTACKER, SERVER, 80, "http", "Basic", "admin", Credential.Kind.PASSWORD, "p" + i, REJECTED);
        assertThat(c.run()).isEmpty();
        Creds d = new Creds();
        for (int i = 0; i < 12; i++) d.use(ATTACKER, SERVER, 80, "http", "Digest", "admin", Credential.Kind.HASH, "h" + i, REJECTED);
        assertThat(Creds.of(d.run(), FindingType.LOGIN_BRUTEFORCE)).hasSize(1);
    }

    @Test
    void snmpCommunityGuessingWithTheDefaultFound() {
        for (int i = 0; i < 12; i++) c.snmp(ATTACKER, SERVER, "c" + i, UNKNOWN);
        c.snmp(ATTACKER, SERVER, "private", ACCEPTED);
        Finding f = brute().get(0);
        assertThat(f.evidence()).containsEntry("kind", "community").containsEntry("unanswered", 12L).containsEntry("default_credential", true)
                .containsEntry("password", "****");
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).contains("T1078.001");
        assertThat(f.summary()).contains("13 communities", "a default credential");
        assertThat(f.filter()).startsWith("frame.number in");
    }

    @Test
    void hashesHideThePasswordsSoUsersTellTheShape() {
        for (int i = 0; i < 12; i++) {
            c.use(ATTACKER, SERVER, 445, "ntlmssp", "NTLMv2", "user" + i, Credential.Kind.HASH, "user" + i + "::CORP:aa:bb:cc", REJECTED);
        }
        Finding f = brute().get(0);
        assertThat(f.evidence()).containsEntry("pattern", "spraying").containsEntry("distinct_passwords", null);
    }

    @Test
    void aStaleSavedPasswordBehindAHashIsNoGuessingButTheSamePaceOfAToolIs() {
        for (int i = 0; i < 12; i++) {
            c.use(USER_HOST, SERVER, 445, "ntlmssp", "NTLMv2", "svc-backup", Credential.Kind.HASH, "svc-backup::CORP:" + i, REJECTED);
            c.pause(3); // one every 4 s: 15 a minute, below 20
        }
        assertThat(brute()).isEmpty();
        Creds fast = new Creds();
        for (int i = 0; i < 12; i++) {
            fast.use(ATTACKER, SERVER, 445, "ntlmssp", "NTLMv2", "administrator", Credential.Kind.HASH, "administrator::CORP:" + i, REJECTED);
            fast.pause(2); // one every 3 s: 20 a minute
        }
        assertThat(Creds.of(fast.run(), FindingType.LOGIN_BRUTEFORCE)).hasSize(1);
    }

    @Test
    void usesArrivingOutOfOrderAreJudgedInCaptureOrder() {
        List<Credential> made = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) made.add(c.ftp(ATTACKER, SERVER, "admin", "guess" + i, REJECTED));
        Credential win = c.ftp(ATTACKER, SERVER, "admin", "S3cr3t!", ACCEPTED);
        c.events.clear();
        c.add(win);
        for (int i = made.size() - 1; i >= 0; i--) c.add(made.get(i));
        Finding f = brute().get(0);
        assertThat(f.evidence()).containsEntry("first_attempt_frame", made.get(0).secretFrame())
                .containsEntry("last_attempt_frame", win.secretFrame()).containsEntry("success_frame", win.secretFrame());
    }

    @Test
    void mostlyAcceptedIsNoGuessing() {
        for (int i = 0; i < 12; i++) c.ftp(ATTACKER, SERVER, "u" + i, "p" + i, i < 6 ? REJECTED : ACCEPTED);
        c.ftp(ATTACKER, SERVER, "u12", "p12", ACCEPTED);
        assertThat(brute()).isEmpty();
    }

    @Test
    void ipv6Filter() {
        for (int i = 0; i < 12; i++) {
            Credential x = new Credential(new ConnInfo("tcp", i, 6, "2001:db8::66", 40000 + i, "2001:db8::5", 21), "ftp", "USER/PASS",
                    "admin", null, Credential.Kind.PASSWORD, "p" + i, REJECTED, 100 + i * 3, Creds.T0 + i, 102 + i * 3, Creds.T0 + i + 1, 0, null);
            c.add(x);
        }
        Finding f = brute().get(0);
        assertThat(f.attacker()).isEqualTo("2001:db8::66");
        assertThat(f.filter()).startsWith("frame.number in {");
    }
}
