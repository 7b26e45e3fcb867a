package org.nta.detect.c2;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file is, told from its bytes (never from its name or declared type): executables and scripts for delivery,
 * archives, encrypted-looking data and sensitive content (account files, private keys, database dumps) for
 * exfiltration.
 */
final class Contents {
    private Contents() {}

    /**
     * @param kind   pe, dll, elf, macho, msi, office_macro, archive_with_executable, powershell, vbscript, hta,
     *               jscript, shell, python, batch (executables and scripts); archive, encrypted, document, passwd,
     *               shadow, private_key, database_dump, other
     * @param detail for people (an archive's executable member, the key type …), or null
     */
    record Kind(String kind, String detail) {
        static final Kind OTHER = new Kind("other", null), DOCUMENT = new Kind("document", null),
                ARCHIVE = new Kind("archive", null), ENCRYPTED = new Kind("encrypted", null), HTA = new Kind("hta", null);

        boolean executable() {
            return switch (kind) {
                case "pe", "dll", "elf", "macho", "msi", "office_macro", "archive_with_executable", "powershell", "vbscript", "hta",
                     "jscript", "shell", "python", "batch" -> true;
                default -> false;
            };
        }

        boolean sensitive() {
            return switch (kind) {
                case "passwd", "shadow", "private_key", "database_dump" -> true;
                default -> false;
            };
        }
    }

    private static final Pattern PASSWD = Pattern.compile("(?m)^(root|daemon|bin|nobody|www-data):[^:\\n]*:\\d+:\\d+:[^:\\n]*:[^:\\n]*:[^:\\n]*$");
    private static final Pattern SHADOW = Pattern.compile("(?m)^(root|daemon|bin|nobody|www-data):(\\$\\w+\\$[^:\\n]*|[*!]+):\\d*:\\d*:\\d*:\\d*:");
    private static final Pattern KEY = Pattern.compile("-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----");
    private static final Pattern DUMP = Pattern.compile("(?i)(-- MySQL dump|-- MariaDB dump|PostgreSQL database dump|^INSERT INTO [`\"\\w]+ VALUES)", Pattern.MULTILINE);
    private static final Pattern ARCHIVE_EXE = Pattern.compile("(?i)[\\w .()\\[\\]-]{1,200}\\.(exe|dll|scr|js|jse|vbs|vbe|ps1|hta|bat|cmd|lnk|jar|msi|wsf|elf|sh|so)$");

    static Kind of(byte[] b, int len) {
        return of(b, len, false);
    }

