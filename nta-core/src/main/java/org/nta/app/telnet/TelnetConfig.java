package org.nta.app.telnet;

/**
 * Limits of the Telnet parser.
 *
 * @param maxLineChars    characters of one typed line kept ({@code telnet.line_too_long} past it)
 * @param maxCommands     commands of a session kept in its transcript ({@code telnet.transcript_limit} past it;
 *                        all are counted)
 * @param maxOutputChars  characters of one command's output kept, and of the banner
 * @param maxHeldChars    characters of server text held between two typed lines while reading it
 * @param maxOptions      option negotiations recorded per session (all are counted)
 */
public record TelnetConfig(int maxLineChars, int maxCommands, int maxOutputChars, int maxHeldChars, int maxOptions) {
    public static final TelnetConfig DEFAULTS = new TelnetConfig(4096, 500, 2000, 64 << 10, 64);
}
