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
import org.nta.event.Credential;

/** cleartext_credentials from credential uses: users versus attackers, default credentials, masking. */
class AuthCleartextDetectorTest {
    static final String ATTACKER = "10.0.0.66", SERVER = "10.0.0.5", USER_HOST = "10.0.0.20";
    final Creds c = new Creds();

    private List<Finding> clear(AuthConfig config) {
        return Creds.of(c.run(config), FindingType.CLEARTEXT_CREDENTIALS);
    }

    @Test
    void anOrdinaryLoginIsALowObservationWithoutAttacker() {
        Credential x = c.ftp(USER_HOST, SERVER, "alice", "hunter2", ACCEPTED);
        Finding f = clear(AuthConfig.DEFAULTS).get(0);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.attacker()).isNull();
        assertThat(f.victim()).isEqualTo(SERVER);
        assertThat(f.phase()).isEqualTo(Phase.ENUMERATION);
        assertThat(f.techniques()).containsExactly("T1040");
        assertThat(f.succeeded()).isTrue();
        assertThat(f.evidence()).containsEntry("protocol", "ftp").containsEntry("method", "USER/PASS").containsEntry("username", "alice")
                .containsEntry("passwords", List.of("****")).containsEntry("passwords_masked", true).containsEntry("client", USER_HOST)
                .containsEntry("default_credential", false).containsEntry("success_frame", x.secretFrame())
                .doesNotContainKey("after_guessing");
        assertThat(f.filter()).isEqualTo("frame.number in {" + x.secretFrame() + ", " + x.frame() + "}");
        assertThat(f.summary()).contains("Clear-text ftp credentials (USER/PASS) for alice").doesNotContain("hunter2");
    }

    @Test
    void showSecrets() {
        c.ftp(USER_HOST, SERVER, "alice", "hunter2", ACCEPTED);
        assertThat(clear(AuthConfig.DEFAULTS.withShowSecrets(true)).get(0).evidence()).containsEntry("passwords", List.of("hunter2"))
                .containsEntry("passwords_masked", false);
    }

    @Test
    void theAttackersLoginAfterGuessingNamesIt() {
        for (int i = 0; i < 12; i++) c.ftp(ATTACKER, SERVER, "admin", "guess" + i, REJECTED);
        c.pause(600);
        c.ftp(ATTACKER, SERVER, "admin", "S3cr3t!", ACCEPTED);
        c.ftp(USER_HOST, SERVER, "bob", "bobpw", ACCEPTED);
        List<Finding> fs = clear(AuthConfig.DEFAULTS);
        assertThat(fs).hasSize(2);
        Finding a = fs.stream().filter(f -> "admin".equals(f.evidence().get("username"))).findFirst().orElseThrow();
        assertThat(a.attacker()).isEqualTo(ATTACKER);
        assertThat(a.phase()).isEqualTo(Phase.EXPLOITATION);
        assertThat(a.techniques()).containsExactly("T1078");
        assertThat(a.evidence()).containsEntry("after_guessing", true).containsEntry("guessing_first_frame", 10L);
        Finding b = fs.stream().filter(f -> "bob".equals(f.evidence().get("username"))).findFirst().orElseThrow();
        assertThat(b.attacker()).isNull();
    }

    @Test
    void guessesThemselvesAreTheBruteForcesNotCleartextFindings() {
        for (int i = 0; i < 12; i++) c.ftp(ATTACKER, SERVER, "admin", "guess" + i, REJECTED);
        assertThat(clear(AuthConfig.DEFAULTS)).isEmpty();
    }

    @Test
    void defaultCredentialsAreNamed() {
        c.ftp(USER_HOST, SERVER, "anonymous", "mozilla@example.com", ACCEPTED);
        c.use(USER_HOST, "10.0.0.7", 23, "telnet", "login", "admin", Credential.Kind.PASSWORD, "admin", ACCEPTED);
        c.snmp("10.0.0.9", "10.0.0.1", "public", ACCEPTED);
        c.ftp(USER_HOST, "10.0.0.8", "admin", "n0t-default", ACCEPTED);
        List<Finding> fs = clear(AuthConfig.DEFAULTS);
        assertThat(fs).hasSize(4);
        assertThat(fs.stream().map(f -> f.evidence().get("default_credential")).toList()).containsExactly(true, true, true, false);
        assertThat(fs.get(2).summary()).contains("SNMP community", "a default community");
        assertThat(fs.get(2).evidence()).containsEntry("kind", "community").containsEntry("username", null);
        assertThat(fs.get(1).summary()).contains("a default credential");
        for (Finding f : fs) assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void hashesAndTokensAreNotCleartext() {
        c.use(USER_HOST, SERVER, 445, "ntlmssp", "NTLMv2", "alice", Credential.Kind.HASH, "alice::CORP:1122:aabb:ccdd", ACCEPTED);
        c.use(USER_HOST, SERVER, 80, "http", "Digest", "alice", Credential.Kind.HASH, null, ACCEPTED);
        c.use(USER_HOST, SERVER, 25, "smtp", "AUTH CRAM-MD5", "alice", Credential.Kind.PASSWORD, null, UNKNOWN);
        assertThat(clear(AuthConfig.DEFAULTS)).isEmpty();
    }

    @Test
    void oneFindingPerClientServerProtocolAndUser() {
        for (int i = 0; i < 3; i++) c.imap(USER_HOST, SERVER, "carol", "pw", ACCEPTED);
        c.imap(USER_HOST, SERVER, "Carol", "pw", REJECTED);
        c.ftp(USER_HOST, SERVER, "carol", "pw", ACCEPTED);
        List<Finding> fs = clear(AuthConfig.DEFAULTS);
        assertThat(fs).hasSize(2);
        assertThat(fs.get(0).evidence()).containsEntry("attempts", 4L).containsEntry("successes", 3L).containsEntry("failures", 1L);
    }
}
