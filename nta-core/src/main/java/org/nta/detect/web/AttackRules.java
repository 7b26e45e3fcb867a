package org.nta.detect.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises attack payloads in one decoded value: SQL injection, cross-site scripting, path traversal and file
 * inclusion, OS command injection, template injection and JNDI lookups. Each rule names the trick it saw
 * ({@code sqli.union}, {@code traversal.dotdot} …) so an analyst can judge the match. Rules read a lower-cased copy
 * with SQL comments folded to spaces, so {@code UnIoN/**}{@code /SeLeCt} matches like {@code union select}.
 */
public final class AttackRules {
    /**
     * Where a value came from: a path is matched for files asked for directly; other values for files as values.
     * {@code XML_TAG} is one tag of an XML request body ({@link XmlBodies}): only script-execution markers count there.
     */
    public enum Context { PATH, VALUE, HEADER, XML_TAG }

    /** One rule that matched, with the part of the value it matched (shortened). */
    public record Match(AttackKind kind, String rule, String snippet) {
    }

    private record Rule(AttackKind kind, String id, Pattern pattern) {
    }

    private static final String CMDS = "id|whoami|uname|cat|ls|pwd|wget|curl|nc|ncat|netcat|bash|sh|zsh|dash|ping|sleep"
            + "|echo|nslookup|dig|ifconfig|ipconfig|hostname|ps|netstat|systeminfo|powershell|cmd|cmd\\.exe|python[23]?"
            + "|perl|php|ruby|busybox|chmod|rm|touch|tftp|telnet|net\\s+user|certutil|bitsadmin|/bin/(?:ba|z|da)?sh"
            + "|/usr/bin/[a-z]+";
    private static final String CMD_END = "(?=$|[;|&`)'\"<>]|\\s+[-/$.\\d'\"]|\\s*$)";

    private static final List<Rule> RULES = List.of(
            // SQL injection
            rule(AttackKind.SQLI, "sqli.union", "\\bunion(?:\\s+(?:all|distinct))?\\s*\\(?\\s*select\\b"),
            rule(AttackKind.SQLI, "sqli.quote_boolean", "['\")]\\s*(?:and|or|xor|&&|\\|\\|)\\s+[('\"\\s]*[\\w@.]+['\")\\s]*"
                    + "(?:=|<>|!=|<=?|>=?|\\blike\\b|\\bis\\b|\\bin\\b|\\bregexp\\b|\\bbetween\\b)"),
            rule(AttackKind.SQLI, "sqli.numeric_boolean", "\\b(?:and|or|xor)\\s+\\(?\\s*\\d+\\s*(?:=|<>|!=|<|>)\\s*\\(?\\s*\\d+\\b"),
            rule(AttackKind.SQLI, "sqli.comment", "'\\s*\\)*\\s*(?:--|#)|\"\\s*\\)*\\s*--"),
            rule(AttackKind.SQLI, "sqli.stacked", ";\\s*(?:drop|insert|update|delete|select|exec(?:ute)?|declare|shutdown|create|alter|truncate)\\s"),
            rule(AttackKind.SQLI, "sqli.time", "\\b(?:sleep|pg_sleep|benchmark)\\s*\\(\\s*\\d|\\bwaitfor\\s+delay\\s*'|\\bdbms_pipe\\.receive_message\\s*\\("),
            rule(AttackKind.SQLI, "sqli.function", "\\b(?:information_schema|sqlite_master|sqlite_version\\s*\\(|@@version|@@datadir"
                    + "|xp_cmdshell|load_file\\s*\\(|into\\s+(?:out|dump)file|extractvalue\\s*\\(|updatexml\\s*\\(|group_concat\\s*\\("
                    + "|json_group_array\\s*\\(|last_insert_rowid\\s*\\(|randomblob\\s*\\(|utl_inaddr|sys\\.user_tables|pg_catalog"
                    + "|mysql\\.user|sysobjects|concat_ws\\s*\\()"),
            rule(AttackKind.SQLI, "sqli.char_concat", "\\b(?:char|chr|nchar)\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+){2,}\\s*\\)|\\|\\|\\s*(?:char|chr)\\s*\\("),
            rule(AttackKind.SQLI, "sqli.case_when", "\\(\\s*select\\s*\\(?\\s*case\\s+when\\b|\\bcase\\s+when\\s*\\(.{0,200}\\bthen\\b.{0,200}\\belse\\b"),
            rule(AttackKind.SQLI, "sqli.order_by", "(?:^|['\")\\d]\\s*)\\s*order\\s+by\\s+\\d+\\s*(?:--|#|$)"),
            rule(AttackKind.SQLI, "sqli.quote_probe", "^\\d+['\"]+\\)*$"),
            // cross-site scripting
            rule(AttackKind.XSS, "xss.script_tag", "<\\s*/?\\s*script\\b"),
            rule(AttackKind.XSS, "xss.event_handler", "<\\s*[a-z][a-z0-9-]*\\b[^>]*?[\\s/\"'](?:on[a-z]{3,25})\\s*="),
            rule(AttackKind.XSS, "xss.js_uri", "(?:javascript|vbscript|livescript)\\s*:[^\\s]|data:text/html[;,]"),
            rule(AttackKind.XSS, "xss.dangerous_tag", "<\\s*(?:iframe|frame|object|embed|svg|math|base|meta|applet|isindex)\\b"),
            rule(AttackKind.XSS, "xss.tag_break", "['\"]\\s*>\\s*<\\s*[a-z/!]|<['\"]+>"),
            rule(AttackKind.XSS, "xss.js_call", "\\b(?:alert|prompt|confirm)\\s*(?:\\(\\s*(?:\\d|['\"`]|document|window|string\\.fromcharcode)|`)"
                    + "|\\bdocument\\.(?:cookie|domain)\\b|\\bstring\\.fromcharcode\\s*\\("),
            // path traversal and file inclusion
            rule(AttackKind.PATH_TRAVERSAL, "traversal.dotdot", "(?:\\.\\.[\\\\/;]){2,}|(?:\\.\\.[\\\\/])+\\s*(?:etc|windows|winnt"
                    + "|boot\\.ini|proc|var|usr|root|home|inetpub|system32|win\\.ini|web-inf)\\b"),
            rule(AttackKind.PATH_TRAVERSAL, "inclusion.wrapper", "(?:^|[\\s'\"=(])(?:php://(?:filter|input|fd|memory)|expect://"
                    + "|phar://|zip://|data://text/plain|glob://|file:///)"),
            // OS command injection
            rule(AttackKind.CMD_INJECTION, "cmd.separator", "(?:[;&|`\\n]|\\$\\()\\s*(?:" + CMDS + ")" + CMD_END),
            rule(AttackKind.CMD_INJECTION, "cmd.shellshock", "\\(\\)\\s*\\{[^}]{0,40}\\}\\s*;"),
            rule(AttackKind.CMD_INJECTION, "cmd.ifs", "\\$\\{ifs\\}|\\$ifs\\$?\\d?"),
            // template injection
            rule(AttackKind.TEMPLATE_INJECTION, "ssti.arithmetic", "(?:\\{\\{|\\$\\{|#\\{|\\*\\{|@\\{|<%=?|\\{%|\\[\\[)\\s*-?\\d+\\s*"
                    + "[*+/-]\\s*-?\\d+\\s*(?:\\}\\}|\\}|%>|%\\}|\\]\\])"),
            rule(AttackKind.TEMPLATE_INJECTION, "ssti.object_access", "\\{\\{[^}]{0,200}(?:__class__|__globals__|__builtins__"
                    + "|__subclasses__|__init__|__import__|\\bconfig\\b|\\bself\\b|request\\.application|lipsum|cycler|joiner)"
                    + "|\\$\\{[^}]{0,200}(?:getclass\\s*\\(|\\bt\\s*\\(\\s*java\\.lang|runtime\\b|processbuilder|freemarker)"
                    + "|<#assign\\b|#set\\s*\\(\\s*\\$|\\{php\\}"));

    /**
     * Cross-site scripting in one tag of an XML body: what makes a browser run script, a {@code <script>} element, an
     * event-handler attribute, a {@code javascript:} URL, or an element that loads or runs content (iframe, svg …).
     * Not the tag break (every XML attribute closes with a quote before a tag), not object, base, meta or math, which
     * are ordinary element names in XML documents, and an on… attribute only with script in its value (a call, a
     * template literal or an assignment: {@code onload=alert(1)}, not {@code online="true"}).
     */
    private static final List<Rule> XML_TAG_RULES = List.of(
            RULES.get(ruleIndex("xss.script_tag")),
            rule(AttackKind.XSS, "xss.event_handler", "<\\s*[a-z][a-z0-9:-]*\\b[^>]*?[\\s/\"'](?:on[a-z]{3,25})\\s*=\\s*"
                    + "(?:\"[^\"]*[(`=][^\"]*\"|'[^']*[(`=][^']*'|[^\\s>\"']*[(`=])"),
            RULES.get(ruleIndex("xss.js_uri")),
            rule(AttackKind.XSS, "xss.dangerous_tag", "<\\s*(?:iframe|frame|embed|svg|applet|isindex)\\b"));

    private static int ruleIndex(String id) {
        for (int i = 0; i < RULES.size(); i++) if (RULES.get(i).id().equals(id)) return i;
        throw new IllegalStateException(id);
    }

    private static final Pattern SENSITIVE_IN_PATH = Pattern.compile("/etc/(?:passwd|shadow|group|hosts|issue|hostname)\\b"
            + "|/proc/self/(?:environ|cmdline|fd)|(?:^|/)(?:boot|win)\\.ini$|/windows/(?:win\\.ini|system32)");
    private static final Pattern SENSITIVE_AS_VALUE = Pattern.compile("^\\s*(?:file:/*)?(?:/etc/(?:passwd|shadow|group|hosts)\\b"
            + "|/proc/self/|c:[\\\\/](?:windows|boot\\.ini|inetpub)|[\\\\/]windows[\\\\/]win\\.ini)");
    private static final Pattern SQL_SELECT_FROM = Pattern.compile("\\bselect\\b[^;]{0,200}?\\bfrom\\b");
    private static final Pattern HEURISTIC_SOUP = Pattern.compile("[()'\",.]{6,}");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u000b]+");
    private static final Pattern NESTED_CASE = Pattern.compile("\\$\\{(?:lower|upper):([^${}]*)\\}", Pattern.CASE_INSENSITIVE);
    private static final Pattern NESTED_DEFAULT = Pattern.compile("\\$\\{[^${}]*:-([^${}]*)\\}");
    private static final Pattern NESTED_DATE = Pattern.compile("\\$\\{date:'([^'${}]*)'\\}", Pattern.CASE_INSENSITIVE);
    private static final Pattern JNDI = Pattern.compile("\\$\\{\\s*jndi\\s*:\\s*([a-z]+)\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern JNDI_TARGET = Pattern.compile("\\$\\{\\s*jndi\\s*:\\s*([a-z]+)://([^/:}\\s]+)(?::(\\d+))?",
            Pattern.CASE_INSENSITIVE);

    private AttackRules() {}

    private static Rule rule(AttackKind kind, String id, String regex) {
        return new Rule(kind, id, Pattern.compile(regex, Pattern.DOTALL));
    }

    /** Every rule that matches {@code decoded} (at most one match per rule), in rule order. */
    public static List<Match> scan(String decoded, Context where) {
        if (decoded.isEmpty() || !worthScanning(decoded)) return List.of();
        if (where == Context.XML_TAG) return scanTag(decoded);
        List<Match> out = new ArrayList<>(2);
        String norm = normalize(decoded);
        String jndi = jndiNormalize(decoded);
        Matcher j = JNDI.matcher(jndi);
        boolean isJndi = j.find();
        if (isJndi) out.add(new Match(AttackKind.JNDI, decoded.equals(jndi) ? "jndi.lookup" : "jndi.obfuscated", snippet(jndi, j.start(), j.end() + 60)));
        for (Rule r : RULES) {
            if (isJndi && r.kind() == AttackKind.TEMPLATE_INJECTION) continue; // ${jndi:…} is not a template expression
            Matcher m = r.pattern().matcher(norm);
            if (m.find()) out.add(new Match(r.kind(), r.id(), snippet(norm, m.start(), m.end())));
        }
        Matcher sf = SQL_SELECT_FROM.matcher(norm);
        if (!has(out, AttackKind.SQLI) && sf.find() && (norm.indexOf('\'') >= 0 || norm.indexOf('"') >= 0
                || norm.contains("--") || norm.indexOf('(') >= 0 || norm.indexOf(';') >= 0)) {
            out.add(new Match(AttackKind.SQLI, "sqli.select_from", snippet(norm, sf.start(), sf.end())));
        }
        Matcher soup = HEURISTIC_SOUP.matcher(decoded);
        while (soup.find()) {
            String g = soup.group();
            if (g.indexOf('\'') >= 0 && g.indexOf('"') >= 0 && (g.indexOf('(') >= 0 || g.indexOf(')') >= 0)) {
                out.add(new Match(AttackKind.SQLI, "sqli.heuristic_probe", g));
                break;
            }
        }
        if (!has(out, AttackKind.PATH_TRAVERSAL)) {
            Matcher s = (where == Context.PATH ? SENSITIVE_IN_PATH : SENSITIVE_AS_VALUE).matcher(norm);
            if (s.find()) out.add(new Match(AttackKind.PATH_TRAVERSAL, "traversal.sensitive_file", snippet(norm, s.start(), s.end())));
            else if (decoded.indexOf('\0') >= 0 && (decoded.indexOf('/') >= 0 || decoded.indexOf('.') >= 0)) {
                out.add(new Match(AttackKind.PATH_TRAVERSAL, "traversal.null_byte", snippet(norm.replace('\0', '␀'), 0, 80)));
            }
        }
        return out;
    }

    private static List<Match> scanTag(String tag) {
        String norm = normalize(tag);
        List<Match> out = new ArrayList<>(1);
        for (Rule r : XML_TAG_RULES) {
            Matcher m = r.pattern().matcher(norm);
            if (m.find()) out.add(new Match(r.kind(), r.id(), snippet(norm, m.start(), m.end())));
        }
        return out;
    }

    private static final Pattern[] SQLMAP = {
            // boundary with a random four-letter token compared with itself: AND ('RwMh'='RwMh
            Pattern.compile("(['\"])([A-Za-z]{4})\\1\\s*(?:=|LIKE)\\s*\\1\\2"),
            // the random four-letter suffix after the comment: -- zmeq
            Pattern.compile("(?:--|#)\\s[A-Za-z]{4}$"),
            // boolean pairs of four-digit numbers in upper case: AND 8852=8852
            Pattern.compile("\\b(?:AND|OR) \\(*\\d{4}=\\(*\\d{4}\\b"),
            // output markers built with CHAR() or hex, starting and ending with 'q' (113 / 0x71)
            Pattern.compile("CHAR\\(113,\\d+,\\d+,\\d+,113\\)|0x71[0-9a-f]{6}71"),
            Pattern.compile("\\(SELECT \\(CASE WHEN \\("),
            // the heuristic WAF/IPS probe
            Pattern.compile("WHERE 2>1--/\\*\\*/; EXEC xp_cmdshell"),
    };

    /** True when a decoded value follows sqlmap's payload grammar (its boundaries, markers and probes). */
    public static boolean sqlmapGrammar(String decoded) {
        if (decoded.length() < 6) return false;
        for (Pattern p : SQLMAP) if (p.matcher(decoded).find()) return true;
        return false;
    }

    /** Where a JNDI lookup asks the victim to connect: scheme, host and port (or -1), or null. */
    public static String[] jndiTarget(String decoded) {
        Matcher m = JNDI_TARGET.matcher(jndiNormalize(decoded));
        if (!m.find()) return null;
        return new String[] {m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3) == null ? "-1" : m.group(3)};
    }

    static boolean has(List<Match> ms, AttackKind k) {
        for (Match m : ms) if (m.kind() == k) return true;
        return false;
    }

    /** Values of plain characters (words, numbers, simple paths) cannot hold a payload these rules know. */
    static boolean worthScanning(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '_'
                    || c == '.' || c == ',' || c == '/' || c == '+' || c == '-' || c >= 0x80 && Character.isLetter(c);
            if (!plain) return true;
        }
        String l = s.toLowerCase(Locale.ROOT);
        return l.contains("union") || l.contains("select") || l.contains("..") || l.contains("/etc/")
                || l.contains("/proc/") || l.contains(".ini") || l.contains(" and ") || l.contains(" or ")
                || l.contains("order by") || l.contains("waitfor");
    }

    /** Lower case, SQL comments as spaces, runs of white space as one space. */
    static String normalize(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.indexOf("/*") >= 0) l = COMMENTS.matcher(l).replaceAll(" ");
        return SPACES.matcher(l).replaceAll(" ");
    }

    /** Resolves Log4j's nested lookups ({@code ${lower:j}}, {@code ${::-n}}, {@code ${env:X:-d}}) that hide "jndi". */
    static String jndiNormalize(String s) {
        if (s.indexOf("${") < 0) return s;
        String cur = s;
        for (int i = 0; i < 16; i++) {
            String next = NESTED_CASE.matcher(cur).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
            next = NESTED_DATE.matcher(next).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
            next = NESTED_DEFAULT.matcher(next).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
            if (next.equals(cur)) break;
            cur = next;
        }
        return cur;
    }

    static String snippet(String s, int start, int end) {
        int a = Math.max(0, start - 20);
        int b = Math.min(s.length(), Math.max(end, start) + 20);
        String t = s.substring(a, b);
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }
}
