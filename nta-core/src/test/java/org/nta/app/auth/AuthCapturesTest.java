package org.nta.app.auth;

import org.junit.jupiter.api.Test;
import org.nta.app.ntlm.NtlmCrypto;
import org.nta.event.Credential;
import org.nta.event.Credential.Kind;
import org.nta.event.Credential.Result;
import org.nta.event.Event;
import org.nta.event.LdapMessage;
import org.nta.event.NtlmsspMessage;
import org.nta.event.SnmpMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The captures of src/test/resources/auth (recorded by record.sh there with curl, ldapsearch, python3-ldap3 and
 * net-snmp against real servers): every credential, its result and the frames that show it, and the NTLM hashcat
 * lines checked against the passwords the clients were given.
 */
class AuthCapturesTest {
    @Test
    void httpBasicDigestAndNtlm() throws Exception {
        List<Event> ev = AuthCaptures.events(AuthCaptures.path("http-auth.pcap"));
        List<Credential> creds = AuthCaptures.of(ev, Credential.class);
        assertThat(creds).extracting(Credential::mechanism, Credential::user, Credential::domain, Credential::kind,
                Credential::result, Credential::secretFrame, Credential::frame).containsExactly(
                tuple("Basic", "alice", null, Kind.PASSWORD, Result.ACCEPTED, 4L, 8L),
                tuple("Basic", "alice", null, Kind.PASSWORD, Result.REJECTED, 16L, 18L),
                tuple("Digest", "alice", "lab", Kind.HASH, Result.ACCEPTED, 30L, 33L),
                tuple("Digest", "alice", "lab", Kind.HASH, Result.REJECTED, 45L, 46L),
                tuple("NTLMv2", "alice", "LAB", Kind.HASH, Result.ACCEPTED, 57L, 60L),
                tuple("NTLMv1", "alice", "LAB", Kind.HASH, Result.ACCEPTED, 72L, 75L),
                tuple("NTLMv2", "mallory", "LAB", Kind.HASH, Result.REJECTED, 87L, 88L));
        assertThat(creds.get(0).secret()).isEqualTo("wonderland");
        assertThat(creds.get(1).secret()).isEqualTo("letmein");
        assertThat(creds).allMatch(c -> c.protocol().equals("http") && c.conn().serverPort() == 8080);
        // the Digest secret is the response curl computed from the password (RFC 7616 with qop=auth)
        Credential digest = creds.get(2);
        assertThat(digest.detail()).contains("uri=/digest/report.html", "qop=auth");
        String nonce = field(digest.detail(), "nonce"), nc = field(digest.detail(), "nc"), cnonce = field(digest.detail(), "cnonce");
        String ha1 = md5("alice:lab:wonderland"), ha2 = md5("GET:/digest/report.html");
        assertThat(digest.secret()).isEqualTo(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2));
        // the NTLM lines verify against the passwords curl was given, as hashcat would crack them
        assertThat(creds.get(4).hashcatMode()).isEqualTo(5600);
        assertThat(NtlmCrypto.verify(creds.get(4).secret(), "Passw0rd!")).isTrue();
        assertThat(NtlmCrypto.verify(creds.get(4).secret(), "Passw0rd")).isFalse();
        assertThat(creds.get(5).hashcatMode()).isEqualTo(5500);
        assertThat(NtlmCrypto.verify(creds.get(5).secret(), "Passw0rd!")).isTrue();
        assertThat(NtlmCrypto.verify(creds.get(6).secret(), "Summer2024")).isTrue();
        assertThat(creds.get(4).detail()).contains("workstation WORKSTATION");
        // NTLMSSP messages on the frames Wireshark shows them on
        assertThat(AuthCaptures.of(ev, NtlmsspMessage.class)).extracting(NtlmsspMessage::frame, NtlmsspMessage::messageType)
                .containsExactly(tuple(53L, 1), tuple(55L, 2), tuple(57L, 3), tuple(68L, 1), tuple(70L, 2), tuple(72L, 3),
                        tuple(83L, 1), tuple(85L, 2), tuple(87L, 3));
    }

    @Test
    void httpOverIpv6() throws Exception {
        List<Credential> creds = AuthCaptures.of(AuthCaptures.events(AuthCaptures.path("http6-auth.pcap")), Credential.class);
        assertThat(creds).extracting(Credential::mechanism, Credential::user, Credential::result, Credential::secretFrame, Credential::frame)
                .containsExactly(tuple("Basic", "bob", Result.REJECTED, 4L, 6L), tuple("NTLMv2", "alice", Result.ACCEPTED, 18L, 21L),
                        tuple("NTLMv2", null, Result.REJECTED, 33L, 34L)); // curl -u ':' : no user, but an NTLMv2 response
        assertThat(creds).allMatch(c -> c.conn().ipVersion() == 6 && c.conn().clientAddr().equals("fd00:77::1"));
        assertThat(NtlmCrypto.verify(creds.get(1).secret(), "Passw0rd!")).isTrue();
    }

    @Test
    void ldapSimpleAnonymousSaslAndSicilyNtlmBinds() throws Exception {
        List<Event> ev = AuthCaptures.events(AuthCaptures.path("ldap-auth.pcap"));
        List<Credential> creds = AuthCaptures.of(ev, Credential.class);
        assertThat(creds).extracting(Credential::mechanism, Credential::user, Credential::kind, Credential::secret,
                Credential::result, Credential::secretFrame, Credential::frame).containsExactly(
                tuple("simple bind", "cn=admin,dc=lab,dc=example", Kind.PASSWORD, "adminpw", Result.ACCEPTED, 4L, 6L),
                tuple("simple bind", "cn=admin,dc=lab,dc=example", Kind.PASSWORD, "Winter2024", Result.REJECTED, 19L, 21L),
                tuple("simple bind", null, Kind.PASSWORD, null, Result.ACCEPTED, 30L, 32L),
                tuple("SASL DIGEST-MD5", null, Kind.TOKEN, null, Result.REJECTED, 43L, 45L),
                tuple("NTLMv2", "alice", Kind.HASH, creds.get(4).secret(), Result.ACCEPTED, 60L, 61L));
        assertThat(creds.get(1).detail()).startsWith("resultCode 49");
        assertThat(creds.get(2).detail()).startsWith("anonymous bind");
        assertThat(NtlmCrypto.verify(creds.get(4).secret(), "Passw0rd!")).isTrue();
        assertThat(creds.get(4).detail()).startsWith("sicily NTLM bind; NTLMv2; workstation vm");
        List<LdapMessage> msgs = AuthCaptures.of(ev, LdapMessage.class);
        LdapMessage search = msgs.stream().filter(m -> m.protocolOp() == 3).findFirst().orElseThrow();
        assertThat(search.name()).isEqualTo("dc=lab,dc=example");
        assertThat(search.filter()).isEqualTo("(&(objectClass=person)(uid=alice))");
        assertThat(search.scope()).isEqualTo(2);
        // two messages in one segment (searchResEntry and searchResDone in frame 9)
        assertThat(msgs).filteredOn(m -> m.frame() == 9).extracting(LdapMessage::opName).containsExactly("searchResEntry", "searchResDone");
        assertThat(AuthCaptures.of(ev, NtlmsspMessage.class)).extracting(NtlmsspMessage::frame, NtlmsspMessage::messageType,
                NtlmsspMessage::serverChallenge).containsExactly(tuple(58L, 1, null), tuple(59L, 2, "a1b2c3d4e5f60718"), tuple(60L, 3, null));
    }

    @Test
    void sambaDomainControllerGssSpnegoNtlmAndSimpleBind() throws Exception {
        List<Event> ev = AuthCaptures.events(AuthCaptures.path("ldap-samba.pcap"));
        List<Credential> creds = AuthCaptures.of(ev, Credential.class);
        assertThat(creds).extracting(Credential::mechanism, Credential::user, Credential::domain, Credential::result,
                Credential::secretFrame, Credential::frame).containsExactly(
                tuple("NTLMv2", "Administrator", "LAB", Result.ACCEPTED, 10L, 12L),
                tuple("NTLMv2", "Administrator", "LAB", Result.REJECTED, 30L, 31L),
                tuple("simple bind", "Administrator@lab.example", null, Result.REJECTED, 38L, 40L));
        assertThat(NtlmCrypto.verify(creds.get(0).secret(), "Passw0rd!2024")).isTrue();
        assertThat(NtlmCrypto.verify(creds.get(1).secret(), "Autumn2024")).isTrue();
        assertThat(creds.get(0).detail()).startsWith("SASL GSS-SPNEGO; NTLMv2");
        assertThat(creds.get(2).detail()).contains("resultCode 8");
        // after the signed GSS-SPNEGO bind the connection carries SASL buffers: not read, and not malformed
        assertThat(AuthCaptures.of(ev, LdapMessage.class)).noneMatch(m -> m.frame() >= 13 && m.frame() <= 17);
    }

    @Test
    void snmpCommunitiesPairedByRequestId() throws Exception {
        List<Event> ev = AuthCaptures.events(AuthCaptures.path("snmp.pcap"));
        List<SnmpMessage> msgs = AuthCaptures.of(ev, SnmpMessage.class);
        assertThat(msgs).hasSize(32); // frame 33 is an ICMP error quoting the trap
        assertThat(msgs.get(0).pduName()).isEqualTo("get-request");
        assertThat(msgs.get(0).oids()).containsExactly("1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.5.0");
        assertThat(msgs.get(31).pduName()).isEqualTo("snmpV2-trap");
        List<Credential> creds = AuthCaptures.of(ev, Credential.class);
        // 1 get, 11 walk steps, 1 bulk, 2 sets answered; the wrong community unanswered (reported at the end)
        assertThat(creds).hasSize(16);
        assertThat(creds).allMatch(c -> c.protocol().equals("snmp") && c.kind() == Kind.COMMUNITY && c.user() == null
                && c.mechanism().equals("community"));
        assertThat(creds.subList(0, 15)).allMatch(c -> c.secret().equals("public") && c.result() == Result.ACCEPTED);
        Credential wrong = creds.get(15);
        assertThat(wrong.secret()).isEqualTo("secret");
        assertThat(wrong.result()).isEqualTo(Result.UNKNOWN);
        assertThat(wrong.secretFrame()).isEqualTo(27);
        assertThat(wrong.detail()).endsWith("no response");
        assertThat(creds.get(0).secretFrame()).isEqualTo(1);
        assertThat(creds.get(0).frame()).isEqualTo(2);
        assertThat(creds.get(13).detail()).isEqualTo("v2c set-request 1.3.6.1.2.1.1.4.0 -> get-response noAccess");
    }

    private static String field(String detail, String name) {
        for (String part : detail.split("; ")) if (part.startsWith(name + "=")) return part.substring(name.length() + 1);
        throw new AssertionError(name + " not in " + detail);
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
