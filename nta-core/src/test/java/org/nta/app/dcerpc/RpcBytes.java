package org.nta.app.dcerpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds connection-oriented DCE/RPC PDUs (C706 12.6) and NDR stubs, little-endian, for the tests. */
public final class RpcBytes {
    private RpcBytes() {}

    public static final String SVCCTL = DceRpcNames.SVCCTL, NETLOGON = DceRpcNames.NETLOGON;
    static final byte[] NDR = guid("8a885d04-1ceb-11c9-9fe8-08002b104860");

    public static byte[] guid(String s) {
        String h = s.replace("-", "");
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        // first three fields little-endian
        swap(b, 0, 4);
        swap(b, 4, 2);
        swap(b, 6, 2);
        return b;
    }

    private static void swap(byte[] b, int off, int n) {
        for (int i = 0; i < n / 2; i++) {
            byte t = b[off + i];
            b[off + i] = b[off + n - 1 - i];
            b[off + n - 1 - i] = t;
        }
    }

    /** Little-endian writer with NDR alignment from its start. */
    public static final class W {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public W align(int n) {
            while (out.size() % n != 0) out.write(0);
            return this;
        }

        public W u8(int v) {
            out.write(v);
            return this;
        }

        public W u16(int v) {
            align(2);
            out.write(v);
            out.write(v >> 8);
            return this;
        }

        public W u32(long v) {
            align(4);
            for (int i = 0; i < 4; i++) out.write((int) (v >> (8 * i)));
            return this;
        }

        public W raw(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        /** A conformant varying string with its NUL. */
        public W str(String s) {
            byte[] c = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
            u32(c.length / 2).u32(0).u32(c.length / 2);
            return raw(c);
        }

        public W uniqueStr(String s) {
            if (s == null) return u32(0);
            u32(0x20000);
            return str(s);
        }

        public W handle(int id) {
            align(4);
            byte[] h = new byte[20];
            h[0] = (byte) id;
            return raw(h);
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    public static byte[] header(int ptype, int flags, int fragLen, int authLen, long callId) {
        return new W().u8(5).u8(0).u8(ptype).u8(flags).u8(0x10).u8(0).u8(0).u8(0).u16(fragLen).u16(authLen).u32(callId).bytes();
    }

    public static byte[] pdu(int ptype, int flags, long callId, byte[] body, int authLevel) {
        byte[] trailer = new byte[0];
        int authLen = 0;
        if (authLevel > 0) {
            int pad = (4 - (16 + body.length) % 4) % 4;
            W t = new W();
            for (int i = 0; i < pad; i++) t.u8(0);
            t.u8(10).u8(authLevel).u8(pad).u8(0).u32(0).raw(new byte[16]);
            trailer = t.bytes();
            authLen = 16;
        }
        return new W().raw(header(ptype, flags, 16 + body.length + trailer.length, authLen, callId)).raw(body).raw(trailer).bytes();
    }

    public static byte[] bind(long callId, String... uuids) {
        W w = new W().u16(4280).u16(4280).u32(0).u8(uuids.length).u8(0).u16(0);
        for (int i = 0; i < uuids.length; i++) {
            w.u16(i).u8(1).u8(0).raw(guid(uuids[i])).u16(uuids[i].equals(SVCCTL) ? 2 : 1).u16(0).raw(NDR).u32(2);
        }
        return pdu(11, 3, callId, w.bytes(), 0);
    }

    public static byte[] bindAck(long callId, int... results) {
        W w = new W().u16(4280).u16(4280).u32(0x1234).u16(13).raw("\\PIPE\\svcctl\0".getBytes(StandardCharsets.US_ASCII));
        w.align(4).u8(results.length).u8(0).u16(0);
        for (int r : results) w.u16(r).u16(0).raw(NDR).u32(2);
        return pdu(12, 3, callId, w.bytes(), 0);
    }

    /** A request, cut into fragments of at most {@code maxStub} stub bytes. */
    public static byte[] request(long callId, int ctx, int opnum, byte[] stub, int maxStub, int authLevel) {
        List<byte[]> frags = new ArrayList<>();
        for (int off = 0; off == 0 || off < stub.length; off += maxStub) {
            int n = Math.min(maxStub, stub.length - off);
            int flags = (off == 0 ? 1 : 0) | (off + n >= stub.length ? 2 : 0);
            byte[] part = java.util.Arrays.copyOfRange(stub, off, off + n);
            frags.add(pdu(0, flags, callId, new W().u32(stub.length).u16(ctx).u16(opnum).raw(part).bytes(), authLevel));
        }
        W all = new W();
        for (byte[] f : frags) all.raw(f);
        return all.bytes();
    }

    public static byte[] response(long callId, int ctx, byte[] stub, int authLevel) {
        return pdu(2, 3, callId, new W().u32(stub.length).u16(ctx).u8(0).u8(0).raw(stub).bytes(), authLevel);
    }

    public static byte[] fault(long callId, int ctx, long status) {
        return pdu(3, 3, callId, new W().u32(0).u16(ctx).u8(0).u8(0).u32(status).u32(0).bytes(), 0);
    }

    public static byte[] createServiceStub(String name, String path) {
        return new W().handle(1).str(name).uniqueStr(name).u32(0xf01ff).u32(0x10).u32(3).u32(0).str(path)
                .u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).bytes();
    }

    public static byte[] createServiceResponse(long status) {
        return new W().u32(0).handle(7).u32(status).bytes();
    }

    public static byte[] authenticate3Stub(String account, String computer, byte[] credential) {
        return new W().uniqueStr("\\\\DC1").str(account).u16(6).str(computer).raw(credential).u32(0x212fffff).bytes();
    }

    public static byte[] cat(byte[]... parts) {
        W w = new W();
        for (byte[] p : parts) w.raw(p);
        return w.bytes();
    }
}
