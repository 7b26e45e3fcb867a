package org.nta.app.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.app.dcerpc.RpcBytes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.DceRpcPdu;
import org.nta.event.Event;
import org.nta.event.RpcCall;

/**
 * The DCE/RPC stream on PDUs built to C706 and [MS-SCMR]/[MS-NRPC]: every split point of both directions, fragments
 * reassembled, faults, sealed calls, and hostile input (garbage, huge lengths, fragment floods, random mutations)
 * counted, never thrown.
 */
class DceRpcStreamTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "10.0.0.1", 50000, "10.0.0.2", 49667);
    static final String SMBEXEC = "%COMSPEC% /Q /c echo whoami ^> \\\\127.0.0.1\\C$\\__output 2^>^&1 > %TEMP%\\execute.bat";

    /** {client bytes, server bytes} exchanges in order: bind svcctl+netlogon, CreateServiceW in 3 fragments, a fault, Authenticate3. */
    static List<byte[][]> exchange() {
        byte[] stub = createServiceStub("BTOBTO", SMBEXEC);
        return List.of(
                new byte[][] {bind(1, SVCCTL, NETLOGON), bindAck(1, 0, 0)},
                new byte[][] {request(2, 0, 12, stub, 100, 0), response(2, 0, createServiceResponse(0), 0)},
                new byte[][] {request(3, 0, 99, new byte[8], 100, 0), fault(3, 0, 0x1c010002L)},
                new byte[][] {request(4, 1, 26, authenticate3Stub("DC1$", "DC1", new byte[8]), 100, 0),
                        response(4, 1, new W().raw(new byte[8]).u32(0x212fffff).u32(1000).u32(0xc0000022L).bytes(), 0)});
    }

    record Run(List<Event> events, AnomalyCounter anomalies) {
        <T> List<T> of(Class<T> t) {
            return events.stream().filter(t::isInstance).map(t::cast).toList();
        }
    }

    static Run feed(List<byte[][]> ex, int cut, int serverCut) {
        List<Event> out = new ArrayList<>();
        AnomalyCounter a = new AnomalyCounter();
        DceRpcStream s = new DceRpcStream(CONN, "tcp", DceRpcConfig.DEFAULTS, a, out::add);
        int cpos = 0, spos = 0;
        long frame = 1;
        for (byte[][] p : ex) {
            frame = piece(s, true, p[0], cut - cpos, frame);
            frame = piece(s, false, p[1], serverCut - spos, frame);
            cpos += p[0].length;
            spos += p[1].length;
        }
        s.end();
        return new Run(out, a);
    }

    private static long piece(DceRpcStream s, boolean client, byte[] b, int cut, long frame) {
        if (cut > 0 && cut < b.length) {
            s.onData(client, b, 0, cut, frame++, 0);
            s.onData(client, b, cut, b.length - cut, frame++, 0);
        } else {
            s.onData(client, b, 0, b.length, frame++, 0);
        }
        return frame;
    }

    static String describe(Run r) {
        StringBuilder sb = new StringBuilder();
        for (RpcCall c : r.of(RpcCall.class)) {
            sb.append(c.interfaceName()).append(' ').append(c.operation()).append(' ').append(c.fault()).append(' ')
                    .append(c.status()).append(' ').append(c.args()).append('\n');
        }
        for (DceRpcPdu p : r.of(DceRpcPdu.class)) sb.append(p.ptype()).append('/').append(p.callId()).append('/').append(p.opnum()).append(p.bindUuids()).append(' ');
        return sb.toString();
    }

    @Test
    void callsAreNamedPairedAndDecoded() {
        Run r = feed(exchange(), 0, 0);
        List<RpcCall> calls = r.of(RpcCall.class);
        assertThat(calls).hasSize(3);
        RpcCall create = calls.get(0);
        assertThat(create.interfaceName()).isEqualTo("svcctl");
        assertThat(create.operation()).isEqualTo("CreateServiceW");
        assertThat(create.args()).containsEntry("service_name", "BTOBTO").containsEntry("binary_path", SMBEXEC)
                .containsEntry("start_type", "3");
        assertThat(create.succeeded()).isTrue();
        assertThat(calls.get(1).fault()).isTrue();
        assertThat(calls.get(1).status()).isEqualTo(0x1c010002L);
        RpcCall auth = calls.get(2);
        assertThat(auth.interfaceName()).isEqualTo("netlogon");
        assertThat(auth.operation()).isEqualTo("NetrServerAuthenticate3");
        assertThat(auth.args()).containsEntry("account_name", "DC1$").containsEntry("computer_name", "DC1")
                .containsEntry("client_credential", "0000000000000000").containsEntry("negotiate_flags", "0x212fffff");
        assertThat(auth.status()).isEqualTo(0xc0000022L);
        assertThat(r.anomalies().total()).isZero();
        // the request's four fragments are four PDUs with the same call id; the bind names both interfaces
        assertThat(r.of(DceRpcPdu.class).stream().filter(p -> p.ptype() == 0 && p.callId() == 2)).hasSize(4);
        assertThat(r.of(DceRpcPdu.class).get(0).bindUuids()).containsExactly(SVCCTL, NETLOGON);
    }

    @Test
    void everySplitPointGivesTheSameCalls() {
        String whole = describe(feed(exchange(), 0, 0));
        int cLen = 0, sLen = 0;
        for (byte[][] p : exchange()) {
            cLen += p[0].length;
            sLen += p[1].length;
        }
        for (int cut = 1; cut < Math.max(cLen, sLen); cut++) {
            Run r = feed(exchange(), cut, cut);
            assertThat(describe(r)).as("cut %d", cut).isEqualTo(whole);
            assertThat(r.anomalies().total()).isZero();
        }
    }

    @Test
    void byteByByteGivesTheSameCalls() {
        String whole = describe(feed(exchange(), 0, 0));
        List<Event> out = new ArrayList<>();
        DceRpcStream s = new DceRpcStream(CONN, "tcp", DceRpcConfig.DEFAULTS, new AnomalyCounter(), out::add);
        long f = 1;
        for (byte[][] p : exchange()) {
            for (byte x : p[0]) s.onData(true, new byte[] {x}, 0, 1, f++, 0);
            for (byte x : p[1]) s.onData(false, new byte[] {x}, 0, 1, f++, 0);
        }
        s.end();
        assertThat(describe(new Run(out, null))).isEqualTo(whole);
    }

    @Test
    void sealedCallsAreMarkedEncryptedAndNotRead() {
        byte[] stub = createServiceStub("X", "c:\\x.exe");
        Run r = feed(List.<byte[][]>of(new byte[][] {bind(1, SVCCTL), bindAck(1, 0)},
                new byte[][] {request(2, 0, 12, stub, 1000, 6), response(2, 0, createServiceResponse(0), 6)}), 0, 0);
        RpcCall c = r.of(RpcCall.class).get(0);
        assertThat(c.encrypted()).isTrue();
        assertThat(c.authLevel()).isEqualTo(6);
        assertThat(c.authType()).isEqualTo(10);
        assertThat(c.args()).isEmpty();
        assertThat(c.status()).isEqualTo(-1);
        assertThat(c.operation()).isEqualTo("CreateServiceW");
    }

    @Test
    void integrityLevelStubIsStillRead() {
        byte[] stub = createServiceStub("X", "c:\\x.exe");
        Run r = feed(List.<byte[][]>of(new byte[][] {bind(1, SVCCTL), bindAck(1, 0)},
                new byte[][] {request(2, 0, 12, stub, 1000, 5), response(2, 0, createServiceResponse(5), 5)}), 0, 0);
        RpcCall c = r.of(RpcCall.class).get(0);
        assertThat(c.encrypted()).isFalse();
        assertThat(c.args()).containsEntry("binary_path", "c:\\x.exe");
        assertThat(c.status()).isEqualTo(5);
    }

    @Test
    void rejectedContextIsNotNamed() {
        Run r = feed(List.<byte[][]>of(new byte[][] {bind(1, SVCCTL), bindAck(1, 2)},
                new byte[][] {request(2, 0, 12, new byte[4], 1000, 0), fault(2, 0, 0x1c00000bL)}), 0, 0);
        assertThat(r.of(RpcCall.class).get(0).interfaceName()).isNull();
    }

    /** A PDU with an NTLMSSP auth_value (auth type 10, level connect). */
    static byte[] authPdu(int ptype, long callId, byte[] body, byte[] token) {
        int pad = (4 - (16 + body.length) % 4) % 4;
        W w = new W().raw(header(ptype, 3, 16 + body.length + pad + 8 + token.length, token.length, callId)).raw(body);
        for (int i = 0; i < pad; i++) w.u8(0);
        return w.u8(10).u8(2).u8(pad).u8(0).u32(0).raw(token).bytes();
    }

    static byte[] bindBody() {
        return java.util.Arrays.copyOfRange(bind(1, SVCCTL), 16, bind(1, SVCCTL).length);
    }

    static Run ntlmLogon(byte[] answer) {
        byte[] ackBody = java.util.Arrays.copyOfRange(bindAck(1, 0), 16, bindAck(1, 0).length);
        return feed(List.<byte[][]>of(
                new byte[][] {authPdu(11, 1, bindBody(), org.nta.app.ntlm.NtlmMessages.negotiate(0xe2088297L)),
                        authPdu(12, 1, ackBody, org.nta.app.ntlm.NtlmMessages.challenge(org.nta.app.ntlm.NtlmMessages.SERVER_CHALLENGE, 0xe2898215L))},
                new byte[][] {cat(authPdu(16, 1, new byte[4], org.nta.app.ntlm.NtlmMessages.v2Authenticate()),
                        request(2, 0, 15, new W().u32(0).u32(0).u32(0xf003f).bytes(), 1000, 0)), answer}), 0, 0);
    }

    @Test
    void ntlmLogonInABindIsACredentialSettledByTheNextAnswer() {
        Run ok = ntlmLogon(response(2, 0, new W().handle(1).u32(0).bytes(), 0));
        List<org.nta.event.Credential> c = ok.of(org.nta.event.Credential.class);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).protocol()).isEqualTo("dcerpc");
        assertThat(c.get(0).result()).isEqualTo(org.nta.event.Credential.Result.ACCEPTED);
        assertThat(c.get(0).secret()).startsWith(c.get(0).user() + "::");
        assertThat(ok.of(org.nta.event.NtlmsspMessage.class)).hasSize(3);
        Run refused = ntlmLogon(fault(2, 0, 5));
        assertThat(refused.of(org.nta.event.Credential.class).get(0).result()).isEqualTo(org.nta.event.Credential.Result.REJECTED);
        Run none = ntlmLogon(new byte[0]);
        assertThat(none.of(org.nta.event.Credential.class).get(0).result()).isEqualTo(org.nta.event.Credential.Result.UNKNOWN);
    }

    @Test
    void unansweredCallIsReportedAtTheEnd() {
        Run r = feed(List.<byte[][]>of(new byte[][] {bind(1, SVCCTL), bindAck(1, 0)},
                new byte[][] {request(2, 0, 19, new W().handle(1).u32(0).u32(0).bytes(), 1000, 0), new byte[0]}), 0, 0);
        RpcCall c = r.of(RpcCall.class).get(0);
        assertThat(c.status()).isEqualTo(-1);
        assertThat(c.frame()).isEqualTo(c.requestFrame());
        assertThat(c.operation()).isEqualTo("StartServiceW");
    }

    @Test
    void hostileInputIsCountedNeverThrown() {
        Random rnd = new Random(7);
        byte[] whole = new byte[0], server = new byte[0];
        for (byte[][] p : exchange()) {
            whole = cat(whole, p[0]);
            server = cat(server, p[1]);
        }
        for (int i = 0; i < 3000; i++) {
            byte[] c = whole.clone(), s = server.clone();
            for (int k = 0; k < 1 + rnd.nextInt(6); k++) c[rnd.nextInt(c.length)] = (byte) rnd.nextInt(256);
            for (int k = 0; k < 1 + rnd.nextInt(6); k++) s[rnd.nextInt(s.length)] = (byte) rnd.nextInt(256);
            int cut = rnd.nextInt(c.length);
            feed(List.<byte[][]>of(new byte[][] {java.util.Arrays.copyOf(c, cut), java.util.Arrays.copyOf(s, rnd.nextInt(s.length))}), 0, 0);
            feed(List.<byte[][]>of(new byte[][] {c, s}), rnd.nextInt(c.length), rnd.nextInt(s.length));
        }
        byte[] garbage = new byte[5000];
        rnd.nextBytes(garbage);
        Run g = feed(List.<byte[][]>of(new byte[][] {cat(header(0, 3, 0xffff, 0xfff0, 1), garbage), garbage}), 0, 0);
        assertThat(g.of(RpcCall.class)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void fragmentFloodIsBounded() {
        DceRpcConfig small = new DceRpcConfig(4096, 2048, 8192, 16, 8, 16, 4, 256);
        List<Event> out = new ArrayList<>();
        AnomalyCounter a = new AnomalyCounter();
        DceRpcStream s = new DceRpcStream(CONN, "tcp", small, a, out::add);
        byte[] firstOnly = new byte[1000];
        for (int id = 0; id < 500; id++) {
            byte[] f = pdu(0, 1, id, new W().u32(0).u16(0).u16(12).raw(firstOnly).bytes(), 0);
            s.onData(true, f, 0, f.length, id + 1, 0);
        }
        byte[] big = pdu(0, 3, 9999, new byte[5000], 0);
        s.onData(true, big, 0, big.length, 600, 0);
        byte[] longCall = new byte[0];
        for (int i = 0; i < 5; i++) longCall = cat(longCall, pdu(0, i == 0 ? 1 : i == 4 ? 2 : 0, 7777, new W().u32(0).u16(0).u16(12).raw(new byte[1000]).bytes(), 0));
        s.onData(true, longCall, 0, longCall.length, 700, 0);
        assertThat(a.count(Anomaly.DCERPC_PENDING_LIMIT)).isGreaterThan(0);
        assertThat(a.count(Anomaly.DCERPC_FRAGMENT_TOO_LARGE)).isEqualTo(1);
        assertThat(a.count(Anomaly.DCERPC_CALL_TOO_LARGE)).isGreaterThan(0);
        assertThat(Anomaly.DCERPC_PENDING_LIMIT.isLimit()).isTrue();
        s.end();
        assertThat(out.stream().filter(e -> e instanceof RpcCall).count()).isEqualTo(501);
    }

    @Test
    void contentDetectorKnowsABindFromOtherBytes() {
        byte[] b = bind(1, SVCCTL);
        assertThat(DceRpcDetect.looksLikeDceRpc(b, 0, b.length, true)).isTrue();
        assertThat(DceRpcDetect.looksLikeDceRpc(b, 0, b.length, false)).isFalse();
        assertThat(DceRpcDetect.looksLikeDceRpc("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(), 0, 24, true)).isFalse();
        byte[] ack = bindAck(1, 0);
        assertThat(DceRpcDetect.looksLikeDceRpc(ack, 0, ack.length, false)).isTrue();
    }
}
