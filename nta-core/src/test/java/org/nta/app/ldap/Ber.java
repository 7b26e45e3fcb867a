package org.nta.app.ldap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tiny BER encoder for building test messages. */
final class Ber {
    private Ber() {}

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.writeBytes(p);
        byte[] v = body.toByteArray();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag);
        int n = v.length;
        if (n < 128) {
            o.write(n);
        } else if (n < 256) {
            o.write(0x81);
            o.write(n);
        } else if (n < 65536) {
            o.write(0x82);
            o.write(n >> 8);
            o.write(n);
        } else {
            o.write(0x83);
            o.write(n >> 16);
            o.write(n >> 8);
            o.write(n);
        }
        o.writeBytes(v);
        return o.toByteArray();
    }

    static byte[] str(int tag, String s) {
        return tlv(tag, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] octets(String s) {
        return str(0x04, s);
    }

    static byte[] integer(int v) {
        if (v >= -128 && v < 128) return tlv(0x02, new byte[]{(byte) v});
        return tlv(0x02, new byte[]{(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    static byte[] enumerated(int v) {
        return tlv(0x0a, new byte[]{(byte) v});
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    /** An LDAPMessage with this id and operation. */
    static byte[] message(int id, byte[] op) {
        return tlv(0x30, integer(id), op);
    }

    static byte[] simpleBind(int id, String dn, String password) {
        return message(id, tlv(0x60, integer(3), octets(dn), str(0x80, password)));
    }

    static byte[] saslBind(int id, String mech, byte[] creds) {
        byte[] sasl = creds == null ? tlv(0xa3, octets(mech)) : tlv(0xa3, octets(mech), tlv(0x04, creds));
        return message(id, tlv(0x60, integer(3), octets(""), sasl));
    }

    static byte[] bindResponse(int id, int code, String diag, byte[] serverSaslCreds) {
        byte[] r = concat(enumerated(code), octets(""), octets(diag));
        if (serverSaslCreds != null) r = concat(r, tlv(0x87, serverSaslCreds));
        return message(id, tlv(0x61, r));
    }

    static byte[] search(int id, String base, byte[] filter) {
        return message(id, tlv(0x63, octets(base), enumerated(2), enumerated(0), integer(0), integer(0),
                tlv(0x01, new byte[]{0}), filter, tlv(0x30, octets("cn"))));
    }
}
