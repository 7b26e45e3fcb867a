package org.nta.app.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.app.dcerpc.RpcBytes.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.app.smb.WinRun;
import org.nta.event.RpcCall;
import org.nta.testing.TcpCapture;

/**
 * DCE/RPC over TCP picked up mid-stream between two high ports, the server's answer captured first: the content tells
 * the roles apart (a response comes from the server), so the next call is read with the right client; without the
 * bind the interface stays unknown and its arguments unread.
 */
class DceRpcMidStreamTest {
    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void rolesComeFromTheContent(@TempDir Path dir) {
        TcpCapture cap = new TcpCapture();
        cap.conn("10.0.0.66", 49700, "10.0.0.10", 49153, false)
                .s2c(s(response(1, 0, new W().handle(1).u32(0).bytes(), 0)))
                .c2s(s(request(2, 0, 12, createServiceStub("X", "c:\\x.exe"), 4000, 0)))
                .s2c(s(response(2, 0, createServiceResponse(0), 0)));
        List<RpcCall> calls = WinRun.run(cap.write(dir, "mid.pcap")).of(RpcCall.class);
        RpcCall c = calls.stream().filter(x -> x.callId() == 2).findFirst().orElseThrow();
        assertThat(c.conn().clientAddr()).isEqualTo("10.0.0.66");
        assertThat(c.carrier()).isEqualTo("tcp");
        assertThat(c.opnum()).isEqualTo(12);
        assertThat(c.args()).isEmpty(); // without the bind the interface is unknown: opnum 12 is not guessed to be svcctl
        assertThat(c.interfaceName()).isNull();
    }
}
