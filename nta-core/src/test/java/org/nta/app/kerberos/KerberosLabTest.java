package org.nta.app.kerberos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nta.app.smb.WinRun;
import org.nta.event.Credential;
import org.nta.event.KerberosMessage;
import org.nta.event.SmbCommand;

/**
 * The Kerberos lab recording (lab/win/record-kerberos.sh: a Samba AD DC, MIT kinit/kvno, smbclient -k): errors with
 * their codes, pre-auth and tickets over UDP and TCP, and hashcat lines proven by decrypting them with the known
 * passwords (RC4-HMAC, key MD4 of the UTF-16LE password): alice's pre-auth timestamp (7500), svc_sql's service
 * ticket (13100) and bob's AS-REP (18200).
 */
class KerberosLabTest {
    static WinRun.Result r;

    @BeforeAll
    static void run() {
        r = WinRun.run(WinRun.file("kerberos-lab.pcap.gz"));
    }

    static KerberosMessage at(long frame) {
        return r.of(KerberosMessage.class).stream().filter(m -> m.frame() == frame).findFirst().orElseThrow();
    }

    @Test
    void messagesAndErrors() {
        assertThat(at(2).errorCode()).isEqualTo(25); // PREAUTH_REQUIRED
        assertThat(at(4).errorCode()).isEqualTo(24); // PREAUTH_FAILED
        assertThat(at(6).errorCode()).isEqualTo(6); // C_PRINCIPAL_UNKNOWN
        assertThat(at(6).client()).isEqualTo("nosuchuser");
        assertThat(at(3).preauthEtype()).isEqualTo(23);
        assertThat(at(1).requestedEtypes()).contains(23);
        assertThat(at(33).msgTypes()).containsExactly(12, 14);
        assertThat(at(33).spn()).isEqualTo("MSSQLSvc/db.hwin.lab:1433");
        assertThat(at(35).ticketEtype()).isEqualTo(23);
        assertThat(at(66).ticketEtype()).isEqualTo(23); // svc_sql has only RC4 keys: RC4 even when AES was asked for
        assertThat(at(80).ticketEtype()).isEqualTo(18);
        assertThat(r.summary().malformed()).isEmpty();
    }

    @Test
    void preauthLinesDecryptWithThePasswordAndCarryTheirResult() throws Exception {
        List<Credential> pa = r.of(Credential.class).stream().filter(c -> c.hashcatMode() == 7500).toList();
        assertThat(pa).isNotEmpty();
        Credential rejected = pa.stream().filter(c -> c.result() == Credential.Result.REJECTED).findFirst().orElseThrow();
        assertThat(rejected.detail()).isEqualTo("KDC_ERR_PREAUTH_FAILED");
        assertThat(rejected.secretFrame()).isEqualTo(3);
        assertThat(rejected.frame()).isEqualTo(4);
        assertThat(decryptPreauth(rejected.secret(), "Passw0rd!")).isNull();
        assertThat(decryptPreauth(rejected.secret(), "wrong-password")).isNotNull();
        Credential accepted = pa.stream().filter(c -> c.result() == Credential.Result.ACCEPTED).findFirst().orElseThrow();
        assertThat(accepted.user()).isEqualTo("alice");
        assertThat(accepted.domain()).isEqualTo("HWIN.LAB");
        assertThat(accepted.secret()).startsWith("$krb5pa$23$alice$HWIN.LAB$HWIN.LABalice$");
        byte[] plain = decryptPreauth(accepted.secret(), "Passw0rd!");
        assertThat(plain).isNotNull();
        // PA-ENC-TS-ENC after the 8-byte confounder: SEQUENCE { [0] GeneralizedTime "2026…Z" }
        assertThat(new String(plain, 8, plain.length - 8, StandardCharsets.ISO_8859_1)).contains("2026").contains("Z");
    }

    /** $krb5pa$23$user$realm$salt$ then the 36 encrypted bytes and the 16-byte checksum, in hex. */
    static byte[] decryptPreauth(String line, String password) throws Exception {
        String data = line.substring(line.lastIndexOf('$') + 1);
        return Rc4Hmac.decrypt(password, 1, Rc4Hmac.hex(data.substring(data.length() - 32)),
                Rc4Hmac.hex(data.substring(0, data.length() - 32)));
    }

