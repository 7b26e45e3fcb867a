package org.nta.app.telnet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.EventSink;
import org.nta.event.TelnetSession;
import org.nta.reassembly.StreamHandler;

/**
 * A Telnet connection (RFC 854) read as the person at the terminal saw it. Option negotiation is removed
 * ({@link IacFilter}) and recorded; the client's keystrokes are put together into lines (characters sent one at a
 * time, CR NUL and CR LF line ends, backspace, Ctrl-U and Ctrl-C); what the server shows between two typed lines
 * tells what the second one was: the answer to a login prompt (the user), to a password prompt (the password, which
 * the server does not echo), or a command.
 *
 * <p>States: {@code PRELOGIN} (banner, waiting for a prompt), {@code RESULT} (password typed: a failure message
 * rejects it and the login prompt comes again, a shell prompt accepts it), {@code SHELL} (typed lines are
 * commands; their output is what the server sends until the next one, without the echo and the prompt). A
 * {@link Credential} is emitted when the login is judged, the {@link TelnetSession} when the connection ends.
 */
public final class TelnetHandler implements StreamHandler {
    private static final Pattern LOGIN_PROMPT = Pattern.compile("(?i).*\\b(login|username|user name|user)\\s*:\\s*");
    private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i).*\\b(password|passcode|passwd)\\s*(for [^:]*)?:\\s*");
    private static final Pattern FAILURE = Pattern.compile("(?i)(login incorrect|authentication fail|incorrect password|access denied|login failed|invalid (login|password|user))");
    /** Longer than any {@link #FAILURE} phrase, so one cut between two packets is still found. */
    private static final int FAILURE_OVERLAP = 40;
    /** Longest line {@link #SHELL_PROMPT} matches. */
    private static final int PROMPT_MAX = 202;
    private static final Pattern SHELL_PROMPT = Pattern.compile(".{0,200}[$#>%]\\s?");

    private enum Phase { PRELOGIN, RESULT, SHELL }

    private final TelnetConfig config;
    private final AnomalyCounter anomalies;
    private final EventSink events;
    private ConnInfo conn;
    private final IacFilter[] filters = {new IacFilter(), new IacFilter()};
    private byte[] scratch = new byte[2048];
    private final List<TelnetSession.Option> options = new ArrayList<>();
    private int totalOptions;
    // the line being typed
    private final StringBuilder line = new StringBuilder();
    private long lineFirstFrame;
    private boolean lineTooLong, lastCr;
    // what the server showed since the last typed line
    private final StringBuilder out = new StringBuilder();
    private int outBytes;
    private long outFirst, outLast;
    private boolean outCapped;
    // the session
    private Phase phase = Phase.PRELOGIN;
    private String user, banner, prompt;
    private Credential pending;
    private Credential.Result loginResult = Credential.Result.UNKNOWN;
    private long loginFrame;
    private final List<TelnetSession.Command> commands = new ArrayList<>();
    private int totalCommands;
    private String cmd;
    private long cmdFirst, cmdFrame, cmdTime;
    private long firstFrame, lastFrame, lastTime, bytesClient, bytesServer;
    private boolean truncated, emitted;

    public TelnetHandler(ConnInfo conn, TelnetConfig config, AnomalyCounter anomalies, EventSink events) {
        this.conn = conn;
        this.config = config;
        this.anomalies = anomalies;
        this.events = events;
    }

    /** The first bytes of a Telnet connection, from either side: an option negotiation. */
    public static boolean looksLikeTelnet(byte[] b, int off, int len) {
        return IacFilter.startsWithOption(b, off, len);
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        if (firstFrame == 0) firstFrame = frame;
        lastFrame = frame;
        lastTime = timeNs;
        if (scratch.length < len) scratch = new byte[Math.max(len, scratch.length * 2)];
        IacFilter f = filters[fromClient ? 0 : 1];
        int n = f.filter(data, off, len, scratch, (verb, opt) -> option(fromClient, verb, opt, frame));
        if (f.subnegotiationBytes() > config.maxHeldChars()) {
            anomalies.add(Anomaly.TELNET_BAD_OPTION, frame);
            f.reset();
        }
        if (n == 0) return;
        if (fromClient) {
            bytesClient += n;
            typed(scratch, n, frame, timeNs);
        } else {
            bytesServer += n;
            shown(scratch, n, frame, timeNs);
        }
    }

    private void option(boolean fromClient, String verb, int opt, long frame) {
        totalOptions++;
        if (options.size() < config.maxOptions()) options.add(new TelnetSession.Option(fromClient, verb, opt, frame));
    }

    private void typed(byte[] b, int n, long frame, long timeNs) {
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            boolean wasCr = lastCr;
            lastCr = c == '\r';
            if (c == '\r' || c == '\n' && !wasCr) {
                endLine(frame, timeNs);
            } else if (c == '\n' || c == 0) {
                // the second half of CR LF or CR NUL
            } else if (c == 0x08 || c == 0x7f) {
                if (line.length() > 0) line.setLength(line.length() - 1);
            } else if (c == 0x15 || c == 0x03) {
                line.setLength(0); // Ctrl-U, Ctrl-C: the line is abandoned
            } else if (c >= 0x20 || c == '\t') {
                if (line.length() == 0) lineFirstFrame = frame;
                if (line.length() < config.maxLineChars()) line.append((char) c);
                else if (!lineTooLong) {
                    lineTooLong = true;
                    truncated = true;
                    anomalies.add(Anomaly.TELNET_LINE_TOO_LONG, frame);
                }
            }
        }
    }

    private void endLine(long frame, long timeNs) {
        String text = new String(latin1(line), StandardCharsets.UTF_8);
        long first = line.length() == 0 ? frame : lineFirstFrame;
        line.setLength(0);
        lineTooLong = false;
        String last = lastLine(out);
        if (!text.isEmpty() && last.endsWith(text)) last = last.substring(0, last.length() - text.length()); // the echo
        if (phase != Phase.SHELL && PASSWORD_PROMPT.matcher(last).matches()) {
            pending = new Credential(conn, "telnet", "login", user, null, Credential.Kind.PASSWORD, text,
                    Credential.Result.UNKNOWN, frame, timeNs, frame, timeNs, 0, null);
            phase = Phase.RESULT;
            clearOut();
            return;
        }
        if (phase != Phase.SHELL && LOGIN_PROMPT.matcher(last).matches()) {
            flushLogin();
            if (banner == null) banner = excerpt(out.substring(0, out.length() - lastLine(out).length()).strip());
            user = text;
            phase = Phase.PRELOGIN;
            clearOut();
            return;
        }
        if (phase == Phase.RESULT) { // typed on without a judgement seen: taken as logged in
            flushLogin();
            phase = Phase.SHELL;
        }
        if (phase == Phase.PRELOGIN) { // no login: a text session whose lines are commands
            if (banner == null) banner = excerpt(out.toString().strip());
            phase = Phase.SHELL;
            clearOut();
        }
        if (text.isBlank()) return;
        finishCommand();
        cmd = text;
        cmdFirst = first;
        cmdFrame = frame;
        cmdTime = timeNs;
    }

    private static byte[] latin1(CharSequence s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    private void shown(byte[] b, int n, long frame, long timeNs) {
        String s = clean(new String(b, 0, n, StandardCharsets.UTF_8));
        if (out.length() == 0) outFirst = frame;
        outLast = frame;
        outBytes += n;
        int room = config.maxHeldChars() - out.length();
        if (s.length() > room) {
            outCapped = true;
            truncated = true;
            // keep the end: the prompt that tells what comes next is there
            out.delete(0, Math.min(out.length(), s.length() - room));
        }
        out.append(s, Math.max(0, s.length() - config.maxHeldChars()), s.length());
        if (phase != Phase.RESULT) return;
        // only the new text (and what a message cut before it may have begun) is searched: a server showing a
        // character per packet must not make each packet rescan all that is held
        int from = Math.max(0, out.length() - s.length() - FAILURE_OVERLAP);
        if (FAILURE.matcher(out).region(from, out.length()).find()) {
            judge(Credential.Result.REJECTED, frame, timeNs);
            phase = Phase.PRELOGIN;
        } else if (shortLastLine(out) && SHELL_PROMPT.matcher(lastLine(out)).matches()) {
            judge(Credential.Result.ACCEPTED, frame, timeNs);
            prompt = lastLine(out).strip();
            phase = Phase.SHELL;
            clearOut();
        }
    }

    private void judge(Credential.Result r, long frame, long timeNs) {
        loginResult = r;
        loginFrame = frame;
        if (pending != null) events.emit(pending.withResult(r, frame, timeNs, null));
        pending = null;
    }

    private void flushLogin() {
        if (pending != null) events.emit(pending);
        pending = null;
    }

    /** The command being answered gets what the server showed since, without the echo and the next prompt. */
    private void finishCommand() {
        if (cmd == null) {
            clearOut();
            return;
        }
        String o = out.toString();
        if (o.startsWith(cmd)) o = o.substring(cmd.length());
        if (o.startsWith("\n")) o = o.substring(1);
        String last = lastLine(o);
        int cut = prompt != null ? o.lastIndexOf(prompt) : -1;
        if (cut >= 0 && cut >= o.length() - last.length()) o = o.substring(0, cut);
        else if (!last.isEmpty() && SHELL_PROMPT.matcher(last).matches()) o = o.substring(0, o.length() - last.length());
        totalCommands++;
        if (commands.size() < config.maxCommands()) {
            commands.add(new TelnetSession.Command(cmd, cmdFirst, cmdFrame, cmdTime, excerpt(o), outBytes,
                    outBytes > 0 ? outFirst : 0, outBytes > 0 ? outLast : 0));
        } else if (totalCommands == config.maxCommands() + 1) {
            truncated = true;
            anomalies.add(Anomaly.TELNET_LIMIT, cmdFrame);
        }
        cmd = null;
        clearOut();
    }

    private void clearOut() {
        out.setLength(0);
        outBytes = 0;
        outFirst = outLast = 0;
        outCapped = false;
    }

    private String excerpt(String s) {
        if (s.length() <= config.maxOutputChars()) return s;
        truncated = true;
        return s.substring(0, config.maxOutputChars()) + "…";
    }

    /** Text as a terminal shows it: CR and NUL dropped, escape sequences removed. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0x1b) { // ESC [ … final byte
                int j = i + 1;
                if (j < s.length() && s.charAt(j) == '[') {
                    j++;
                    while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7e)) j++;
                }
                i = j;
                continue;
            }
            if (c == '\r' || c == 0 || c == 0x07) continue;
            if (c == 0x08) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.setLength(sb.length() - 1);
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The last line is short enough to be a prompt (SHELL_PROMPT matches at most 202 characters); found without
     * copying it, so that a long unfinished line shown a byte per packet is not copied again on each.
     */
    private static boolean shortLastLine(CharSequence s) {
        int end = s.length();
        for (int i = end - 1; i >= 0 && end - i <= PROMPT_MAX + 1; i--) if (s.charAt(i) == '\n') return true;
        return end <= PROMPT_MAX;
    }

    private static String lastLine(CharSequence s) {
        int end = s.length();
        int nl = end - 1;
        while (nl >= 0 && s.charAt(nl) != '\n') nl--;
        return s.subSequence(nl + 1, end).toString();
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        truncated = true;
        filters[fromClient ? 0 : 1].reset();
        if (fromClient) line.setLength(0);
    }

    @Override
    public void onRolesSwapped(ConnInfo conn) {
        this.conn = conn;
    }

    @Override
    public void onClose(long frame, long timeNs) {
        if (emitted) return;
        emitted = true;
        if (line.length() > 0 && phase == Phase.SHELL) endLine(lastFrame, lastTime);
        finishCommand();
        flushLogin();
        if (firstFrame == 0) return;
        events.emit(new TelnetSession(conn, firstFrame, lastFrame, lastTime, user, loginResult, loginFrame,
                banner == null ? "" : banner, prompt, commands, totalCommands, options, totalOptions, bytesClient,
                bytesServer, truncated));
    }
}
