package org.nta.app.smb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds SMB2 messages for tests ([MS-SMB2] 2.2 layouts), each field where the specification puts it. */
final class Smb2Bytes {
    private Smb2Bytes() {}

    static final long SESSION = 0x1122334455L;
    static final int TREE = 7;
    static final int RELATED = 4;

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A 64-byte header followed by the body. */
    static byte[] msg(int cmd, boolean response, int flags, long msgId, long status, byte[] body) {
        ByteBuffer b = le(64 + body.length);
        b.put((byte) 0xfe).put((byte) 'S').put((byte) 'M').put((byte) 'B');
        b.putShort((short) 64).putShort((short) 1).putInt((int) status).putShort((short) cmd).putShort((short) 1);
        b.putInt(flags | (response ? 1 : 0)).putInt(0).putLong(msgId).putInt(0).putInt(TREE).putLong(SESSION);
        b.put(new byte[16]);
        b.put(body);
        return b.array();
    }

    /** Messages chained with NextCommand (each padded to 8 bytes but the last). */
    static byte[] compound(byte[]... msgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < msgs.length; i++) {
            byte[] m = msgs[i];
            int len = i == msgs.length - 1 ? m.length : (m.length + 7) & ~7;
            byte[] copy = java.util.Arrays.copyOf(m, len);
            if (i < msgs.length - 1) ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(20, len);
            out.writeBytes(copy);
        }
        return out.toByteArray();
    }

    static byte[] nbss(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.putInt(payload.length);
        b.put(payload);
        return b.array();
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    static byte[] fid(int n) {
        byte[] f = new byte[16];
        f[0] = (byte) n;
        f[8] = (byte) (n + 100);
        return f;
    }

    static byte[] allOnes() {
        byte[] f = new byte[16];
        java.util.Arrays.fill(f, (byte) 0xff);
        return f;
    }

    static byte[] treeConnectRequest(long id, String path) {
        byte[] p = utf16(path);
        ByteBuffer b = le(8 + p.length);
        b.putShort((short) 9).putShort((short) 0).putShort((short) (64 + 8)).putShort((short) p.length).put(p);
        return msg(3, false, 0, id, 0, b.array());
    }

    static byte[] treeConnectResponse(long id) {
        ByteBuffer b = le(16);
        b.putShort((short) 16).put((byte) 1);
        return msg(3, true, 0, id, 0, b.array());
    }

    static byte[] createRequest(long id, int flags, String name, int disposition) {
        byte[] n = utf16(name);
        ByteBuffer b = le(56 + Math.max(n.length, 1));
        b.putShort((short) 57);
        b.position(36);
        b.putInt(disposition);
        b.putInt(0);
        b.putShort((short) (64 + 56)).putShort((short) n.length);
        b.position(56);
        b.put(n);
        return msg(5, false, flags, id, 0, b.array());
    }

    static byte[] createResponse(long id, int flags, byte[] fid, int action) {
        ByteBuffer b = le(88);
        b.putShort((short) 89).put((byte) 0).put((byte) 0).putInt(action);
        b.position(64);
        b.put(fid);
        return msg(5, true, flags, id, 0, b.array());
    }

    static byte[] writeRequest(long id, int flags, byte[] fid, long offset, byte[] data) {
        ByteBuffer b = le(48 + data.length);
        b.putShort((short) 49).putShort((short) (64 + 48)).putInt(data.length).putLong(offset).put(fid);
        b.position(48);
        b.put(data);
        return msg(9, false, flags, id, 0, b.array());
    }

    static byte[] writeResponse(long id, int flags, int count) {
        ByteBuffer b = le(16);
        b.putShort((short) 17).putShort((short) 0).putInt(count);
        return msg(9, true, flags, id, 0, b.array());
    }

    static byte[] readRequest(long id, int flags, byte[] fid, long offset, int length) {
        ByteBuffer b = le(48);
        b.putShort((short) 49).put((byte) 0).put((byte) 0).putInt(length).putLong(offset).put(fid);
        return msg(8, false, flags, id, 0, b.array());
    }

    static byte[] readResponse(long id, int flags, byte[] data) {
        ByteBuffer b = le(16 + data.length);
        b.putShort((short) 17).put((byte) (64 + 16)).put((byte) 0).putInt(data.length);
        b.position(16);
        b.put(data);
        return msg(8, true, flags, id, 0, b.array());
    }

    static byte[] closeRequest(long id, int flags, byte[] fid) {
        ByteBuffer b = le(24);
        b.putShort((short) 24).putShort((short) 0).putInt(0).put(fid);
        return msg(6, false, flags, id, 0, b.array());
    }

    static byte[] closeResponse(long id, int flags) {
        ByteBuffer b = le(60);
        b.putShort((short) 60);
        return msg(6, true, flags, id, 0, b.array());
    }
}
