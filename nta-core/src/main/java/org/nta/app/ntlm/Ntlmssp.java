package org.nta.app.ntlm;

import org.nta.bytes.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.nta.app.ntlm.NtlmException.Problem.*;

/**
 * Parses NTLMSSP messages ([MS-NLMP] 2.2) from a byte slice, wherever they are carried (an HTTP header, an SMB or
 * LDAP security blob, SPNEGO). Every offset and length is checked against the slice; strings are decoded as UTF-16LE
 * or OEM (ISO-8859-1) per the UNICODE flag. The returned records hold copies, so the buffer may be reused.
 */
public final class Ntlmssp {
    private Ntlmssp() {}

    public static final int NEGOTIATE = 1;
    public static final int CHALLENGE = 2;
    public static final int AUTHENTICATE = 3;

    public static final long NEGOTIATE_UNICODE = 0x00000001L;
    public static final long NEGOTIATE_OEM = 0x00000002L;
    public static final long REQUEST_TARGET = 0x00000004L;
    public static final long NEGOTIATE_NTLM = 0x00000200L;
    public static final long NEGOTIATE_ANONYMOUS = 0x00000800L;
    public static final long NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000L;
    public static final long NEGOTIATE_TARGET_INFO = 0x00800000L;
    public static final long NEGOTIATE_VERSION = 0x02000000L;

