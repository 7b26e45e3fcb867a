package org.nta.app.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds TLS hellos and records for tests. */
final class Hello {
    private Hello() {}

    static byte[] u16s(int lengthBytes, int... values) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int len = values.length * 2;
        if (lengthBytes == 2) o.write(len >> 8);
        o.write(len);
        for (int v : values) {
            o.write(v >> 8);
            o.write(v);
        }
        return o.toByteArray();
    }

    static byte[] ext(int type, byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(type >> 8);
        o.write(type);
        o.write(data.length >> 8);
        o.write(data.length);
        o.writeBytes(data);
        return o.toByteArray();
    }

    static byte[] sni(String host) {
        byte[] h = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int list = 3 + h.length;
        o.write(list >> 8);
        o.write(list);
        o.write(0);
        o.write(h.length >> 8);
        o.write(h.length);
        o.writeBytes(h);
        return ext(0, o.toByteArray());
    }

    static byte[] alpn(byte[]... protos) {
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        for (byte[] p : protos) {
            l.write(p.length);
            l.writeBytes(p);
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(l.size() >> 8);
        o.write(l.size());
        o.writeBytes(l.toByteArray());
        return ext(16, o.toByteArray());
    }

    static byte[] alpn(String... protos) {
        byte[][] b = new byte[protos.length][];
        for (int i = 0; i < protos.length; i++) b[i] = protos[i].getBytes(StandardCharsets.US_ASCII);
        return alpn(b);
    }

    /** supported_versions as a client sends it (1-byte length). */
    static byte[] versions(int... v) {
        return ext(43, u16s(1, v));
    }

    static byte[] groups(int... g) {
        return ext(10, u16s(2, g));
    }

    static byte[] sigAlgs(int... s) {
        return ext(13, u16s(2, s));
    }

    static byte[] pointFormats(int... f) {
        byte[] d = new byte[f.length + 1];
        d[0] = (byte) f.length;
        for (int i = 0; i < f.length; i++) d[i + 1] = (byte) f[i];
        return ext(11, d);
    }

    /** A ClientHello handshake message (type, 24-bit length, body). Extensions null means no extensions block. */
    static byte[] clientHello(int version, List<Integer> ciphers, List<byte[]> extensions) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(version >> 8);
        b.write(version);
        b.writeBytes(new byte[32]);
        b.write(0); // session id
        int[] cs = ciphers.stream().mapToInt(Integer::intValue).toArray();
        b.writeBytes(u16s(2, cs));
        b.write(1);
        b.write(0); // null compression
        if (extensions != null) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            for (byte[] x : extensions) e.writeBytes(x);
            b.write(e.size() >> 8);
            b.write(e.size());
            b.writeBytes(e.toByteArray());
        }
        return handshake(1, b.toByteArray());
    }

    static byte[] serverHello(int version, int cipher, List<byte[]> extensions) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(version >> 8);
        b.write(version);
        b.writeBytes(new byte[32]);
        b.write(0);
        b.write(cipher >> 8);
        b.write(cipher);
        b.write(0);
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        for (byte[] x : extensions) e.writeBytes(x);
        b.write(e.size() >> 8);
        b.write(e.size());
        b.writeBytes(e.toByteArray());
        return handshake(2, b.toByteArray());
    }

    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(type);
        o.write(body.length >> 16);
        o.write(body.length >> 8);
        o.write(body.length);
        o.writeBytes(body);
        return o.toByteArray();
    }

    /** Wraps bytes in records of at most {@code max} bytes each. */
    static byte[] records(int type, int version, byte[] payload, int max) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int p = 0; p < payload.length; p += max) {
            int n = Math.min(max, payload.length - p);
            o.write(type);
            o.write(version >> 8);
            o.write(version);
            o.write(n >> 8);
            o.write(n);
            o.write(payload, p, n);
        }
        return o.toByteArray();
    }

    static byte[] record(int type, int version, byte[] payload) {
        return records(type, version, payload, Math.max(1, payload.length));
    }
}
