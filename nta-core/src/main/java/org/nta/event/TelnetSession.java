package org.nta.event;

import java.util.List;

/**
 * A Telnet session read as a person saw it: option negotiation removed, the login (user name typed at the login
 * prompt; the password itself is in the {@link Credential}), and the commands typed after it with their output —
 * the transcript shape of the reverse shell finding. Emitted when the connection ends.
 *
 * @param user         the user name typed at the login prompt, or null
 * @param loginResult  what the server answered the login ({@code unknown} when none was seen)
 * @param loginFrame   the frame that showed the login result, or 0
 * @param banner       what the server sent before the login prompt (bounded)
 * @param prompt       the shell prompt shown after the login, or null
 * @param commands     typed lines after the login, in order (bounded; {@code totalCommands} counts all)
 * @param options      option negotiations (bounded; {@code totalOptions} counts all)
 * @param bytesClient  data bytes the client sent (negotiation removed), {@code bytesServer} the server
 * @param truncated    more was typed or shown than was kept
 */
public record TelnetSession(ConnInfo conn, long firstFrame, long frame, long timeNs, String user,
                            Credential.Result loginResult, long loginFrame, String banner, String prompt,
                            List<Command> commands, int totalCommands, List<Option> options, int totalOptions,
                            long bytesClient, long bytesServer, boolean truncated) implements Event {
    /** A typed line with the frames that carried it and what came back until the next one. */
    public record Command(String command, long firstFrame, long frame, long timeNs, String output, int outputBytes,
                          long outputFirstFrame, long outputLastFrame) {
    }

    /** One option command: {@code WILL}, {@code WONT}, {@code DO}, {@code DONT} or {@code SB} for option {@code option}. */
    public record Option(boolean fromClient, String verb, int option, long frame) {
    }

    public TelnetSession {
        commands = List.copyOf(commands);
        options = List.copyOf(options);
    }
}
