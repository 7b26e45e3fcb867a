package org.nta.testing;

import java.io.ByteArrayOutputStream;

/** Builds byte arrays for tests: big- and little-endian integers, concatenation. */
public final class Bytes2 {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bytes2 u8(int v) {
        out.write(v);
        return this;
    }

    public Bytes2 u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public Bytes2 u32(long v) {
        u16((int) (v >>> 16));
        return u16((int) v);
    }

    public Bytes2 u16le(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    public Bytes2 u32le(long v) {
        u16le((int) v);
        return u16le((int) (v >>> 16));
    }

    public Bytes2 u64le(long v) {
        u32le(v);
        return u32le(v >>> 32);
    }

    public Bytes2 bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public Bytes2 ascii(String s) {
        return bytes(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    public Bytes2 zeros(int n) {
        return bytes(new byte[n]);
    }

    public Bytes2 pad4() {
        while (out.size() % 4 != 0) out.write(0);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] build() {
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        Bytes2 b = new Bytes2();
        for (byte[] p : parts) b.bytes(p);
        return b.build();
    }

    public static byte[] hex(String h) {
        String s = h.replaceAll("[^0-9a-fA-F]", "");
        byte[] r = new byte[s.length() / 2];
        for (int i = 0; i < r.length; i++) r[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return r;
    }
}
