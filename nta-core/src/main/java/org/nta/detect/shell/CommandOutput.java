package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does a text look like what a shell command prints? Strong shapes are enough on their own (the output of id, a
 * passwd or shadow file, a long directory listing, uname -a, Windows' whoami /all or dir); weak shapes (one short
 * word) only count for the command that prints them.
 */
final class CommandOutput {
    private CommandOutput() {}

    private static final Pattern ID = Pattern.compile("uid=(\\d+)\\(([^)\\s]{1,64})\\)\\s+gid=\\d+");
    private static final Pattern PASSWD = Pattern.compile("(?m)^root:[^:\\n]*:0:0:");
    private static final Pattern SHADOW = Pattern.compile("(?m)^root:[^:\\n]*:\\d*:\\d*:\\d*:");
    private static final Pattern LS_LONG = Pattern.compile("(?m)^total \\d+\\s*\\n[-dlcbps][-rwxsStT]{9}[.+@]?\\s+\\d+ ");
    private static final Pattern LS_ROW = Pattern.compile("(?m)^[-dlcbps][-rwxsStT]{9}[.+@]?\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\d+ ");
    private static final Pattern UNAME = Pattern.compile("(?m)^(Linux|FreeBSD|Darwin|SunOS) \\S+ \\d+\\.\\d+\\S* .*(GNU/Linux|x86_64|aarch64|i[3-6]86|amd64|arm)");
    private static final Pattern WINDOWS = Pattern.compile("(?i)(nt authority\\\\|Volume Serial Number is|Directory of [A-Z]:\\\\|Windows IP Configuration|Microsoft Windows \\[Version)");
    private static final Pattern IFCONFIG = Pattern.compile("(?m)(^\\d+: \\w+: <[A-Z,_]+> mtu \\d+|^\\w+: flags=\\d+<[A-Z,]+>\\s+mtu \\d+|inet \\d+\\.\\d+\\.\\d+\\.\\d+ netmask)");
    private static final Pattern PS = Pattern.compile("(?m)^\\s*(PID\\s+TTY\\s+TIME\\s+CMD|USER\\s+PID\\s+%CPU)");
    private static final Pattern WORD_LINE = Pattern.compile("[A-Za-z0-9_.\\\\$-]{1,64}\\s*");
    private static final Pattern PATH_LINE = Pattern.compile("(/|[A-Za-z]:\\\\)[^\\n<>]{0,250}\\s*");

    /** Shapes that only command output has. */
    static boolean strong(String text) {
        if (text == null || text.isEmpty()) return false;
        return ID.matcher(text).find() || PASSWD.matcher(text).find() || SHADOW.matcher(text).find()
                || LS_LONG.matcher(text).find() || countRows(text) >= 2 || UNAME.matcher(text).find()
                || WINDOWS.matcher(text).find() || IFCONFIG.matcher(text).find() || PS.matcher(text).find();
    }

    private static int countRows(String text) {
        Matcher m = LS_ROW.matcher(text);
        int n = 0;
        while (m.find() && n < 2) n++;
        return n;
    }

    /** The text looks like what this command prints: a strong shape, or the short answer of whoami, hostname, pwd. */
    static boolean answers(CommandLine cmd, String text) {
        if (text == null || text.isBlank()) return false;
        if (strong(text)) return true;
        if (cmd == null || text.indexOf('<') >= 0) return false;
        String t = text.strip();
        return switch (cmd.program()) {
            case "whoami", "hostname", "logname" -> WORD_LINE.matcher(t).matches();
            case "pwd" -> PATH_LINE.matcher(t).matches();
            default -> false;
        };
    }

    /** The user a shell runs as, if its output shows it: {"name", "uid"} from id, else from whoami. */
    static Map<String, Object> user(String text, CommandLine cmd) {
        if (text == null) return null;
        Matcher m = ID.matcher(text);
        if (m.find()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("name", m.group(2));
            u.put("uid", Integer.parseInt(m.group(1)));
            u.put("text", "uid=" + m.group(1) + "(" + m.group(2) + ")");
            return u;
        }
        if (cmd != null && cmd.program().equals("whoami") && WORD_LINE.matcher(text.strip()).matches()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("name", text.strip());
            return u;
        }
        return null;
    }

    /** What the text shows, for the evidence ("id output", "passwd file", …). */
    static List<String> shapes(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        if (ID.matcher(text).find()) out.add("id output");
        if (PASSWD.matcher(text).find()) out.add("passwd file");
        else if (SHADOW.matcher(text).find()) out.add("shadow file");
        if (LS_LONG.matcher(text).find() || countRows(text) >= 2) out.add("directory listing");
        if (UNAME.matcher(text).find()) out.add("uname output");
        if (WINDOWS.matcher(text).find()) out.add("Windows command output");
        if (IFCONFIG.matcher(text).find()) out.add("interface list");
        if (PS.matcher(text).find()) out.add("process list");
        return out;
    }
}
