package org.nta.detect.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.nta.event.TcpSession;

/**
 * Reads a text connection as an interactive shell: one side types lines (commands), the other answers (prompt,
 * echo, output). Typed bytes are put together into lines across packets (character-at-a-time typing, backspace,
 * Ctrl-C and terminal escape sequences handled); what the shell side sends between two typed lines is the output of
 * the first, without the echo of the command and the prompt that follows it.
 */
final class ShellTranscript {
    /** One typed line with the frame that completed it (the Enter) and what came back. */
    record Typed(String command, long firstFrame, long frame, long timeNs, boolean commandLike, String output,
                 int outputBytes, long outputFirstFrame, long outputLastFrame) {
    }

    /**
     * @param clientTypes  the connection's client is the side typing (bind shell, or a client driving a server)
     * @param commands     typed lines in order (bounded; {@code totalCommands} counts all)
     * @param commandLike  typed lines that read as commands
     * @param banner       what the shell side sent before the first command (cleaned, bounded)
     * @param prompt       the shell's prompt, if it shows one
     * @param signs        shell signs seen on the answering side (prompt, banner text, output shapes)
     * @param user         the user the shell runs as, if the output shows it
     */
    record Transcript(boolean clientTypes, List<Typed> commands, int totalCommands, int commandLike, int answered,
                      String banner, String prompt, List<String> signs, Map<String, Object> user, long typedBytes,
                      long shellBytes) {
        double typedRatio() {
            return totalCommands == 0 ? 0 : commandLike / (double) totalCommands;
        }

        /** How well this reads as a shell: command lines typed, weighted by the share of typed lines that are commands. */
        double score() {
            return commandLike * typedRatio() + (signs.isEmpty() ? 0 : 0.5);
        }
    }

    private static final Pattern PROMPT = Pattern.compile("(?s).{0,200}([$#>%]) ?");
    private static final Pattern BANNER = Pattern.compile("(?i)(can't access tty|no job control in this shell|cannot set terminal process group|Microsoft Windows \\[Version|^PS [A-Z]:\\\\[^\\n]*> ?$|sh-\\d\\.\\d[$#])", Pattern.MULTILINE);

    private ShellTranscript() {}

    /** Each direction's kept bytes are mostly printable, and it is not SSH or TLS. */
    static boolean isText(TcpSession s, double minTextRatio) {
        long[] ok = new long[2], all = new long[2];
        for (TcpSession.Chunk c : s.chunks()) {
            byte[] d = c.data();
            int i = c.fromClient() ? 0 : 1;
            if (all[i] == 0 && (startsWith(d, "SSH-") || d.length >= 2 && d[0] == 0x16 && d[1] == 0x03)) return false;
            ok[i] += Math.round(Text.printableRatio(d, 0, d.length) * d.length);
            all[i] += d.length;
        }
        for (int i = 0; i < 2; i++) if (all[i] > 0 && ok[i] < minTextRatio * all[i]) return false;
        return all[0] + all[1] > 0;
    }

