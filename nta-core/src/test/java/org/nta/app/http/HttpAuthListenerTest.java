package org.nta.app.http;

import org.junit.jupiter.api.Test;
import org.nta.app.ntlm.NtlmCrypto;
import org.nta.app.ntlm.NtlmMessages;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.NtlmsspMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class HttpAuthListenerTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "10.0.0.5", 50000, "10.0.0.1", 80);
    final List<Event> events = new ArrayList<>();
    final AnomalyCounter anomalies = new AnomalyCounter();
    long frame = 1;
    HttpConnectionParser parser = new HttpConnectionParser(CONN, HttpConfig.defaults(),
            new HttpAuthListener(new HttpListener() { }, events::add, anomalies), anomalies);

    void send(boolean fromClient, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        parser.onData(fromClient, b, 0, b.length, frame, frame * 1000);
        frame++;
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    <T> List<T> of(Class<T> c) {
        return events.stream().filter(c::isInstance).map(c::cast).toList();
    }

    static String get(String auth) {
        return "GET /x HTTP/1.1\r\nHost: a\r\nAuthorization: " + auth + "\r\n\r\n";
    }

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    @Test
    void basicWithTheStatusThatAnsweredIt() {
        send(true, get("Basic " + b64("bob:s3cret:with:colons".getBytes())));
        send(false, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
        send(true, "GET /x HTTP/1.1\r\nHost: a\r\nProxy-Authorization: basic " + b64("carol:pw".getBytes()) + "\r\n\r\n");
        send(false, "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
        send(true, get("Basic !!!notbase64"));
        send(false, OK);
        send(true, get("Basic " + b64("nocolon".getBytes())));
        parser.onClose(frame, frame * 1000);
        assertThat(of(Credential.class)).extracting(Credential::user, Credential::secret, Credential::result, Credential::secretFrame, Credential::frame)
                .containsExactly(tuple("bob", "s3cret:with:colons", Credential.Result.REJECTED, 1L, 2L),
                        tuple("carol", "pw", Credential.Result.ACCEPTED, 3L, 4L),
                        tuple("nocolon", null, Credential.Result.UNKNOWN, 7L, 7L));
        assertThat(anomalies.count(Anomaly.HTTP_AUTH_MALFORMED)).isEqualTo(1);
    }

    @Test
    void digestParameters() {
        Map<String, String> p = HttpAuth.digestParams("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
                + "uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
                + "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", weird=\"a\\\"b\"", 24);
        assertThat(p).containsEntry("username", "Mufasa").containsEntry("realm", "http-auth@example.org")
                .containsEntry("uri", "/dir/index.html").containsEntry("nc", "00000001").containsEntry("qop", "auth")
                .containsEntry("weird", "a\"b");
        send(true, get("Digest username=\"Mufasa\", realm=\"r\", uri=\"/x\", response=\"abc\""));
        send(false, OK);
        Credential c = of(Credential.class).get(0);
        assertThat(c.mechanism()).isEqualTo("Digest");
        assertThat(c.kind()).isEqualTo(Credential.Kind.HASH);
        assertThat(c.secret()).isEqualTo("abc");
        assertThat(c.domain()).isEqualTo("r");
        assertThat(c.detail()).contains("uri=/x");
    }

    @Test
    void negotiateWrappingNtlmsspInSpnego() {
        byte[] spnegoNegotiate = org.nta.app.ldap.BerTestAccess.spnegoInit(NtlmMessages.negotiate(0xe2088297L));
        send(true, get("Negotiate " + b64(spnegoNegotiate)));
        byte[] challenge = NtlmMessages.challenge(NtlmMessages.SERVER_CHALLENGE, NtlmMessages.V2_FLAGS);
        send(false, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate " + b64(org.nta.app.ldap.BerTestAccess.spnegoResp(challenge))
                + "\r\nContent-Length: 0\r\n\r\n");
        send(true, get("Negotiate " + b64(org.nta.app.ldap.BerTestAccess.spnegoResp(NtlmMessages.v2Authenticate()))));
        send(false, OK);
        assertThat(of(NtlmsspMessage.class)).extracting(NtlmsspMessage::messageType, NtlmsspMessage::frame)
                .containsExactly(tuple(1, 1L), tuple(2, 2L), tuple(3, 3L));
        Credential c = of(Credential.class).get(0);
        assertThat(c.mechanism()).isEqualTo("NTLMv2");
        assertThat(c.result()).isEqualTo(Credential.Result.ACCEPTED);
        assertThat(c.detail()).contains("Negotiate");
        assertThat(NtlmCrypto.verify(c.secret(), "Password")).isTrue();
    }

    @Test
    void ntlmWithoutItsChallengeAndBrokenTokens() {
        send(true, get("NTLM " + b64(NtlmMessages.v2Authenticate())));
        send(false, OK);
        Credential c = of(Credential.class).get(0);
        assertThat(c.kind()).isEqualTo(Credential.Kind.TOKEN);
        assertThat(c.secret()).isNull();
        assertThat(c.detail()).contains("challenge not seen");
        // an AUTHENTICATE whose user name points beyond the message: counted, no credential
        byte[] bad = NtlmMessages.v2Authenticate();
        bad[40] = (byte) 0xf0;
        send(true, get("NTLM " + b64(bad)));
        send(false, OK);
        send(true, get("NTLM %%%"));
        send(false, OK);
        send(true, get("Negotiate " + b64(new byte[]{0x60, 0x05, 0x06, 0x03, 0x2a, 0x03, 0x04})));
        send(false, OK);
        assertThat(anomalies.asMap()).as(events.toString()).containsEntry("ntlmssp.malformed", 1L);
        assertThat(anomalies.count(Anomaly.HTTP_AUTH_MALFORMED)).isEqualTo(1);
        assertThat(of(Credential.class)).extracting(Credential::mechanism).containsExactly("NTLMv2", "Negotiate");
    }
}
