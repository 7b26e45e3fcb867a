package org.nta.testing;

/** Hand-built frames for decoder tests (checksums are left zero: NTA, like Wireshark by default, does not check them). */
public final class Packets {
    private Packets() {}

    public static final byte[] MAC_A = Bytes2.hex("08 00 27 00 00 01"), MAC_B = Bytes2.hex("08 00 27 00 00 02");

    public static byte[] eth(int type, byte[] payload) {
        return new Bytes2().bytes(MAC_B).bytes(MAC_A).u16(type).bytes(payload).build();
    }

    public static byte[] vlan(int id, int type, byte[] payload) {
        return new Bytes2().u16(id).u16(type).bytes(payload).build();
    }

    public static byte[] ipv4(String src, String dst, int proto, byte[] payload) {
        return ipv4(src, dst, proto, payload, 1, 0, false, new byte[0]);
    }

    public static byte[] ipv4(String src, String dst, int proto, byte[] payload, int id, int fragOffsetBytes, boolean more, byte[] options) {
        int ihl = 20 + options.length;
        return new Bytes2().u8(0x40 | (ihl / 4)).u8(0).u16(ihl + payload.length).u16(id)
                .u16((more ? 0x2000 : 0) | (fragOffsetBytes / 8)).u8(64).u8(proto).u16(0)
                .bytes(v4(src)).bytes(v4(dst)).bytes(options).bytes(payload).build();
    }

    public static byte[] ipv6(String src, String dst, int next, byte[] payload) {
        return new Bytes2().u32(0x60000000L).u16(payload.length).u8(next).u8(64).bytes(v6(src)).bytes(v6(dst)).bytes(payload).build();
    }

    public static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return new Bytes2().u16(sport).u16(dport).u32(seq).u32(ack).u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0).bytes(payload).build();
    }

    public static byte[] tcpWithOptions(int sport, int dport, long seq, long ack, int flags, byte[] options, byte[] payload) {
        int hl = 20 + options.length;
        return new Bytes2().u16(sport).u16(dport).u32(seq).u32(ack).u8((hl / 4) << 4).u8(flags).u16(65535).u16(0).u16(0)
                .bytes(options).bytes(payload).build();
    }

    public static byte[] udp(int sport, int dport, byte[] payload) {
        return new Bytes2().u16(sport).u16(dport).u16(8 + payload.length).u16(0).bytes(payload).build();
    }

    public static byte[] v4(String a) {
        String[] p = a.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }

    public static byte[] v6(String a) {
        try {
            return java.net.InetAddress.getByName(a).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(a, e);
        }
    }
}
