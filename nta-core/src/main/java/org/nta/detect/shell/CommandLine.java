package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A line of text that reads as a shell command: its first word is a program or builtin people run in a shell (or a
 * path to a program). Used for web shell parameters and typed lines of interactive shells; it says nothing about
 * intent on its own (a search for "cat food" parses too), so detectors pair it with context (a known web shell,
 * command output in the answer, a shell on the other side).
 *
 * @param text     the command, trimmed
 * @param program  the first word without directory or ".exe", as typed
 * @param platform unix, windows or powershell
 */
record CommandLine(String text, String program, String platform) {
    /** Programs and builtins of Unix shells. */
    static final Set<String> UNIX = Set.of("id", "whoami", "uname", "hostname", "pwd", "ls", "dir", "cat", "head", "tail",
            "more", "less", "grep", "egrep", "fgrep", "find", "locate", "which", "whereis", "ps", "top", "netstat", "ss",
            "ifconfig", "ip", "arp", "route", "env", "printenv", "export", "echo", "printf", "cd", "mkdir", "rmdir", "rm",
            "cp", "mv", "touch", "chmod", "chown", "chgrp", "ln", "tar", "gzip", "gunzip", "zip", "unzip", "wget", "curl",
            "nc", "ncat", "netcat", "socat", "bash", "sh", "dash", "zsh", "ksh", "csh", "tcsh", "busybox", "python",
            "python2", "python3", "perl", "php", "ruby", "lua", "node", "java", "gcc", "cc", "make", "sudo", "su",
            "crontab", "w", "who", "last", "lastlog", "df", "du", "mount", "free", "uptime", "history", "kill", "killall",
            "pkill", "nohup", "base64", "xxd", "od", "strings", "file", "stat", "awk", "sed", "cut", "sort", "uniq", "wc",
            "tr", "tee", "dd", "ssh", "scp", "telnet", "ping", "traceroute", "nslookup", "dig", "host", "systemctl",
            "service", "getent", "lsb_release", "dmesg", "lsof", "lsmod", "useradd", "usermod", "passwd", "groups", "xargs",
            "timeout", "sleep", "mkfifo", "openssl", "nmap", "tcpdump", "apt", "apt-get", "yum", "dnf", "rpm", "dpkg", "pip",
            "pip3", "git", "docker", "kubectl", "mysql", "psql", "sqlite3", "vi", "vim", "nano", "exit", "clear",
            "source", "exec", "eval", "script", "stty", "reset", "unset", "alias", "type", "sqlmap", "getcap", "sestatus",
            "date", "tac", "nl", "rev", "diff", "md5sum", "sha256sum", "shred", "at", "jobs", "fg", "bg");
    /** Windows cmd.exe programs and builtins. */
    static final Set<String> WINDOWS = Set.of("cmd", "whoami", "ipconfig", "systeminfo", "tasklist", "taskkill", "net",
            "netsh", "dir", "type", "copy", "del", "reg", "wmic", "schtasks", "certutil", "bitsadmin", "ver", "query",
            "findstr", "icacls", "hostname", "set", "echo", "cd", "nltest", "route", "arp", "netstat", "sc", "quser",
            "cscript", "wscript", "mshta", "rundll32", "regsvr32", "msiexec", "vssadmin", "wevtutil", "attrib");
    /** PowerShell hosts and common cmdlets. */
    static final Set<String> POWERSHELL = Set.of("powershell", "pwsh", "get-childitem", "get-content", "get-process",
            "invoke-expression", "iex", "invoke-webrequest", "iwr", "get-wmiobject", "new-object", "start-process",
            "get-localuser", "get-service");

    private static final int MAX_LENGTH = 8192;

    /** The command this text reads as, or null. */
    static CommandLine parse(String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.isEmpty() || t.length() > MAX_LENGTH || !Text.isPrintable(t)) return null;
        if (t.lines().count() > 20) return null;
        String word = firstWord(t);
        if (word.isEmpty()) return null;
        String program = word;
        boolean path = false;
        int slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
        if (slash >= 0) {
            String dir = word.substring(0, slash + 1);
            program = word.substring(slash + 1);
            // a program path: a bin directory, the current directory or a temporary directory ("/etc/passwd" and
            // "../../etc/passwd" are files asked for by path traversal, not programs run)
            path = dir.matches("(/usr)?(/local)?/s?bin/|\\./|/tmp/.*|/dev/shm/.*|/var/tmp/.*")
                    || dir.matches("(?i)[a-z]:\\\\(windows\\\\(system32|syswow64)\\\\.*|.*\\\\bin\\\\)");
            if (!path) return null;
        }
        String lower = program.toLowerCase(Locale.ROOT);
        String bare = lower.endsWith(".exe") ? lower.substring(0, lower.length() - 4) : lower;
        if (POWERSHELL.contains(bare)) return new CommandLine(t, program, "powershell");
        if (UNIX.contains(program)) return new CommandLine(t, program, "unix");
        if (WINDOWS.contains(bare) && (program.equals(lower) || lower.endsWith(".exe"))) {
            return new CommandLine(t, program, "windows");
        }
        // a path to a program ("./exploit", "/tmp/x"), but not a bare path that is just a file name with a dot
        if (path && program.matches("[A-Za-z0-9_+-]{1,64}(\\.(sh|py|pl|rb|elf|bin|run|exe|bat|ps1))?") && !word.matches("(/usr)?(/local)?/s?bin/.*")) {
            return new CommandLine(t, program, "unix");
        }
        return null;
    }

    /** The first word: up to white space or a shell operator. */
    private static String firstWord(String t) {
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || c == ';' || c == '|' || c == '&' || c == '<' || c == '>' || c == '('
                    || c == ')' || c == '`' || c == '$' || c == '"' || c == '\'') break;
            i++;
        }
        return t.substring(0, i);
    }

    /** MITRE ATT&CK techniques of running this command: the interpreter it uses. */
    List<String> techniques() {
        List<String> out = new ArrayList<>(2);
        switch (platform) {
            case "powershell" -> out.add("T1059.001");
            case "windows" -> out.add("T1059.003");
            default -> out.add("T1059.004");
        }
        if (program.startsWith("python")) out.add("T1059.006");
        return out;
    }

    /** The file a simple read command prints ("cat /etc/passwd"), or null. */
    String fileRead() {
        if (!Set.of("cat", "head", "tail", "more", "less", "type", "tac", "nl", "base64", "xxd", "strings", "od").contains(program)) return null;
        String[] w = text.split("\\s+");
        for (int i = 1; i < w.length; i++) {
            String a = w[i];
            if (a.startsWith("-") || a.isEmpty() || a.matches("\\d+")) continue;
            if (a.startsWith("|") || a.startsWith(";") || a.startsWith(">") || a.startsWith("&")) break;
            String f = a.replaceAll("[;|&>].*$", "").replace("\"", "").replace("'", "");
            return f.isEmpty() ? null : f;
        }
        return null;
    }
}