    @Test
    void kerberoastLineDecryptsWithTheServiceAccountsPassword() throws Exception {
        Credential tgs = r.of(Credential.class).stream().filter(c -> c.hashcatMode() == 13100).findFirst().orElseThrow();
        assertThat(tgs.secret()).startsWith("$krb5tgs$23$*MSSQLSvc/db.hwin.lab:1433$HWIN.LAB$MSSQLSvc/db.hwin.lab:1433*$");
        assertThat(tgs.user()).isEqualTo("alice");
        String[] p = tgs.secret().split("\\$");
        byte[] plain = Rc4Hmac.decrypt("Svc-Passw0rd1", 2, Rc4Hmac.hex(p[p.length - 2]), Rc4Hmac.hex(p[p.length - 1]));
        assertThat(plain).isNotNull();
        assertThat(plain[8] & 0xff).isEqualTo(0x63); // EncTicketPart ::= [APPLICATION 3]
        assertThat(Rc4Hmac.decrypt("wrong", 2, Rc4Hmac.hex(p[p.length - 2]), Rc4Hmac.hex(p[p.length - 1]))).isNull();
    }

    @Test
    void asRepLineDecryptsWithTheUsersPassword() throws Exception {
        Credential asrep = r.of(Credential.class).stream().filter(c -> c.hashcatMode() == 18200 && "bob".equals(c.user())).findFirst().orElseThrow();
        assertThat(asrep.secret()).startsWith("$krb5asrep$23$bob@HWIN.LAB:");
        String body = asrep.secret().substring(asrep.secret().indexOf(':') + 1);
        String[] p = body.split("\\$");
        // key usage 3 (AS-REP enc-part) is 8 for RC4-HMAC (RFC 4757 section 3, as Windows and hashcat use it)
        byte[] plain = Rc4Hmac.decrypt("Bob-Passw0rd1", 8, Rc4Hmac.hex(p[0]), Rc4Hmac.hex(p[1]));
        assertThat(plain).isNotNull();
        assertThat(plain[8] & 0xff).isIn(0x79, 0x7a); // EncASRepPart [APPLICATION 25] (or 26, as Windows and Samba send)
    }

    @Test
    void aesLinesHaveHashcatsShape() {
        List<Credential> creds = r.of(Credential.class);
        assertThat(creds).anySatisfy(c -> {
            assertThat(c.hashcatMode()).isEqualTo(19900);
            assertThat(c.secret()).matches("\\$krb5pa\\$18\\$alice\\$HWIN\\.LAB\\$[0-9a-f]{100,}");
        });
        assertThat(creds).anySatisfy(c -> {
            assertThat(c.hashcatMode()).isEqualTo(19700);
            assertThat(c.detail()).contains("put the account name there before cracking");
            assertThat(c.secret()).matches("\\$krb5tgs\\$18\\$cifs/dc1\\.hwin\\.lab\\$HWIN\\.LAB\\$\\*cifs/dc1\\.hwin\\.lab\\*\\$[0-9a-f]{24}\\$[0-9a-f]{64,}");
        });
    }

    @Test
    void smbSessionSetupWithKerberosIsNamed() {
        SmbCommand setup = r.of(SmbCommand.class).stream().filter(c -> c.commandName().equals("SESSION_SETUP")).findFirst().orElseThrow();
        assertThat(setup.mechanism()).isEqualTo("Kerberos");
        assertThat(setup.statusName()).isEqualTo("STATUS_SUCCESS");
    }

    @Test
    void nfoldGivesRfc3961sVectors() {
        assertThat(Rc4Hmac.hex("6b65726265726f737b9b5b2b93132b93"))
                .isEqualTo(AesCts.nfold("kerberos".getBytes(StandardCharsets.US_ASCII), 16));
        assertThat(Rc4Hmac.hex("be072631276b1955"))
                .isEqualTo(AesCts.nfold("012345".getBytes(StandardCharsets.US_ASCII), 8));
    }

    /** The AES pre-auth line (19900) decrypts with alice's password under the salt hashcat builds from its fields. */
    @Test
    void aesPreauthLineDecryptsWithThePassword() throws Exception {
        Credential c = r.of(Credential.class).stream().filter(x -> x.hashcatMode() == 19900 && "alice".equals(x.user()))
                .findFirst().orElseThrow();
        String[] f = c.secret().split("\\$"); // "", krb5pa, 18, user, realm, cipher
        byte[] cipher = Rc4Hmac.hex(f[5]);
        byte[] plain = AesCts.decrypt("Passw0rd!", f[4] + f[3], 18, 1, cipher);
        assertThat(plain).isNotNull();
        assertThat(plain[0] & 0xff).isEqualTo(0x30); // PA-ENC-TS-ENC ::= SEQUENCE
        assertThat(AesCts.decrypt("wrong-password", f[4] + f[3], 18, 1, cipher)).isNull();
    }
}
