package org.nta.app.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds DNS messages byte by byte for tests, including ones no sane encoder would write. */
final class Msg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Msg header(int id, int flags, int qd, int an, int ns, int ar) {
        return new Msg().u16(id).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
    }

    Msg u8(int v) {
        out.write(v);
        return this;
    }

    Msg u16(int v) {
        return u8(v >> 8).u8(v & 0xff);
    }

    Msg u32(long v) {
        return u16((int) (v >>> 16) & 0xffff).u16((int) v & 0xffff);
    }

    Msg bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** Uncompressed labels and the terminating zero; "" or "." is the root. */
    Msg name(String dotted) {
        if (!dotted.isEmpty() && !dotted.equals(".")) {
            for (String l : dotted.split("\\.")) label(l);
        }
        return u8(0);
    }

    Msg label(String l) {
        byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
        return u8(b.length).bytes(b);
    }

    Msg pointer(int offset) {
        return u16(0xc000 | offset);
    }

    Msg question(int type, int cls) {
        return u16(type).u16(cls);
    }

    /** TYPE, CLASS, TTL and RDLENGTH; RDATA follows. */
    Msg rr(int type, int cls, long ttl, int rdLen) {
        return u16(type).u16(cls).u32(ttl).u16(rdLen);
    }

    int size() {
        return out.size();
    }

    byte[] build() {
        return out.toByteArray();
    }
}
