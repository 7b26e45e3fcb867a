package org.nta.app.telnet;

/**
 * Removes Telnet commands (RFC 854) from one direction's bytes: {@code IAC WILL/WONT/DO/DONT option}, subnegotiation
 * {@code IAC SB … IAC SE}, two-byte commands ({@code IAC NOP}, {@code IAC AYT} …), and turns {@code IAC IAC} into a
 * data byte 255. A state machine, so a command cut between slices is still removed.
 */
final class IacFilter {
    static final int IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240;

    interface OptionSink {
        void option(String verb, int option);
    }

    private enum State { DATA, IAC, OPTION, SB_OPTION, SB, SB_IAC }

    private State state = State.DATA;
    private int verb;
    /** Bytes of the current subnegotiation skipped; a runaway one is reported once. */
    private long sbBytes;

    /**
     * Writes the data bytes of {@code b[off, off+len)} into {@code out} (from index 0) and returns how many; telnet
     * commands go to {@code sink}.
     */
    int filter(byte[] b, int off, int len, byte[] out, OptionSink sink) {
        int n = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            switch (state) {
                case DATA -> {
                    if (c == IAC) state = State.IAC;
                    else out[n++] = (byte) c;
                }
                case IAC -> {
                    if (c == IAC) {
                        out[n++] = (byte) c;
                        state = State.DATA;
                    } else if (c >= WILL && c <= DONT) {
                        verb = c;
                        state = State.OPTION;
                    } else if (c == SB) {
                        state = State.SB_OPTION;
                    } else {
                        state = State.DATA; // NOP, DM, BRK, IP, AO, AYT, EC, EL, GA, or a stray byte
                    }
                }
                case OPTION -> {
                    sink.option(verbName(verb), c);
                    state = State.DATA;
                }
                case SB_OPTION -> {
                    sink.option("SB", c);
                    sbBytes = 0;
                    state = State.SB;
                }
                case SB -> {
                    if (c == IAC) state = State.SB_IAC;
                    else sbBytes++;
                }
                case SB_IAC -> state = c == SE ? State.DATA : State.SB; // IAC IAC inside: a data byte of the option
            }
        }
        return n;
    }

    long subnegotiationBytes() {
        return state == State.SB || state == State.SB_IAC ? sbBytes : 0;
    }

    /** Leaves a subnegotiation that never ends (its bytes are taken as data again). */
    void reset() {
        state = State.DATA;
        sbBytes = 0;
    }

    static String verbName(int v) {
        return switch (v) {
            case WILL -> "WILL";
            case WONT -> "WONT";
            case DO -> "DO";
            default -> "DONT";
        };
    }

    /** The first bytes of a Telnet connection: an option command. */
    static boolean startsWithOption(byte[] b, int off, int len) {
        return len >= 3 && (b[off] & 0xff) == IAC && ((b[off + 1] & 0xff) >= WILL && (b[off + 1] & 0xff) <= DONT
                || (b[off + 1] & 0xff) == SB);
    }
}
