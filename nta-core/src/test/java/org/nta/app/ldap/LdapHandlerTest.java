package org.nta.app.ldap;

import org.junit.jupiter.api.Test;
import org.nta.app.Feed;
import org.nta.app.ntlm.NtlmCrypto;
import org.nta.app.ntlm.NtlmMessages;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.LdapMessage;
import org.nta.event.NtlmsspMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.nta.app.ldap.Ber.*;

class LdapHandlerTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "10.0.0.5", 50000, "10.0.0.1", 389);
    final List<Event> events = new ArrayList<>();
    final AnomalyCounter anomalies = new AnomalyCounter();

    LdapHandler handler() {
        return new LdapHandler(CONN, LdapConfig.DEFAULTS, anomalies, events::add);
    }

    LdapHandler handler(List<Event> out) {
        return new LdapHandler(CONN, LdapConfig.DEFAULTS, anomalies, out::add);
    }

    <T> List<T> of(Class<T> c) {
        return events.stream().filter(c::isInstance).map(c::cast).toList();
    }

    static byte[] filterAndEq() {
        return tlv(0xa0, tlv(0xa3, octets("objectClass"), octets("user")), tlv(0xa4, octets("cn"),
                tlv(0x30, str(0x80, "adm"), str(0x82, "n"))), tlv(0x87, "mail".getBytes()));
    }

    @Test
    void simpleBindSearchAndResultAtEverySplitPoint() {
        byte[] client = concat(simpleBind(1, "cn=admin,dc=corp", "hunter2"), search(2, "dc=corp", filterAndEq()));
        byte[] server = bindResponse(1, 0, "", null);
        for (int cut = 1; cut < client.length; cut++) {
            events.clear();
            LdapHandler h = handler();
            long next = Feed.cuts(h, true, client, 10, cut);
            Feed.cuts(h, false, server, next);
            h.onClose(next + 1, Feed.timeOf(next + 1));
            List<LdapMessage> msgs = of(LdapMessage.class);
            assertThat(msgs).as("cut %d", cut).extracting(LdapMessage::opName, LdapMessage::messageId)
                    .containsExactly(tuple("bindRequest", 1L), tuple("searchRequest", 2L), tuple("bindResponse", 1L));
            int bindLen = simpleBind(1, "cn=admin,dc=corp", "hunter2").length;
            assertThat(msgs.get(0).frame()).isEqualTo(cut >= bindLen ? 10 : 11);
            assertThat(msgs.get(1).filter()).isEqualTo("(&(objectClass=user)(cn=adm*n)(mail=*))");
            assertThat(msgs.get(1).name()).isEqualTo("dc=corp");
            Credential c = of(Credential.class).get(0);
            assertThat(c.user()).isEqualTo("cn=admin,dc=corp");
            assertThat(c.secret()).isEqualTo("hunter2");
            assertThat(c.result()).isEqualTo(Credential.Result.ACCEPTED);
            assertThat(c.frame()).isEqualTo(next);
        }
        assertThat(anomalies.isEmpty()).isTrue();
    }

    /**
     * ldapsearch's answer in the recorded Kerberoasting (frame 234, two searchResEntry): the attribute values tshark
     * shows ({@code -Y ldap.protocolOp==4 -T fields -e ldap.objectName -e ldap.type -e ldap.AttributeValue}) for
     * sAMAccountName and servicePrincipalName.
     */
    @Test
    void searchEntriesNameTheAccountHoldingEachSpnAsTsharkReadsThem() throws Exception {
        List<LdapMessage> all = org.nta.app.auth.AuthCaptures.of(org.nta.app.auth.AuthCaptures.events(
                org.nta.testing.TestFiles.resources().resolve("captures/ad-roast-psexec.pcap.gz")), LdapMessage.class);
        List<LdapMessage> entries = all.stream().filter(m -> m.protocolOp() == 4).toList();
        assertThat(entries).extracting(LdapMessage::frame, LdapMessage::name, LdapMessage::account, LdapMessage::spns)
                .containsExactly(
                        tuple(234L, "CN=svc_sql,CN=Users,DC=lab,DC=local", "svc_sql", List.of("MSSQLSvc/sql01.lab.local:1433")),
                        tuple(234L, "CN=krbtgt,CN=Users,DC=lab,DC=local", "krbtgt", List.of("kadmin/changepw")));
        assertThat(all).filteredOn(m -> m.protocolOp() != 4).allSatisfy(m -> assertThat(m.spns()).isEmpty());
    }

    @Test
    void bytewiseDeliveryAndManyMessagesInOneSegment() {
        byte[] client = concat(simpleBind(1, "uid=bob", "x"), simpleBind(2, "uid=bob", "y"), simpleBind(3, "uid=bob", "z"));
        LdapHandler h = handler();
        Feed.bytewise(h, true, client, 1);
        byte[] answers = concat(bindResponse(1, 49, "bad", null), bindResponse(2, 49, "bad", null), bindResponse(3, 0, "", null));
        h.onData(false, answers, 0, answers.length - 3, 500, 500_000); // the third answer is cut short: result unknown
        h.onClose(501, 501_000);
        assertThat(of(Credential.class)).extracting(Credential::secret, Credential::result).containsExactly(
                tuple("x", Credential.Result.REJECTED), tuple("y", Credential.Result.REJECTED), tuple("z", Credential.Result.UNKNOWN));
    }

    @Test
    void saslGssSpnegoNtlmBecomesAHashThatVerifies() {
        byte[] negotiate = NtlmMessages.negotiate(0xe2088297L);
        byte[] init = tlv(0x60, tlv(0x06, new byte[]{0x2b, 6, 1, 5, 5, 2}), tlv(0xa0, tlv(0x30,
                tlv(0xa0, tlv(0x30, tlv(0x06, new byte[]{0x2b, 6, 1, 4, 1, (byte) 0x82, 0x37, 2, 2, 10}))),
                tlv(0xa2, tlv(0x04, negotiate)))));
        byte[] challenge = tlv(0xa1, tlv(0x30, tlv(0xa0, enumerated(1)), tlv(0xa2, tlv(0x04,
                NtlmMessages.challenge(NtlmMessages.SERVER_CHALLENGE, NtlmMessages.V2_FLAGS)))));
        byte[] auth = tlv(0xa1, tlv(0x30, tlv(0xa2, tlv(0x04, NtlmMessages.v2Authenticate()))));
        LdapHandler h = handler();
        h.onData(true, saslBind(1, "GSS-SPNEGO", init), 0, saslBind(1, "GSS-SPNEGO", init).length, 1, 1000);
        byte[] r1 = bindResponse(1, 14, "", challenge);
        h.onData(false, r1, 0, r1.length, 2, 2000);
        byte[] q2 = saslBind(2, "GSS-SPNEGO", auth);
        h.onData(true, q2, 0, q2.length, 3, 3000);
        byte[] r2 = bindResponse(2, 49, "80090308: LdapErr", null);
        h.onData(false, r2, 0, r2.length, 4, 4000);
        assertThat(of(NtlmsspMessage.class)).extracting(NtlmsspMessage::messageType, NtlmsspMessage::frame)
                .containsExactly(tuple(1, 1L), tuple(2, 2L), tuple(3, 3L));
        List<Credential> creds = of(Credential.class);
        assertThat(creds).hasSize(1);
        Credential c = creds.get(0);
        assertThat(c.mechanism()).isEqualTo("NTLMv2");
        assertThat(c.kind()).isEqualTo(Credential.Kind.HASH);
        assertThat(c.hashcatMode()).isEqualTo(5600);
        assertThat(c.user()).isEqualTo("User");
        assertThat(c.domain()).isEqualTo("Domain");
        assertThat(c.result()).isEqualTo(Credential.Result.REJECTED);
        assertThat(c.detail()).startsWith("SASL GSS-SPNEGO; NTLMv2; workstation COMPUTER").contains("resultCode 49");
        assertThat(NtlmCrypto.verify(c.secret(), "Password")).isTrue();
        assertThat(of(LdapMessage.class).get(0).mechanism()).isEqualTo("GSS-SPNEGO");
    }

    @Test
    void deepFiltersHugeMessagesAndGarbageAreCountedNotThrown() {
        byte[] filter = tlv(0x87, "cn".getBytes());
        for (int i = 0; i < 60; i++) filter = tlv(0xa2, filter); // (!(!(!...)))
        byte[] deep = search(7, "dc=x", filter);
        LdapHandler h = handler();
        h.onData(true, deep, 0, deep.length, 1, 1000);
        assertThat(anomalies.count(Anomaly.BER_TOO_DEEP)).isEqualTo(1);
        // a message announcing 16 MiB is skipped, the one after it is read
        byte[] huge = {0x30, (byte) 0x84, 0x01, 0x00, 0x00, 0x00};
        h.onData(true, huge, 0, huge.length, 2, 2000);
        h.onGap(true, 16 << 20, 3, 3000);
        byte[] next = simpleBind(8, "cn=a", "b");
        h.onData(true, next, 0, next.length, 4, 4000);
        assertThat(anomalies.count(Anomaly.LDAP_MESSAGE_TOO_LARGE)).isEqualTo(1);
        assertThat(of(LdapMessage.class)).extracting(LdapMessage::messageId).containsExactly(8L);
        // garbage stops the direction, once
        byte[] junk = {0x16, 0x03, 0x01, 0x00, 0x10};
        LdapHandler g = handler();
        g.onData(true, junk, 0, junk.length, 1, 1000);
        g.onData(true, next, 0, next.length, 2, 2000);
        assertThat(anomalies.count(Anomaly.LDAP_MALFORMED)).isEqualTo(1);
    }

    @Test
    void aGapResumesAtTheNextMessageThatStartsASegment() {
        byte[] a = simpleBind(1, "cn=a", "one"), b = simpleBind(2, "cn=b", "two"), c = simpleBind(3, "cn=c", "three");
        LdapHandler h = handler();
        h.onData(true, a, 0, 5, 1, 1000);
        h.onGap(true, a.length - 5, 2, 2000); // the rest of the first bind was not captured
        h.onData(true, b, 0, b.length, 3, 3000);
        h.onGap(true, 4, 4, 4000);
        h.onData(true, c, 4, c.length - 4, 5, 5000); // starts inside a message: this direction stops
        h.onData(true, a, 0, a.length, 6, 6000);
        assertThat(of(LdapMessage.class)).extracting(LdapMessage::messageId).containsExactly(2L);
    }

    @Test
    void mutationsAndTruncationsNeverThrow() {
        byte[] negotiate = NtlmMessages.negotiate(0xe2088297L);
        byte[] client = concat(simpleBind(1, "cn=admin", "pw"), search(2, "dc=corp", filterAndEq()),
                saslBind(3, "GSS-SPNEGO", NtlmMessages.v2Authenticate()), saslBind(4, "NTLM", negotiate));
        byte[] server = concat(bindResponse(1, 0, "", null), bindResponse(3, 14, "", NtlmMessages.challenge(NtlmMessages.SERVER_CHALLENGE, 0)));
        Random rnd = new Random(3);
        for (int round = 0; round < 3000; round++) {
            byte[] c = client.clone(), s = server.clone();
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) c[rnd.nextInt(c.length)] = (byte) rnd.nextInt(256);
            s[rnd.nextInt(s.length)] = (byte) rnd.nextInt(256);
            LdapHandler h = handler();
            int cut = rnd.nextInt(c.length);
            h.onData(true, c, 0, cut, 1, 1000);
            h.onData(false, s, 0, s.length, 2, 2000);
            h.onData(true, c, cut, c.length - cut, 3, 3000);
            if (rnd.nextBoolean()) h.onGap(false, 10, 4, 4000);
            h.onClose(5, 5000);
        }
        assertThat(anomalies.total()).isPositive();
    }

    /** A searchResEntry: objectName, then PartialAttributeList (type, SET OF values) per [RFC 4511] 4.5.2. */
    private static byte[] entry(int id, String dn, String account, String... spns) {
        byte[][] values = new byte[spns.length][];
        for (int i = 0; i < spns.length; i++) values[i] = octets(spns[i]);
        byte[] attrs = tlv(0x30,
                tlv(0x30, octets("objectClass"), tlv(0x31, octets("top"), octets("user"))),
                tlv(0x30, octets("sAMAccountName"), tlv(0x31, octets(account))),
                tlv(0x30, octets("servicePrincipalName"), tlv(0x31, values)));
        return message(id, tlv(0x64, octets(dn), attrs));
    }

    @Test
    void searchEntriesCutOrMutatedKeepWhatCameBeforeAndNeverThrow() {
        byte[] server = concat(entry(2, "CN=svc_sql,CN=Users,DC=lab,DC=local", "svc_sql", "MSSQLSvc/sql01:1433", "HTTP/sql01"),
                entry(2, "CN=svc_web,CN=Users,DC=lab,DC=local", "svc_web"));
        List<Event> out = new ArrayList<>();
        LdapHandler whole = handler(out);
        whole.onData(true, search(2, "dc=lab", filterAndEq()), 0, search(2, "dc=lab", filterAndEq()).length, 1, 1000);
        whole.onData(false, server, 0, server.length, 2, 2000);
        assertThat(out).filteredOn(e -> e instanceof LdapMessage l && l.protocolOp() == 4)
                .extracting(e -> ((LdapMessage) e).account() + " " + ((LdapMessage) e).spns())
                .containsExactly("svc_sql [MSSQLSvc/sql01:1433, HTTP/sql01]", "svc_web []");
        Random rnd = new Random(11);
        for (int round = 0; round < 3000; round++) {
            byte[] s = server.clone();
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) s[rnd.nextInt(s.length)] = (byte) rnd.nextInt(256);
            LdapHandler h = handler(new ArrayList<>());
            int cut = rnd.nextInt(s.length);
            h.onData(false, s, 0, cut, 2, 2000);
            h.onData(false, s, cut, s.length - cut, 3, 3000);
            h.onClose(5, 5000);
        }
        for (int cut = 1; cut < server.length; cut++) {   // every length of the answer, as a lost tail would leave it
            LdapHandler h = handler(new ArrayList<>());
            h.onData(false, server, 0, cut, 2, 2000);
            h.onClose(5, 5000);
        }
    }
}
