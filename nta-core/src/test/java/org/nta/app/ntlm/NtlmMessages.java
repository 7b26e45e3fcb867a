package org.nta.app.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds NTLMSSP messages for tests (the [MS-NLMP] 4.2 examples, and variants). */
public final class NtlmMessages {
    private NtlmMessages() {}

    public static final byte[] SERVER_CHALLENGE = hex("0123456789abcdef");
    /** [MS-NLMP] 4.2.4.2.2's temp: the NTLMv2 blob (client challenge aa…, time 0, AV pairs Domain and Server). */
    public static final byte[] V2_BLOB = hex("01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000"
            + "02000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000");
    public static final String V2_PROOF = "68cd0ab851e51c96aabc927bebef6a1c";
    public static final byte[] V2_LM = hex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
    /** [MS-NLMP] 4.2.2.2.1: NTLMv1 NtChallengeResponse for password "Password" and the challenge above. */
    public static final byte[] V1_NT = hex("67c43011f30298a2ad35ece64f16331c44bdbed927841f94");
    public static final long V2_FLAGS = 0xe28a8233L;

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** A CHALLENGE with target name "Domain", the AV pairs Domain/Server, and version 6.0.6000 rev 15. */
    public static byte[] challenge(byte[] serverChallenge, long flags) {
        byte[] target = utf16("Domain");
        byte[] info = hex("02000c0044006f006d00610069006e0001000c00530065007200760065007200" + "00000000");
        int payload = 56;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("NTLMSSP\0".getBytes(StandardCharsets.ISO_8859_1));
        le32(o, 2);
        field(o, target.length, payload);
        le32(o, flags);
        o.writeBytes(serverChallenge);
        o.writeBytes(new byte[8]);
        field(o, info.length, payload + target.length);
        o.writeBytes(hex("060070170000000f"));
        o.writeBytes(target);
        o.writeBytes(info);
        return o.toByteArray();
    }

    /** An AUTHENTICATE with these responses and names (Unicode when the flag says so), version 5.1.2600 rev 15. */
    public static byte[] authenticate(byte[] lm, byte[] nt, String domain, String user, String ws, long flags) {
        boolean u = (flags & Ntlmssp.NEGOTIATE_UNICODE) != 0;
        byte[] d = enc(domain, u), us = enc(user, u), w = enc(ws, u);
        int p = 72;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("NTLMSSP\0".getBytes(StandardCharsets.ISO_8859_1));
        le32(o, 3);
        field(o, lm.length, p);
        field(o, nt.length, p + lm.length);
        field(o, d.length, p + lm.length + nt.length);
        field(o, us.length, p + lm.length + nt.length + d.length);
        field(o, w.length, p + lm.length + nt.length + d.length + us.length);
        field(o, 0, p + lm.length + nt.length + d.length + us.length + w.length);
        le32(o, flags);
        o.writeBytes(hex("0501280a0000000f"));
        o.writeBytes(lm);
        o.writeBytes(nt);
        o.writeBytes(d);
        o.writeBytes(us);
        o.writeBytes(w);
        return o.toByteArray();
    }

    /** A NEGOTIATE with no names and a version (10.0.19041). */
    public static byte[] negotiate(long flags) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("NTLMSSP\0".getBytes(StandardCharsets.ISO_8859_1));
        le32(o, 1);
        le32(o, flags);
        field(o, 0, 40);
        field(o, 0, 40);
        o.writeBytes(hex("0a00614a0000000f"));
        return o.toByteArray();
    }

    /** The MS-NLMP NTLMv2 example's AUTHENTICATE: User / Domain / COMPUTER with the 4.2.4 responses. */
    public static byte[] v2Authenticate() {
        byte[] nt = concat(hex(V2_PROOF), V2_BLOB);
        return authenticate(V2_LM, nt, "Domain", "User", "COMPUTER", V2_FLAGS);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] enc(String s, boolean unicode) {
        return s.getBytes(unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    private static void field(ByteArrayOutputStream o, int len, int off) {
        o.write(len);
        o.write(len >> 8);
        o.write(len);
        o.write(len >> 8);
        le32(o, off);
    }

    private static void le32(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 4; i++) o.write((int) (v >>> (8 * i)));
    }
}
