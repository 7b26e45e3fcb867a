package org.nta.app.ntlm;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nta.app.ntlm.NtlmMessages.*;

class NtlmsspTest {
    static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void md4MatchesRfc1320() {
        assertThat(hexOf(Md4.digest(new byte[0]))).isEqualTo("31d6cfe0d16ae931b73c59d7e0c089c0");
        assertThat(hexOf(Md4.digest("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
        assertThat(hexOf(Md4.digest("12345678901234567890123456789012345678901234567890123456789012345678901234567890"
                .getBytes(StandardCharsets.US_ASCII)))).isEqualTo("e33b4ddc9c38f2199c3e7b164fcc0536");
    }

    @Test
    void oneWayFunctionsMatchMsNlmpSection42() {
        // [MS-NLMP] 4.2.2.1.2 and 4.2.4.1.1
        assertThat(hexOf(NtlmCrypto.ntHash("Password"))).isEqualTo("a4f49c406510bdcab6824ee7c30fd852");
        assertThat(hexOf(NtlmCrypto.ntowfv2("Password", "User", "Domain"))).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
        // [MS-NLMP] 4.2.4.2.2: NTProofStr
        assertThat(hexOf(NtlmCrypto.ntProofStr(NtlmCrypto.ntowfv2("Password", "User", "Domain"), SERVER_CHALLENGE, V2_BLOB)))
                .isEqualTo(V2_PROOF);
        // [MS-NLMP] 4.2.2.2.1: NTLMv1 response
        assertThat(NtlmCrypto.desl(NtlmCrypto.ntHash("Password"), SERVER_CHALLENGE)).isEqualTo(V1_NT);
    }

    @Test
    void parsesTheChallenge() throws NtlmException {
        NtlmChallenge c = (NtlmChallenge) Ntlmssp.parse(challenge(SERVER_CHALLENGE, V2_FLAGS));
        assertThat(c.type()).isEqualTo(2);
        assertThat(c.challengeHex()).isEqualTo("0123456789abcdef");
        assertThat(c.targetName()).isEqualTo("Domain");
        assertThat(c.nbDomainName()).isEqualTo("Domain");
        assertThat(c.nbComputerName()).isEqualTo("Server");
        assertThat(c.dnsComputerName()).isNull();
        assertThat(c.version().toString()).isEqualTo("6.0.6000");
        assertThat(c.version().revision()).isEqualTo(15);
        assertThat(c.version().osName()).isEqualTo("Windows Vista / Server 2008");
        assertThat(c.hasFlag(Ntlmssp.NEGOTIATE_EXTENDED_SESSIONSECURITY)).isTrue();
    }

    @Test
    void parsesNegotiate() throws NtlmException {
        NtlmNegotiate n = (NtlmNegotiate) Ntlmssp.parse(negotiate(0xe2088297L));
        assertThat(n.type()).isEqualTo(1);
        assertThat(n.domain()).isEmpty();
        assertThat(n.version().toString()).isEqualTo("10.0.19041");
        assertThat(n.version().osName()).startsWith("Windows 10");
    }

    @Test
    void ntlmv2HashcatLineVerifiesAgainstThePassword() throws NtlmException {
        NtlmTracker t = new NtlmTracker();
        assertThat(t.onMessage(Ntlmssp.parse(negotiate(0xe2088297L)))).isNull();
        assertThat(t.onMessage(Ntlmssp.parse(challenge(SERVER_CHALLENGE, V2_FLAGS)))).isNull();
        NtlmLogon logon = t.onMessage(Ntlmssp.parse(v2Authenticate()));
        assertThat(logon.kind()).isEqualTo(NtlmResponseKind.NTLMV2);
        assertThat(logon.mechanism()).isEqualTo("NTLMv2");
        assertThat(logon.user()).isEqualTo("User");
        assertThat(logon.domain()).isEqualTo("Domain");
        assertThat(logon.workstation()).isEqualTo("COMPUTER");
        assertThat(logon.auth().version().toString()).isEqualTo("5.1.2600");
        assertThat(logon.hashcatMode()).isEqualTo(5600);
        assertThat(logon.hashcatLine()).isEqualTo("User::Domain:0123456789abcdef:" + V2_PROOF + ":" + hexOf(V2_BLOB));
        assertThat(NtlmCrypto.verify(logon.hashcatLine(), "Password")).isTrue();
        assertThat(NtlmCrypto.verify(logon.hashcatLine(), "password")).isFalse();
        // the challenge is consumed: a second AUTHENTICATE has none to pair with
        assertThat(t.onAuthenticate(logon.auth()).hashcatLine()).isNull();
    }

    @Test
    void aProofComputedFromAnotherPasswordIsParsedToALineThatVerifies() throws NtlmException {
        byte[] chal = hex("1122334455667788");
        byte[] blob = hex("0101000000000000" + "00e1f5c6d3a0d801" + "0102030405060708" + "00000000" + "00000000");
        byte[] proof = NtlmCrypto.ntProofStr(NtlmCrypto.ntowfv2("S3cr3t!", "alice", "CORP"), chal, blob);
        byte[] auth = authenticate(new byte[24], concat(proof, blob), "CORP", "alice", "WS01", V2_FLAGS);
        NtlmLogon l = NtlmTracker.pair((NtlmAuthenticate) Ntlmssp.parse(auth), (NtlmChallenge) Ntlmssp.parse(challenge(chal, V2_FLAGS)));
        assertThat(NtlmCrypto.verify(l.hashcatLine(), "S3cr3t!")).isTrue();
        assertThat(NtlmCrypto.verify(l.hashcatLine(), "S3cr3t")).isFalse();
    }

    @Test
    void ntlmv1LineInHashcat5500FormatVerifies() throws NtlmException {
        long flags = 0xe2028233L & ~Ntlmssp.NEGOTIATE_EXTENDED_SESSIONSECURITY;
        byte[] lm = hex("98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13"); // [MS-NLMP] 4.2.2.2.2
        NtlmLogon l = NtlmTracker.pair((NtlmAuthenticate) Ntlmssp.parse(authenticate(lm, V1_NT, "Domain", "User", "COMPUTER", flags)),
                (NtlmChallenge) Ntlmssp.parse(challenge(SERVER_CHALLENGE, flags)));
        assertThat(l.kind()).isEqualTo(NtlmResponseKind.NTLMV1);
        assertThat(l.hashcatMode()).isEqualTo(5500);
        assertThat(l.hashcatLine()).isEqualTo("User::Domain:" + hexOf(lm) + ":" + hexOf(V1_NT) + ":0123456789abcdef");
        assertThat(NtlmCrypto.verify(l.hashcatLine(), "Password")).isTrue();
    }

    @Test
    void ntlmv1WithExtendedSessionSecurity() throws Exception {
        long flags = 0xe20a8233L;
        byte[] clientChallenge = hex("aaaaaaaaaaaaaaaa");
        byte[] lm = concat(clientChallenge, new byte[16]);
        byte[] sessChal = java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("MD5")
                .digest(concat(SERVER_CHALLENGE, clientChallenge)), 8);
        byte[] nt = NtlmCrypto.desl(NtlmCrypto.ntHash("Password"), sessChal);
        assertThat(hexOf(nt)).isEqualTo("7537f803ae367128ca458204bde7caf81e97ed2683267232"); // [MS-NLMP] 4.2.3.2.2
        NtlmLogon l = NtlmTracker.pair((NtlmAuthenticate) Ntlmssp.parse(authenticate(lm, nt, "Domain", "User", "COMPUTER", flags)),
                (NtlmChallenge) Ntlmssp.parse(challenge(SERVER_CHALLENGE, flags)));
        assertThat(l.kind()).isEqualTo(NtlmResponseKind.NTLMV1_ESS);
        assertThat(l.hashcatMode()).isEqualTo(5500);
        assertThat(NtlmCrypto.verify(l.hashcatLine(), "Password")).isTrue();
    }

    @Test
    void anonymousAndOemLogons() throws NtlmException {
        NtlmAuthenticate anon = (NtlmAuthenticate) Ntlmssp.parse(authenticate(new byte[1], new byte[0], "", "", "", 0xe2088a15L));
        assertThat(anon.responseKind()).isEqualTo(NtlmResponseKind.ANONYMOUS);
        NtlmLogon l = NtlmTracker.pair(anon, (NtlmChallenge) Ntlmssp.parse(challenge(SERVER_CHALLENGE, V2_FLAGS)));
        assertThat(l.anonymous()).isTrue();
        assertThat(l.hashcatLine()).isNull();
        long oem = Ntlmssp.NEGOTIATE_OEM | Ntlmssp.NEGOTIATE_NTLM;
        NtlmAuthenticate a = (NtlmAuthenticate) Ntlmssp.parse(authenticate(new byte[24], V1_NT, "DOM", "bob", "PC", oem));
        assertThat(a.user()).isEqualTo("bob");
        assertThat(a.domain()).isEqualTo("DOM");
        assertThat(a.workstation()).isEqualTo("PC");
        assertThat(a.version()).isNull(); // no VERSION flag
    }

    @Test
    void findsTheSignatureInsideAWrapper() {
        byte[] auth = v2Authenticate();
        byte[] wrapped = concat(hex("a18201003082"), auth);
        assertThat(Ntlmssp.find(wrapped, 0, wrapped.length)).isEqualTo(6);
        assertThat(Ntlmssp.messageType(wrapped, 6, auth.length)).isEqualTo(3);
        assertThat(Ntlmssp.find(wrapped, 7, wrapped.length)).isEqualTo(-1);
    }

    @Test
    void offsetsBeyondTheBufferAreErrors() {
        byte[] auth = v2Authenticate();
        // user name offset far beyond the message
        byte[] m = auth.clone();
        m[40] = (byte) 0xff;
        m[41] = (byte) 0xff;
        assertThat(problem(m)).isEqualTo(NtlmException.Problem.FIELD_OUT_OF_BOUNDS);
        // NT response length beyond the message
        byte[] n = auth.clone();
        n[20] = (byte) 0xff;
        n[21] = (byte) 0x7f;
        assertThat(problem(n)).isEqualTo(NtlmException.Problem.FIELD_OUT_OF_BOUNDS);
        // offset near 2^32 (no int overflow)
        byte[] o = auth.clone();
        o[40] = o[41] = o[42] = o[43] = (byte) 0xff;
        assertThat(problem(o)).isEqualTo(NtlmException.Problem.FIELD_OUT_OF_BOUNDS);
        // the slice is the message: a field inside the buffer but outside the slice is refused
        assertThatThrownBy(() -> Ntlmssp.parse(auth, 0, auth.length - 4)).isInstanceOf(NtlmException.class);
        assertThat(problem(java.util.Arrays.copyOf(auth, 40))).isEqualTo(NtlmException.Problem.TRUNCATED);
        byte[] t = auth.clone();
        t[8] = 9;
        assertThat(problem(t)).isEqualTo(NtlmException.Problem.UNKNOWN_TYPE);
        t[0] = 'X';
        assertThat(problem(t)).isEqualTo(NtlmException.Problem.BAD_SIGNATURE);
    }

    @Test
    void everyTruncationAndByteMutationIsAResultOrANtlmException() {
        Random rnd = new Random(7);
        for (byte[] msg : new byte[][]{v2Authenticate(), challenge(SERVER_CHALLENGE, V2_FLAGS), negotiate(0xe2088297L)}) {
            for (int len = 0; len <= msg.length; len++) parseQuietly(msg, len);
            for (int i = 0; i < msg.length; i++) {
                for (int k = 0; k < 8; k++) {
                    byte[] m = msg.clone();
                    m[i] = (byte) rnd.nextInt(256);
                    parseQuietly(m, m.length);
                }
            }
        }
    }

    private static void parseQuietly(byte[] m, int len) {
        try {
            NtlmMessage msg = Ntlmssp.parse(m, 0, len);
            if (msg instanceof NtlmAuthenticate a) NtlmTracker.pair(a, null).kind();
        } catch (NtlmException expected) {
            // counted by callers
        }
    }

    private static NtlmException.Problem problem(byte[] m) {
        try {
            Ntlmssp.parse(m);
        } catch (NtlmException e) {
            return e.problem();
        }
        return null;
    }
}