    /**
     * @param payloadsOnly only executables and scripts matter (a download): markup and JSON are looked at for an HTML
     *                     application only, which keeps the many web pages of a capture cheap
     */
    static Kind of(byte[] b, int len, boolean payloadsOnly) {
        int n = Math.min(len, b.length);
        if (n == 0) return Kind.OTHER;
        if (starts(b, n, 'M', 'Z')) return pe(b, n);
        if (starts(b, n, 0x7f, 'E', 'L', 'F')) return new Kind("elf", n > 16 ? (b[16] == 3 ? "shared object" : b[16] == 2 ? "executable" : null) : null);
        if (starts(b, n, 0xcf, 0xfa, 0xed, 0xfe) || starts(b, n, 0xce, 0xfa, 0xed, 0xfe) || starts(b, n, 0xfe, 0xed, 0xfa, 0xcf)
                || starts(b, n, 0xca, 0xfe, 0xba, 0xbe) && n > 8 && b[4] == 0 && b[5] == 0 && b[6] == 0 && (b[7] & 0xff) < 20) {
            return new Kind("macho", null);
        }
        if (starts(b, n, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return ole(b, n);
        if (starts(b, n, 'P', 'K', 3, 4)) return zip(b, n);
        if (starts(b, n, 0x1f, 0x8b) || starts(b, n, 'B', 'Z', 'h') || starts(b, n, 0xfd, '7', 'z', 'X', 'Z', 0)
                || starts(b, n, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c) || starts(b, n, 'R', 'a', 'r', '!', 0x1a, 0x07)
                || starts(b, n, 0x28, 0xb5, 0x2f, 0xfd) || n > 262 && new String(b, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return Kind.ARCHIVE;
        }
        int window = Math.min(n, 4096);
        int first = 0;
        while (first < window && (b[first] == ' ' || b[first] == '\t' || b[first] == '\r' || b[first] == '\n')) first++;
        if (payloadsOnly && first < window && (b[first] == '<' || b[first] == '{' || b[first] == '[')) {
            // markup and JSON (most answers): only an HTML application matters, so skip the script checks
            return htaTag(b, first, Math.min(window, 2048)) ? Kind.HTA : Kind.OTHER;
        }
        String text = Bodies.text(b, window, 1) == null ? null : new String(b, 0, window, StandardCharsets.UTF_8);
        if (text != null) {
            Kind k = text(text);
            if (k != null) return k;
        }
        if (starts(b, n, '%', 'P', 'D', 'F') || starts(b, n, 0x89, 'P', 'N', 'G') || starts(b, n, 0xff, 0xd8, 0xff)
                || starts(b, n, 'G', 'I', 'F', '8')) {
            return Kind.DOCUMENT;
        }
        if (text == null && n >= 512 && RobustStats.entropy(b, 0, n) >= 7.5) return Kind.ENCRYPTED;
        return Kind.OTHER;
    }

    private static Kind pe(byte[] b, int n) {
        if (n < 0x40) return new Kind("pe", null);
        int off = (b[0x3c] & 0xff) | (b[0x3d] & 0xff) << 8 | (b[0x3e] & 0xff) << 16 | (b[0x3f] & 0xff) << 24;
        if (off > 0 && (long) off + 24 <= n && b[off] == 'P' && b[off + 1] == 'E' && b[off + 2] == 0 && b[off + 3] == 0) {
            int characteristics = (b[off + 22] & 0xff) | (b[off + 23] & 0xff) << 8;
            return new Kind((characteristics & 0x2000) != 0 ? "dll" : "pe", null);
        }
        return new Kind("pe", "MZ header");
    }

    private static Kind ole(byte[] b, int n) {
        String s = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        String wide = s.replace("\0", "");
        if (wide.contains("_VBA_PROJECT") || wide.contains("VBA") && wide.contains("Macros") || s.contains("Attribute VB_Name")) {
            return new Kind("office_macro", "OLE document with a VBA project");
        }
        if (wide.contains("Installation Database") || wide.contains("Windows Installer") || s.contains("MsiSummaryInfo")) {
            return new Kind("msi", null);
        }
        return new Kind("document", "OLE compound document");
    }

    private static Kind zip(byte[] b, int n) {
        // every local file header and central directory entry in the kept bytes names a member
        int members = 0;
        boolean office = false;
        String exe = null;
        for (int i = 0; i + 30 <= n && members < 4096; i++) {
            if (b[i] != 'P' || b[i + 1] != 'K') continue;
            int nameLen, at;
            if (b[i + 2] == 3 && b[i + 3] == 4) {
                nameLen = u16(b, i + 26);
                at = i + 30;
            } else if (b[i + 2] == 1 && b[i + 3] == 2 && i + 46 <= n) {
                nameLen = u16(b, i + 28);
                at = i + 46;
            } else {
                continue;
            }
            if (nameLen == 0 || at + nameLen > n) continue;
            String name = new String(b, at, nameLen, StandardCharsets.UTF_8);
            members++;
            if (name.endsWith("vbaProject.bin")) return new Kind("office_macro", name);
            if (name.equals("[Content_Types].xml") || name.startsWith("word/") || name.startsWith("xl/") || name.startsWith("ppt/")
                    || name.equals("mimetype")) office = true;
            if (exe == null && ARCHIVE_EXE.matcher(name).matches()) exe = name;
            i = at + nameLen - 1;
        }
        if (exe != null && !office) return new Kind("archive_with_executable", exe);
        return new Kind(office ? "document" : "archive", null);
    }

    private static Kind text(String t) {
        String head = t;
        String l = head.toLowerCase(Locale.ROOT);
        // each pattern runs only where the text holds the literal every match of it has: most bodies hold none
        if (head.contains("-----BEGIN ")) {
            Matcher m = KEY.matcher(head);
            if (m.find()) return new Kind("private_key", m.group(1));
        }
        boolean account = accountLine(head);
        if (account && SHADOW.matcher(head).find() || head.contains("root:$6$") || head.contains("root:$y$") || head.contains("root:$5$")
                || head.contains("root:$1$")) {
            return new Kind("shadow", null);
        }
        // with its line breaks (or without: curl -d drops them)
        if (account && PASSWD.matcher(head).find() || head.contains("root:x:0:0:")) return new Kind("passwd", null);
        if ((l.contains("dump") || l.contains("insert into")) && DUMP.matcher(head).find()) return new Kind("database_dump", null);
        String first = l.stripLeading();
        if (first.startsWith("#!")) {
            String line = first.lines().findFirst().orElse("");
            if (line.contains("python")) return new Kind("python", line);
            if (line.contains("sh") || line.contains("bash") || line.contains("zsh")) return new Kind("shell", line);
            if (line.contains("perl")) return new Kind("shell", line);
        }
        if (l.contains("<hta:application")) return Kind.HTA;
        if (l.contains("invoke-expression") || l.contains("iex(") || l.contains("iex (") || l.contains("new-object net.webclient")
                || l.contains("new-object system.net.webclient") || l.contains("-encodedcommand") || l.contains("invoke-webrequest")
                || l.contains("[system.convert]::frombase64string") || l.contains("start-process") && l.contains("$")) {
            return new Kind("powershell", null);
        }
        if (l.contains("createobject(\"wscript.shell\")") || l.contains("createobject(\"scripting.filesystemobject\")")
                || l.contains("wscript.createobject") && l.contains("dim ")) {
            return new Kind("vbscript", null);
        }
        if (l.contains("new activexobject(") || l.contains("wscript.createobject(")) return new Kind("jscript", null);
        if (l.startsWith("@echo off") || l.contains("\n@echo off")) return new Kind("batch", null);
        if ((l.contains("wget ") || l.contains("curl ")) && (l.contains("chmod +x") || l.contains("| sh") || l.contains("|sh")
                || l.contains("| bash"))) {
            return new Kind("shell", "downloads and runs");
        }
        return null;
    }

    /** A name PASSWD and SHADOW start a line with, followed by its colon. */
    private static boolean accountLine(String t) {
        return t.contains("root:") || t.contains("daemon:") || t.contains("bin:") || t.contains("nobody:") || t.contains("www-data:");
    }

    private static boolean starts(byte[] b, int n, int... sig) {
        if (n < sig.length) return false;
        for (int i = 0; i < sig.length; i++) if ((b[i] & 0xff) != (sig[i] & 0xff)) return false;
        return true;
    }

    /** An {@code <HTA:APPLICATION} tag: looks only at the rare ':' bytes, so a page costs one pass of compares. */
    private static boolean htaTag(byte[] b, int from, int end) {
        for (int i = from + 4; i < end; i++) {
            if (b[i] != ':' || b[i - 4] != '<') continue;
            if ((b[i - 3] | 0x20) == 'h' && (b[i - 2] | 0x20) == 't' && (b[i - 1] | 0x20) == 'a') return true;
        }
        return false;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

}