    private static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};

    /** Index of the {@code NTLMSSP\0} signature in {@code b[from, to)}, or -1 (for finding it inside SPNEGO). */
    public static int find(byte[] b, int from, int to) {
        return Bytes.indexOf(b, from, to, SIGNATURE);
    }

    /** Whether {@code b[off, off+len)} starts with the signature. */
    public static boolean startsWithSignature(byte[] b, int off, int len) {
        if (len < 8) return false;
        for (int i = 0; i < 8; i++) if (b[off + i] != SIGNATURE[i]) return false;
        return true;
    }

    /** The message type at {@code b[off]} (after checking the signature), or 0 when there is none. */
    public static int messageType(byte[] b, int off, int len) {
        if (len < 12 || !startsWithSignature(b, off, len)) return 0;
        return Bytes.i32le(b, off + 8);
    }

    /** Parses the message in {@code b[off, off+len)}; the slice is the whole message (trailing bytes are allowed). */
    public static NtlmMessage parse(byte[] b, int off, int len) throws NtlmException {
        if (off < 0 || len < 0 || off + len > b.length) throw new IllegalArgumentException("slice outside buffer");
        if (len < 12) throw new NtlmException(TRUNCATED);
        if (!startsWithSignature(b, off, len)) throw new NtlmException(BAD_SIGNATURE);
        int type = Bytes.i32le(b, off + 8);
        return switch (type) {
            case NEGOTIATE -> negotiate(b, off, len);
            case CHALLENGE -> challenge(b, off, len);
            case AUTHENTICATE -> authenticate(b, off, len);
            default -> throw new NtlmException(UNKNOWN_TYPE);
        };
    }

    /** Parses the whole of {@code b}. */
    public static NtlmMessage parse(byte[] b) throws NtlmException {
        return parse(b, 0, b.length);
    }

    private static NtlmNegotiate negotiate(byte[] b, int off, int len) throws NtlmException {
        if (len < 16) throw new NtlmException(TRUNCATED);
        long flags = Bytes.u32lle(b, off + 12);
        String domain = "", workstation = "";
        int payloadStart = len;
        if (len >= 32) {
            Field d = field(b, off, len, 16), w = field(b, off, len, 24);
            domain = d.oem(b, off);
            workstation = w.oem(b, off);
            payloadStart = Math.min(d.startOr(len), w.startOr(len));
        }
        NtlmVersion v = version(b, off, len, 32, flags, payloadStart);
        return new NtlmNegotiate(flags, domain, workstation, v);
    }

    private static NtlmChallenge challenge(byte[] b, int off, int len) throws NtlmException {
        if (len < 32) throw new NtlmException(TRUNCATED);
        Field target = field(b, off, len, 12);
        long flags = Bytes.u32lle(b, off + 20);
        byte[] challenge = Arrays.copyOfRange(b, off + 24, off + 32);
        boolean unicode = (flags & NEGOTIATE_UNICODE) != 0;
        String targetName = target.len == 0 ? null : target.string(b, off, unicode);
        int payloadStart = target.startOr(len);
        String nbComputer = null, nbDomain = null, dnsComputer = null, dnsDomain = null;
        if (len >= 48) {
            Field info = field(b, off, len, 40);
            payloadStart = Math.min(payloadStart, info.startOr(len));
            int p = off + info.off, end = p + info.len;
            while (p + 4 <= end) {
                int id = Bytes.u16le(b, p), n = Bytes.u16le(b, p + 2);
                if (id == 0 || p + 4 + n > end) break; // MsvAvEOL, or a pair that overruns its list
                String s = new String(b, p + 4, n & ~1, StandardCharsets.UTF_16LE);
                switch (id) {
                    case 1 -> nbComputer = s;
                    case 2 -> nbDomain = s;
                    case 3 -> dnsComputer = s;
                    case 4 -> dnsDomain = s;
                    default -> { }
                }
                p += 4 + n;
            }
        }
        NtlmVersion v = version(b, off, len, 48, flags, payloadStart);
        return new NtlmChallenge(flags, challenge, targetName, v, nbComputer, nbDomain, dnsComputer, dnsDomain);
    }

    private static NtlmAuthenticate authenticate(byte[] b, int off, int len) throws NtlmException {
        if (len < 52) throw new NtlmException(TRUNCATED);
        Field lm = field(b, off, len, 12), nt = field(b, off, len, 20), dom = field(b, off, len, 28),
                user = field(b, off, len, 36), ws = field(b, off, len, 44);
        int payloadStart = Math.min(Math.min(lm.startOr(len), nt.startOr(len)),
                Math.min(dom.startOr(len), Math.min(user.startOr(len), ws.startOr(len))));
        long flags = 0;
        if (len >= 64 && payloadStart >= 64) {
            Field key = field(b, off, len, 52);
            payloadStart = Math.min(payloadStart, key.startOr(len));
            flags = Bytes.u32lle(b, off + 60);
        }
        boolean unicode = flags == 0 ? looksUnicode(b, off, user) : (flags & NEGOTIATE_UNICODE) != 0;
        NtlmVersion v = version(b, off, len, 64, flags, payloadStart);
        return new NtlmAuthenticate(flags, lm.copy(b, off), nt.copy(b, off), dom.string(b, off, unicode),
                user.string(b, off, unicode), ws.string(b, off, unicode), v);
    }

    /** Without flags (an old message), a user name whose every other byte is zero is taken as UTF-16LE. */
    private static boolean looksUnicode(byte[] b, int off, Field f) {
        if (f.len < 2 || (f.len & 1) != 0) return false;
        for (int i = 1; i < f.len; i += 2) if (b[off + f.off + i] != 0) return false;
        return true;
    }

    /** The VERSION at {@code at} when the flag says so and the payload does not start before its end. */
    private static NtlmVersion version(byte[] b, int off, int len, int at, long flags, int payloadStart) {
        if ((flags & NEGOTIATE_VERSION) == 0 || len < at + 8 || payloadStart < at + 8) return null;
        int p = off + at;
        return new NtlmVersion(b[p] & 0xff, b[p + 1] & 0xff, Bytes.u16le(b, p + 2), b[p + 7] & 0xff);
    }

    /** A security buffer ({@code len u16, maxLen u16, offset u32}) checked against the message. */
    private static Field field(byte[] b, int off, int len, int at) throws NtlmException {
        int n = Bytes.u16le(b, off + at);
        long o = Bytes.u32lle(b, off + at + 4);
        if (n == 0) return new Field(0, 0);
        if (o + n > len) throw new NtlmException(FIELD_OUT_OF_BOUNDS);
        return new Field((int) o, n);
    }

    private record Field(int off, int len) {
        int startOr(int dflt) {
            return len == 0 ? dflt : off;
        }

        String string(byte[] b, int base, boolean unicode) {
            if (len == 0) return "";
            return unicode ? new String(b, base + off, len & ~1, StandardCharsets.UTF_16LE) : oem(b, base);
        }

        String oem(byte[] b, int base) {
            return len == 0 ? "" : new String(b, base + off, len, StandardCharsets.ISO_8859_1);
        }

        byte[] copy(byte[] b, int base) {
            return Arrays.copyOfRange(b, base + off, base + off + len);
        }
    }
}