    private static boolean startsWith(byte[] d, String prefix) {
        if (d.length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (d[i] != prefix.charAt(i)) return false;
        return true;
    }

    /** The better of the two readings (client types / server types). */
    static Transcript best(List<TcpSession.Chunk> chunks, ShellConfig cfg) {
        return better(read(chunks, true, cfg), read(chunks, false, cfg));
    }

    /** The reading that looks more like typing: higher score, else fewer typed bytes. */
    static Transcript better(Transcript a, Transcript b) {
        if (a.score() != b.score()) return a.score() > b.score() ? a : b;
        return a.typedBytes() <= b.typedBytes() ? a : b;
    }

    static Transcript read(List<TcpSession.Chunk> chunks, boolean clientTypes, ShellConfig cfg) {
        int maxOut = cfg.transcriptOutputChars();
        List<Typed> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        long lineFirstFrame = 0;
        StringBuilder pendingOut = new StringBuilder();
        int pendingBytes = 0;
        long outLast = 0;
        List<long[]> offsets = new ArrayList<>(); // {offset in pendingOut, frame} of each shell chunk
        boolean capped = false;
        StringBuilder banner = new StringBuilder();
        int total = 0, commandLike = 0, answered = 0;
        long typed = 0, shell = 0;
        Map<String, Integer> prompts = new HashMap<>();
        Set<String> signs = new LinkedHashSet<>();
        Map<String, Object> user = null;
        // the command whose output is being collected
        String curCmd = null;
        long curFirst = 0, curFrame = 0, curTime = 0;
        boolean curLike = false;
        boolean tooLong = false;
        for (TcpSession.Chunk c : chunks) {
            byte[] d = c.data();
            if (c.fromClient() == clientTypes) {
                typed += d.length;
                String s = new String(d, StandardCharsets.UTF_8);
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    if (ch == '\n' || ch == '\r') {
                        if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                        String cmd = line.toString().strip();
                        line.setLength(0);
                        boolean skip = cmd.isEmpty() || tooLong;
                        tooLong = false;
                        if (skip) continue;
                        // the previous command's output ends here
                        if (curCmd != null) {
                            Typed t = typed(curCmd, curFirst, curFrame, curTime, curLike, pendingOut.toString(), pendingBytes,
                                    offsets, capped, outLast, prompts, maxOut);
                            if (!t.output().isBlank()) answered++;
                            if (out.size() < cfg.maxTranscriptCommands()) out.add(t);
                            user = user != null ? user : CommandOutput.user(t.output(), CommandLine.parse(curCmd));
                        } else {
                            banner.append(pendingOut);
                        }
                        pendingOut.setLength(0);
                        offsets.clear();
                        capped = false;
                        pendingBytes = 0;
                        outLast = 0;
                        total++;
                        curCmd = cmd;
                        curLike = CommandLine.parse(cmd) != null;
                        if (curLike) commandLike++;
                        curFirst = lineFirstFrame == 0 ? c.frame() : lineFirstFrame;
                        curFrame = c.frame();
                        curTime = c.timeNs();
                        lineFirstFrame = 0;
                        continue;
                    }
                    if (ch == 0x7f || ch == 0x08) {
                        if (line.length() > 0) line.setLength(line.length() - 1);
                        continue;
                    }
                    if (ch == 0x03 || ch == 0x15) { // Ctrl-C, Ctrl-U: the line is abandoned
                        line.setLength(0);
                        continue;
                    }
                    if (ch == 0x1b) { // an escape sequence (arrow keys): skip it
                        i = skipEscape(s, i);
                        continue;
                    }
                    if (ch < 0x20 && ch != '\t') continue;
                    if (line.length() == 0) lineFirstFrame = c.frame();
                    if (line.length() < cfg.maxTypedLineChars()) line.append(ch);
                    else tooLong = true;
                }
            } else {
                shell += d.length;
                String s = Text.clean(new String(d, StandardCharsets.UTF_8));
                int room = 4 * maxOut + 4096 - pendingOut.length();
                if (room > 0) {
                    offsets.add(new long[] {pendingOut.length(), c.frame()});
                    pendingOut.append(s, 0, Math.min(s.length(), room));
                }
                if (s.length() > room) capped = true;
                pendingBytes += d.length;
                outLast = c.frame();
                String last = lastLine(s);
                if (!last.isEmpty() && !last.endsWith("\n") && PROMPT.matcher(last).matches()) prompts.merge(last, 1, Integer::sum);
                if (BANNER.matcher(s).find()) signs.add("shell banner");
            }
        }
        if (curCmd != null) {
            Typed t = typed(curCmd, curFirst, curFrame, curTime, curLike, pendingOut.toString(), pendingBytes, offsets, capped,
                    outLast, prompts, maxOut);
            if (!t.output().isBlank()) answered++;
            if (out.size() < cfg.maxTranscriptCommands()) out.add(t);
            user = user != null ? user : CommandOutput.user(t.output(), CommandLine.parse(curCmd));
        } else {
            banner.append(pendingOut);
        }
        String prompt = null;
        int best = 0;
        for (Map.Entry<String, Integer> e : prompts.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                prompt = e.getKey();
            }
        }
        if (best < 2 && total > 1) prompt = null; // a prompt comes back after every command
        if (prompt != null) signs.add("prompt");
        for (Typed t : out) for (String shape : CommandOutput.shapes(t.output())) signs.add(shape);
        String b = trimOutput(Text.clean(banner.toString()), "", prompts);
        return new Transcript(clientTypes, out, total, commandLike, answered, Text.excerpt(b, maxOut), prompt,
                new ArrayList<>(signs), user, typed, shell);
    }

    /** A typed line with its output: the shell's answer trimmed, and the frames that carried what is left. */
    private static Typed typed(String cmd, long first, long frame, long time, boolean like, String raw, int rawBytes,
                               List<long[]> offsets, boolean capped, long lastShellFrame, Map<String, Integer> prompts, int maxOut) {
        int[] b = trimBounds(raw, cmd, prompts);
        String o = raw.substring(b[0], b[1]);
        long f0 = 0, f1 = 0;
        if (b[1] > b[0]) {
            f0 = frameAt(offsets, b[0]);
            f1 = capped && b[1] == raw.length() ? lastShellFrame : frameAt(offsets, b[1] - 1);
        }
        return new Typed(cmd, first, frame, time, like, Text.excerpt(o, maxOut), rawBytes, f0, f1);
    }

    private static long frameAt(List<long[]> offsets, int offset) {
        long f = 0;
        for (long[] o : offsets) {
            if (o[0] > offset) break;
            f = o[1];
        }
        return f;
    }

    /** Output without the echoed command at its start and without the prompt (and anything typed after it) at its end. */
    static String trimOutput(String o, String cmd, Map<String, Integer> prompts) {
        int[] b = trimBounds(o, cmd, prompts);
        return o.substring(b[0], b[1]);
    }

    private static int[] trimBounds(String o, String cmd, Map<String, Integer> prompts) {
        int start = 0, end = o.length();
        if (!cmd.isEmpty() && o.startsWith(cmd)) {
            if (o.length() == cmd.length()) start = end;
            else if (o.charAt(cmd.length()) == '\n') start = cmd.length() + 1;
        }
        // drop the last prompt: the last line if it has no line feed and reads as a prompt
        int nl = o.lastIndexOf('\n', end - 1);
        String last = o.substring(nl + 1, end);
        if (!last.isEmpty() && (prompts.containsKey(last) || PROMPT.matcher(last).matches() && last.length() < 200)) {
            end = nl + 1;
        } else if (!last.isEmpty()) {
            // a prompt followed by the echo of the next command typed one character at a time
            for (String p : prompts.keySet()) {
                int at = last.indexOf(p);
                if (at >= 0) {
                    end = nl + 1 + at;
                    break;
                }
            }
        }
        end = Math.max(end, start);
        while (start < end && Character.isWhitespace(o.charAt(start))) start++;
        while (end > start && Character.isWhitespace(o.charAt(end - 1))) end--;
        return new int[] {start, end};
    }

    private static String lastLine(String s) {
        int nl = s.lastIndexOf('\n');
        return nl == s.length() - 1 ? "\n" : s.substring(nl + 1);
    }

    private static int skipEscape(String s, int i) {
        if (i + 1 < s.length() && (s.charAt(i + 1) == '[' || s.charAt(i + 1) == 'O')) {
            int j = i + 2;
            while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7e)) j++;
            return j;
        }
        return i + 1 < s.length() ? i + 1 : i;
    }
}
