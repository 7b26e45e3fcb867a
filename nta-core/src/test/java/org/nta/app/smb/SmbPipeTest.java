package org.nta.app.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.app.smb.Smb2Bytes.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.app.dcerpc.RpcBytes;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.DceRpcPdu;
import org.nta.event.Event;
import org.nta.event.RpcCall;

/**
 * DCE/RPC over an SMB2 named pipe: a bind written (WRITE) and its ack read (READ), then a CreateServiceW sent with
 * IOCTL FSCTL_PIPE_TRANSCEIVE and answered in the IOCTL's output, cut at every point of the client's stream. A pipe
 * outside IPC$ is a file, never read as DCE/RPC.
 */
class SmbPipeTest {
    static final String CMD = "%COMSPEC% /Q /c echo whoami ^> \\\\127.0.0.1\\C$\\__output 2^>^&1";

    static byte[] ioctlRequest(long id, byte[] fid, byte[] in) {
        ByteBuffer b = le(56 + in.length);
        b.putShort((short) 57).putShort((short) 0).putInt(0x0011c017).put(fid).putInt(64 + 56).putInt(in.length)
                .putInt(0).putInt(0).putInt(0).putInt(4280).putInt(1).putInt(0).put(in);
        return msg(11, false, 0, id, 0, b.array());
    }

    static byte[] ioctlResponse(long id, byte[] fid, byte[] out) {
        ByteBuffer b = le(48 + out.length);
        b.putShort((short) 49).putShort((short) 0).putInt(0x0011c017).put(fid).putInt(64 + 48).putInt(0)
                .putInt(64 + 48).putInt(out.length).putInt(0).putInt(0).put(out);
        return msg(11, true, 0, id, 0, b.array());
    }

    static List<byte[][]> exchange(String share) {
        byte[] stub = RpcBytes.createServiceStub("BTOBTO", CMD);
        return List.of(
                new byte[][] {nbss(treeConnectRequest(1, "\\\\srv\\" + share)), nbss(treeConnectResponse(1))},
                new byte[][] {nbss(createRequest(2, 0, "svcctl", 1)), nbss(createResponse(2, 0, fid(3), 1))},
                new byte[][] {nbss(writeRequest(3, 0, fid(3), 0, RpcBytes.bind(1, RpcBytes.SVCCTL))), nbss(writeResponse(3, 0, 72))},
                new byte[][] {nbss(readRequest(4, 0, fid(3), 0, 4280)), nbss(readResponse(4, 0, RpcBytes.bindAck(1, 0)))},
                new byte[][] {nbss(ioctlRequest(5, fid(3), RpcBytes.request(2, 0, 12, stub, 4000, 0))),
                        nbss(ioctlResponse(5, fid(3), RpcBytes.response(2, 0, RpcBytes.createServiceResponse(0), 0)))},
                new byte[][] {nbss(closeRequest(6, 0, fid(3))), nbss(closeResponse(6, 0))});
    }

    static List<Event> feed(List<byte[][]> ex, int cut) {
        List<Event> out = new ArrayList<>();
        SmbHandler h = new SmbHandler(SmbHandlerTest.CONN, SmbConfig.DEFAULTS, new AnomalyCounter(), out::add);
        int pos = 0;
        long frame = 1;
        for (byte[][] p : ex) {
            int c = cut - pos;
            if (c > 0 && c < p[0].length) {
                h.onData(true, p[0], 0, c, frame++, 0);
                h.onData(true, p[0], c, p[0].length - c, frame++, 0);
            } else {
                h.onData(true, p[0], 0, p[0].length, frame++, 0);
            }
            h.onData(false, p[1], 0, p[1].length, frame++, 0);
            pos += p[0].length;
        }
        h.onClose(frame, 0);
        return out;
    }

    static String calls(List<Event> events) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            if (e instanceof RpcCall c) sb.append(c.carrier()).append(' ').append(c.operation()).append(' ').append(c.args()).append(' ').append(c.status()).append('\n');
            if (e instanceof DceRpcPdu p) sb.append(p.ptype()).append(' ');
        }
        return sb.toString();
    }

    @Test
    void pipeCallsOverWriteReadAndTransceive() {
        List<Event> ev = feed(exchange("IPC$"), 0);
        List<RpcCall> calls = ev.stream().filter(e -> e instanceof RpcCall).map(e -> (RpcCall) e).toList();
        assertThat(calls).hasSize(1);
        RpcCall c = calls.get(0);
        assertThat(c.carrier()).isEqualTo("smb-pipe svcctl");
        assertThat(c.interfaceName()).isEqualTo("svcctl");
        assertThat(c.operation()).isEqualTo("CreateServiceW");
        assertThat(c.args()).containsEntry("binary_path", CMD);
        assertThat(c.succeeded()).isTrue();
        assertThat(ev.stream().filter(e -> e instanceof DceRpcPdu).map(e -> ((DceRpcPdu) e).ptype())).containsExactly(11, 12, 0, 2);
    }

    @Test
    void everyClientSplitPointGivesTheSameCall() {
        String whole = calls(feed(exchange("IPC$"), 0));
        int len = 0;
        for (byte[][] p : exchange("IPC$")) len += p[0].length;
        for (int cut = 1; cut < len; cut++) assertThat(calls(feed(exchange("IPC$"), cut))).as("cut %d", cut).isEqualTo(whole);
    }

    @Test
    void aPipeOpenedBeforeTheCaptureIsFollowedFromItsFirstBind() {
        List<Event> ev = feed(exchange("IPC$").subList(2, 6), 0); // no tree connect, no CREATE
        List<RpcCall> calls = ev.stream().filter(e -> e instanceof RpcCall).map(e -> (RpcCall) e).toList();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).carrier()).startsWith("smb-pipe fid ");
        assertThat(calls.get(0).args()).containsEntry("binary_path", CMD);
    }

    @Test
    void aFileOnAnotherShareIsNotAPipe() {
        assertThat(feed(exchange("dept"), 0)).noneMatch(e -> e instanceof RpcCall || e instanceof DceRpcPdu);
    }
}
