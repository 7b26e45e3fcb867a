package org.nta.detect.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nta.event.HttpBody;

/**
 * What an answer gives away: database error messages (by engine), credentials printed in error pages, system files
 * (/etc/passwd, /etc/shadow, win.ini), private keys, directory listings, command output, stack traces and PHP
 * warnings with server paths, phpinfo() pages, secrets files and version-control metadata.
 */
public final class ResponseSignals {
    /** A signal: its kind, a detail (engine, file, credential), and the text around it. */
    public record Signal(String kind, String detail, String excerpt, int offset) {
        Signal(String kind, String detail, String excerpt) {
            this(kind, detail, excerpt, -1);
        }
    }

    private record Named(String name, Pattern pattern) {
    }

    private static final List<Named> DB_ERRORS = List.of(
            named("mysql", "You have an error in your SQL syntax|Warning: mysqli?_|MySQLSyntaxErrorException|valid MySQL result"
                    + "|check the manual that (?:corresponds|fits) to your (?:MySQL|MariaDB) server version|com\\.mysql\\.jdbc"),
            named("postgresql", "PostgreSQL.{0,40}ERROR|Warning: pg_|valid PostgreSQL result|PG::SyntaxError|org\\.postgresql\\.util\\.PSQLException"
                    + "|ERROR:\\s+syntax error at or near|unterminated quoted string at or near"),
            named("mssql", "Unclosed quotation mark after the character string|Microsoft SQL Native Client error|ODBC SQL Server Driver"
                    + "|System\\.Data\\.SqlClient\\.SqlException|Incorrect syntax near|OLE DB.{0,40}SQL Server|\\[SQL Server\\]"),
            named("oracle", "\\bORA-\\d{5}\\b|Oracle error|quoted string not properly terminated|oracle\\.jdbc"),
            named("sqlite", "SQLite3::(?:query|exec|prepare|querySingle)|Warning: sqlite_|SQLite\\.Exception|System\\.Data\\.SQLite\\.SQLiteException"
                    + "|\\[SQLITE_ERROR\\]|sqlite3\\.OperationalError|near \"[^\"]{0,40}\": syntax error|unrecognized token: \""),
            named("generic", "SQLSTATE\\[\\w+\\]|PDOException|java\\.sql\\.SQLException|DB2 SQL error|Dynamic SQL Error"
                    + "|Sybase message|\\bSQL syntax.{0,40}error|syntax error.{0,30}\\bSQL\\b"));
    private static final Pattern USER_PASS_HOST = Pattern.compile(
            "(?<![\\w/:.-])([A-Za-z_][\\w.$-]{0,31}):([^\\s:@/<>'\"()]{1,64})@([A-Za-z0-9][\\w.-]{0,253})");
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "\\b(?:mysql|postgres(?:ql)?|mongodb(?:\\+srv)?|redis|amqp|ftp|jdbc:[a-z]+|mssql|sqlserver)://([^\\s:@/]{1,64}):([^\\s@/]{1,64})@([\\w.-]+)");
    private static final Pattern PASSWORD_ASSIGN = Pattern.compile(
            "(?i)\\b(?:password|passwd|pwd|db_pass(?:word)?)\\s*(?:=|:|=>)\\s*['\"]?([^\\s'\"<>;&,)]{3,64})");
    private static final Set<String> NOT_USERS = Set.of("mailto", "tel", "sip", "sips", "xmpp", "urn", "news", "data",
            "javascript", "http", "https", "ftp", "cid", "mid");
    private static final Pattern PASSWD = Pattern.compile("\\broot:[^:\\s]{0,16}:0:0:[^:\\n]{0,64}:/[^:\\n]{0,64}:");
    private static final Pattern SHADOW_HASH = Pattern.compile(
            "\\b[a-z_][a-z0-9_-]{0,31}:\\$(?:1|2[abxy]?|5|6|y|gy|7)\\$[^:\\s]{8,}:\\d{0,6}:");
    private static final Pattern SHADOW_LOCKED = Pattern.compile("(?m)^[a-z_][a-z0-9_-]{0,31}:[!*]{1,2}:\\d{0,6}:\\d{0,6}:\\d{0,6}:");
    private static final Pattern WIN_INI = Pattern.compile("; for 16-bit app support|\\[fonts\\]\\s+\\[extensions\\]");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern DIR_LISTING = Pattern.compile(
            "<title>\\s*Index of /[^<]{0,200}</title>|<h1>\\s*Index of /|<title>\\s*Directory listing for /|<title>\\s*Directory Listing For");
    private static final Pattern COMMAND_OUTPUT = Pattern.compile("\\buid=\\d+\\([^)\\s]{1,32}\\)\\s+gid=\\d+\\(");
    private static final Pattern STACK_TRACE = Pattern.compile("Traceback \\(most recent call last\\)"
            + "|\\bat [\\w.$]+\\([\\w]+\\.java:\\d+\\)|(?:Fatal error|Warning|Notice|Parse error|Deprecated)</b>?:.{0,400}? in <b>?(/[^<\\s]+\\.php)</b>? on line"
            + "|(?:Fatal error|Warning|Notice|Parse error): .{0,400}? in (/[^\\s]+\\.php) on line \\d+");
    private static final Pattern PHPINFO = Pattern.compile("<title>phpinfo\\(\\)</title>|<h1 class=\"p\">PHP Version \\d");
    private static final Pattern SECRETS = Pattern.compile(
            "(?m)^(?:DB_PASSWORD|DATABASE_URL|AWS_SECRET_ACCESS_KEY|SECRET_KEY|APP_KEY|MAIL_PASSWORD|REDIS_PASSWORD)\\s*=\\s*\\S+");
    private static final Pattern GIT = Pattern.compile("\\A\\s*ref: refs/heads/|\\[core\\]\\s+repositoryformatversion");
    private static final Pattern PHP_PATH = Pattern.compile(" in (/[\\w./-]+\\.(?:php|py|rb|java|js|pl|inc)) on line \\d+");

    private ResponseSignals() {}

    private static Named named(String name, String regex) {
        return new Named(name, Pattern.compile(regex));
    }

    /** Kept body text when the body is text (by its type or its bytes), at most {@code maxChars}; else "". */
    public static String text(HttpBody body, String contentType, int maxChars) {
        if (body == null || body.keptLength() == 0) return "";
        byte[] b = body.prefix(maxChars);
        int n = b.length;
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean texty = ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("javascript");
        if (!texty) {
            int printable = 0, probe = Math.min(n, 512);
            for (int i = 0; i < probe; i++) {
                int v = b[i] & 0xff;
                if (v >= 0x20 && v < 0x7f || v == '\n' || v == '\r' || v == '\t') printable++;
            }
            if (probe == 0 || printable * 10 < probe * 9) return "";
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Literal words, one of which every database error pattern contains: pages without any of them (nearly all)
     * skip the regular expressions.
     */
    private static final String[] DB_WORDS = {"SQL", "sql", "Sql", "ORA-", "Oracle", "oracle", "pg_", "PG::", "syntax",
            "quoted string", "quotation", "unrecognized token", "PDOException", "Sybase", "MariaDB"};

    private static boolean containsAny(String text, String... words) {
        for (String w : words) if (text.contains(w)) return true;
        return false;
    }

    /** The database error a page shows (engine and message), or null. */
    public static Signal dbError(String text) {
        if (text.isEmpty() || !containsAny(text, DB_WORDS)) return null;
        for (Named n : DB_ERRORS) {
            Matcher m = n.pattern().matcher(text);
            if (m.find()) return new Signal("db_error", n.name(), excerpt(text, m.start(), m.end()));
        }
        return null;
    }

    /** Credentials printed in a page ({@code user:password@host}, connection URLs, {@code password=…}). */
    public static List<Signal> credentials(String text) {
        List<Signal> out = new ArrayList<>(1);
        if (text.isEmpty() || text.indexOf('@') < 0 && text.indexOf('=') < 0 && text.indexOf(':') < 0) return out;
        Set<String> seen = new LinkedHashSet<>();
        Matcher m = URL_CREDENTIALS.matcher(text);
        while (m.find() && out.size() < 8) {
            String c = m.group(1) + ":" + m.group(2) + "@" + m.group(3);
            if (seen.add(c)) out.add(new Signal("credentials", c, excerpt(text, m.start(), m.end())));
        }
        m = USER_PASS_HOST.matcher(text);
        while (m.find() && out.size() < 8) {
            if (NOT_USERS.contains(m.group(1).toLowerCase(Locale.ROOT))) continue;
            String c = m.group(1) + ":" + m.group(2) + "@" + m.group(3);
            boolean dup = false;
            for (String s : seen) if (s.endsWith(c) || c.endsWith(s)) dup = true;
            if (!dup && seen.add(c)) out.add(new Signal("credentials", c, excerpt(text, m.start(), m.end())));
        }
        m = PASSWORD_ASSIGN.matcher(text);
        while (m.find() && out.size() < 8) {
            String c = "password=" + m.group(1);
            if (seen.add(c)) out.add(new Signal("credentials", c, excerpt(text, m.start(), m.end())));
        }
        return out;
    }

    /** /etc/passwd, /etc/shadow or win.ini content: the file's name, or null. */
    public static Signal systemFile(String text) {
        if (text.isEmpty() || !containsAny(text, ":$", ":!", ":*", "root:", "16-bit", "[fonts]")) return null;
        Matcher m = SHADOW_HASH.matcher(text);
        if (m.find()) return new Signal("system_file", "/etc/shadow", excerpt(text, m.start(), m.end()), m.start());
        m = SHADOW_LOCKED.matcher(text);
        if (countMatches(SHADOW_LOCKED, text) >= 2 && !PASSWD.matcher(text).find() && m.find()) {
            return new Signal("system_file", "/etc/shadow", excerpt(text, m.start(), m.end()), m.start());
        }
        m = PASSWD.matcher(text);
        if (m.find()) return new Signal("system_file", "/etc/passwd", excerpt(text, m.start(), m.end()), m.start());
        m = WIN_INI.matcher(text);
        if (m.find()) return new Signal("system_file", "win.ini", excerpt(text, m.start(), m.end()), m.start());
        return null;
    }

    public static Signal privateKey(String text) {
        return text.contains("PRIVATE KEY") ? find(PRIVATE_KEY, text, "private_key") : null;
    }

    public static Signal directoryListing(String text) {
        return containsAny(text, "Index of /", "Directory listing for /", "Directory Listing For")
                ? find(DIR_LISTING, text, "directory_listing") : null;
    }

    public static Signal commandOutput(String text) {
        return text.contains("uid=") ? find(COMMAND_OUTPUT, text, "command_output") : null;
    }

    public static Signal stackTrace(String text) {
        return containsAny(text, "Traceback", ".java:", " on line") ? find(STACK_TRACE, text, "stack_trace") : null;
    }

    public static Signal phpinfo(String text) {
        return containsAny(text, "phpinfo()", "PHP Version") ? find(PHPINFO, text, "phpinfo") : null;
    }

    public static Signal secrets(String text) {
        return containsAny(text, "DB_PASSWORD", "DATABASE_URL", "AWS_SECRET_ACCESS_KEY", "SECRET_KEY", "APP_KEY",
                "MAIL_PASSWORD", "REDIS_PASSWORD") ? find(SECRETS, text, "secrets") : null;
    }

    public static Signal sourceControl(String text) {
        return containsAny(text, "ref: refs/heads/", "repositoryformatversion") ? find(GIT, text, "source_control") : null;
    }

    /** Server-side file paths named in error messages ({@code in /var/www/html/index.php on line 9}). */
    public static List<String> serverPaths(String text) {
        List<String> out = new ArrayList<>(1);
        if (!text.contains(" on line ")) return out;
        Matcher m = PHP_PATH.matcher(text);
        while (m.find() && out.size() < 4) if (!out.contains(m.group(1))) out.add(m.group(1));
        return out;
    }

    private static Signal find(Pattern p, String text, String kind) {
        if (text.isEmpty()) return null;
        Matcher m = p.matcher(text);
        return m.find() ? new Signal(kind, m.group(), excerpt(text, m.start(), m.end()), m.start()) : null;
    }

    private static int countMatches(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find() && n < 3) n++;
        return n;
    }

    /** The text around a match, on one line, at most about 200 characters. */
    static String excerpt(String text, int start, int end) {
        int a = Math.max(0, start - 60);
        int b = Math.min(text.length(), Math.max(end, start) + 60);
        String s = text.substring(a, b).replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        return (a > 0 ? "…" : "") + s + (b < text.length() ? "…" : "");
    }
}
