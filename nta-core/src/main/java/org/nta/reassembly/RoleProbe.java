package org.nta.reassembly;

/**
 * Tells the client from the server by content on a connection picked up without its handshake: the first line,
 * within each side's first {@code limit} bytes, that the {@link Opener} recognises decides (a side opening a request
 * is the client, a side opening an answer the server). Lines are judged on their first {@link #LINE} bytes, after
 * each delivery and when they end; a gap starts a new line.
 */
final class RoleProbe {
    static final int LINE = 64;
    private final Opener opener;
    private final long limit;
    private final byte[][] line = new byte[2][LINE];
    private final int[] lineLen = new int[2];
    private final long[] seen = new long[2];

    RoleProbe(Opener opener, long limit) {
        this.opener = opener;
        this.limit = limit;
    }

    /** Bytes side A ({@code a}) or B delivered: 1 when they show A is the client, -1 when B is, 0 when they tell nothing. */
    int look(boolean a, byte[] b, int off, int len) {
        int s = a ? 0 : 1;
        if (seen[s] >= limit) return 0;
        int n = (int) Math.min(len, limit - seen[s]);
        seen[s] += n;
        byte[] l = line[s];
        int k = lineLen[s];
        for (int i = off, end = off + n; i < end; i++) {
            byte c = b[i];
            if (k < LINE) l[k++] = c;
            if (c == '\n') {
                int who = opener.sender(l, 0, k);
                if (who != Opener.UNKNOWN) return (who == Opener.CLIENT) == a ? 1 : -1;
                k = 0;
            }
        }
        lineLen[s] = k;
        int who = k > 0 ? opener.sender(l, 0, k) : Opener.UNKNOWN;
        return who == Opener.UNKNOWN ? 0 : (who == Opener.CLIENT) == a ? 1 : -1;
    }

    /** Bytes of side A or B were not captured: what follows starts a new line. */
    void gap(boolean a) {
        lineLen[a ? 0 : 1] = 0;
    }

    /** Both sides went past the bytes looked at. */
    boolean exhausted() {
        return seen[0] >= limit && seen[1] >= limit;
    }
}
