package org.nta.app.dns;

import org.nta.app.WireText;

/**
 * Reads one possibly compressed domain name (RFC 1035 4.1.4) with bounded work: at most
 * {@link DnsConfig#maxPointerHops()} pointers, no pointer target visited twice, at most 255 octets of name, labels
 * of the 0b00 kind only. Problems are recorded as {@link Problems} bits for the caller to count once per message.
 * One instance per decoder, reused for every name.
 */
final class NameReader {
    static final String ROOT = "<Root>";
    static final String LOOP = "<Name contains a pointer that loops>";
    static final String TOO_LONG = "<Name too long>";
    /** A name is at most 255 octets on the wire (RFC 1035 2.3.4), terminating zero included. */
    private static final int MAX_WIRE = 255;

    private final int maxHops;
    private final int[] targets;
    private final byte[] buf = new byte[MAX_WIRE];

    private byte[] msg;
    private int base, end;
    /** Problems met so far in the current message. */
    int problems;
    /** The last name read. */
    String text = "";

    NameReader(int maxHops) {
        this.maxHops = maxHops;
        this.targets = new int[maxHops];
    }

    /** Starts a message: msg[base, end). Pointers are offsets from base. */
    void reset(byte[] msg, int base, int end) {
        this.msg = msg;
        this.base = base;
        this.end = end;
        this.problems = 0;
    }

    /**
     * Reads the name starting at {@code pos} into {@link #text}.
     *
     * @return the position just after the name where it starts (after its first pointer, if any), or -1 when the
     * name cannot be delimited (cut short, a pointer outside the message, an unknown label kind): the message cannot
     * be read further
     */
    int read(int pos) {
        int p = pos, after = -1, hops = 0, outLen = 0, wire = 0;
        boolean tooLong = false, loop = false;
        while (true) {
            if (p >= end) return fail();
            int c = msg[p] & 0xff;
            if (c == 0) {
                p++;
                break;
            }
            int kind = c & 0xc0;
            if (kind == 0xc0) {
                if (p + 1 >= end) return fail();
                if (after < 0) after = p + 2;
                if (tooLong) break; // the rest cannot be shown, and where the name ends is known
                int target = base + (((c & 0x3f) << 8) | (msg[p + 1] & 0xff));
                if (target >= end) return fail();
                if (target >= p) problems |= Problems.FORWARD_POINTER;
                if (visited(target, hops)) {
                    problems |= Problems.LOOP;
                    loop = true;
                    break;
                }
                if (hops == maxHops) {
                    problems |= Problems.POINTER_LIMIT;
                    loop = true;
                    break;
                }
                targets[hops++] = target;
                p = target;
                continue;
            }
            if (kind != 0) return fail(); // 0x40 extended and 0x80 reserved label kinds: length over 63
            if (p + 1 + c > end) return fail();
            if (!tooLong) {
                wire += c + 1;
                if (wire >= MAX_WIRE) {
                    tooLong = true;
                    problems |= Problems.TOO_LONG;
                    if (after >= 0) break;
                } else {
                    if (outLen > 0) buf[outLen++] = '.';
                    System.arraycopy(msg, p + 1, buf, outLen, c);
                    outLen += c;
                }
            }
            p += 1 + c;
        }
        if (after < 0) after = p;
        if (loop) text = LOOP;
        else if (tooLong) text = TOO_LONG;
        else if (outLen == 0) text = ROOT;
        else text = WireText.format(buf, 0, outLen);
        return after;
    }

    private boolean visited(int target, int hops) {
        for (int i = 0; i < hops; i++) if (targets[i] == target) return true;
        return false;
    }

    private int fail() {
        problems |= Problems.MALFORMED;
        text = "";
        return -1;
    }
}
