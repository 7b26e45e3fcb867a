package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an uploaded file would be on a web server: a server-side script (by its name, whatever type was declared, or
 * by its content), and whether it is a web shell — code that runs commands or code taken from the request — with
 * the calls that do it and the request parameters it reads.
 */
final class ScriptInspector {
    private ScriptInspector() {}

    /** A request input the script reads: parameter name and where it comes from (GET, POST, GET or POST, COOKIE, HEADER). */
    record Input(String parameter, String method) {
    }

    /**
     * @param language     php, jsp, asp, aspx, coldfusion, perl, python, ruby, shell, cgi, ssi or server-config;
     *                     null when the file is not executable on a server
     * @param byName       the file name makes the server run it
     * @param byContent    the content is server-side code
     * @param reasons      why it counts as a script (for people)
     * @param webshell     it runs commands or code taken from the request (or decodes and evaluates a hidden payload)
     * @param capabilities the calls that do it, as written ("system($_GET["cmd"])")
     * @param inputs       request parameters it reads
     * @param base64Input  it base64-decodes what it runs
     */
    record Inspection(String language, boolean byName, boolean byContent, List<String> reasons, boolean webshell,
                      List<String> capabilities, List<Input> inputs, boolean base64Input) {
        boolean isScript() {
            return language != null;
        }

        /** The input the shell most likely takes its command from (the one its capability mentions, else the first). */
        Input commandInput() {
            for (String c : capabilities) for (Input i : inputs) if (c.contains(i.parameter)) return i;
            return inputs.isEmpty() ? null : inputs.get(0);
        }
    }

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("php", "php"), Map.entry("php3", "php"), Map.entry("php4", "php"), Map.entry("php5", "php"),
            Map.entry("php7", "php"), Map.entry("php8", "php"), Map.entry("pht", "php"), Map.entry("phtml", "php"),
            Map.entry("phar", "php"), Map.entry("phps", "php"), Map.entry("pgif", "php"), Map.entry("inc", "php"),
            Map.entry("jsp", "jsp"), Map.entry("jspx", "jsp"), Map.entry("jsw", "jsp"), Map.entry("jsv", "jsp"),
            Map.entry("jspf", "jsp"), Map.entry("asp", "asp"), Map.entry("asa", "asp"), Map.entry("cer", "asp"),
            Map.entry("aspx", "aspx"), Map.entry("ashx", "aspx"), Map.entry("asmx", "aspx"), Map.entry("ascx", "aspx"),
            Map.entry("cshtml", "aspx"), Map.entry("vbhtml", "aspx"), Map.entry("cfm", "coldfusion"),
            Map.entry("cfml", "coldfusion"), Map.entry("cfc", "coldfusion"), Map.entry("cgi", "cgi"),
            Map.entry("pl", "perl"), Map.entry("pm", "perl"), Map.entry("py", "python"), Map.entry("rb", "ruby"),
            Map.entry("sh", "shell"), Map.entry("bash", "shell"), Map.entry("shtml", "ssi"), Map.entry("stm", "ssi"));
    /** Files that change how the server treats other files. */
    private static final Set<String> CONFIG_NAMES = Set.of(".htaccess", ".user.ini", "web.config");

    private static final Pattern PHP_CALL = Pattern.compile(
            "(?i)(?<![\\w$>:])(system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec|eval|assert|create_function|"
            + "call_user_func(?:_array)?|preg_replace|include|include_once|require|require_once)\\s*\\(");
    private static final Pattern PHP_BACKTICK = Pattern.compile("`[^`]*\\$_(GET|POST|REQUEST|COOKIE|SERVER)[^`]*`");
    private static final Pattern PHP_DYNAMIC_CALL = Pattern.compile("\\$_(GET|POST|REQUEST|COOKIE)\\s*\\[[^\\]]{1,64}\\]\\s*\\(");
    private static final Pattern PHP_INPUT = Pattern.compile("\\$_(GET|POST|REQUEST|COOKIE|SERVER|FILES)\\s*\\[\\s*['\"]?([\\w.-]{1,64})['\"]?\\s*\\]");
    private static final Pattern PHP_RAW_INPUT = Pattern.compile("php://input|getallheaders\\s*\\(");
    private static final Pattern JAVA_CALL = Pattern.compile("(Runtime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exec|new\\s+ProcessBuilder|ScriptEngineManager)\\s*\\(");
    private static final Pattern JAVA_INPUT = Pattern.compile("request\\s*\\.\\s*get(?:Parameter|Header)\\s*\\(\\s*\"([^\"]{1,64})\"");
    private static final Pattern ASP_CALL = Pattern.compile("(?i)(WScript\\.Shell|Shell\\.Application|\\.Exec\\s*\\(|\\.Run\\s*\\(|Process\\.Start\\s*\\(|ProcessStartInfo|\\bExecute(?:Global)?\\s*\\(|\\beval\\s*\\()");
    private static final Pattern ASP_INPUT = Pattern.compile("(?i)Request(?:\\.(Form|QueryString|Cookies|Params))?\\s*[(\\[]\\s*\"([^\"]{1,64})\"");
    private static final Pattern PERL_PY_CALL = Pattern.compile("(os\\.system|os\\.popen|subprocess\\.\\w+|\\bsystem\\s*\\(|\\bexec\\s*\\(|\\bqx[({/]|`[^`\\n]{1,200}`|\\beval\\s*\\(?)");
    private static final Pattern PERL_PY_INPUT = Pattern.compile("(?:param|getvalue|getfirst)\\s*\\(\\s*['\"]([\\w.-]{1,64})['\"]|\\$ENV\\{['\"]?QUERY_STRING|os\\.environ\\[['\"]QUERY_STRING");
    private static final Pattern SSI_EXEC = Pattern.compile("(?i)<!--#exec\\s+(cmd|cgi)\\s*=\\s*\"([^\"]{0,200})\"");
    private static final Pattern BASE64 = Pattern.compile("(?i)base64_decode|FromBase64String|b64decode|decode_base64|Base64\\.getDecoder");
    private static final Pattern EVAL_BLOB = Pattern.compile("(?i)(eval|assert)\\s*\\(\\s*(gzinflate|gzuncompress|str_rot13|base64_decode)");

    static Inspection inspect(String filename, byte[] content) {
        String name = filename == null ? "" : filename;
        List<String> reasons = new ArrayList<>();
        String byName = languageByName(name, reasons);
        String text = Text.utf8(content);
        String byContent = languageByContent(text);
        if (byContent != null) reasons.add("content is " + label(byContent) + " code");
        String language = byName != null ? byName : byContent; // how the server will run it wins over what it looks like
        Set<String> caps = new LinkedHashSet<>();
        Set<Input> inputs = new LinkedHashSet<>();
        boolean hidden = false;
        if (language != null) {
            Set<String> langs = new LinkedHashSet<>();
            if (byName != null) langs.add(byName);
            if (byContent != null) langs.add(byContent);
            capabilities(text, langs, caps, inputs);
            hidden = EVAL_BLOB.matcher(text).find();
        }
        boolean webshell = !caps.isEmpty() && (!inputs.isEmpty() || hidden || PHP_RAW_INPUT.matcher(text).find());
        if (webshell) reasons.add(inputs.isEmpty() ? "evaluates a hidden payload" : "runs commands or code from the request");
        boolean b64 = webshell && BASE64.matcher(text).find();
        return new Inspection(language, byName != null, byContent != null, reasons, webshell, new ArrayList<>(caps),
                new ArrayList<>(inputs), b64);
    }

    /** The language the server would run this file name as, with tricks noted in {@code reasons}; or null. */
    static String languageByName(String filename, List<String> reasons) {
        String n = filename;
        int nul = n.indexOf('\0');
        if (nul < 0) nul = n.indexOf("%00");
        if (nul >= 0) {
            reasons.add("NUL byte cuts the name");
            n = n.substring(0, nul);
        }
        n = Text.lastSegment(n).toLowerCase(Locale.ROOT);
        String trimmed = n.replaceAll("[. ]+$", "");
        if (!trimmed.equals(n)) reasons.add("trailing dots or spaces in the name");
        n = trimmed;
        if (CONFIG_NAMES.contains(n)) {
            reasons.add(n + " changes how the server runs other files");
            return "server-config";
        }
        int semi = n.indexOf(';');
        if (semi >= 0) {
            String before = n.substring(0, semi);
            String lang = EXTENSIONS.get(ext(before));
            if (lang != null) {
                reasons.add("';' hides the extension ." + ext(before) + " (IIS)");
                return lang;
            }
        }
        String[] parts = n.split("\\.");
        if (parts.length < 2) return null;
        String last = parts[parts.length - 1];
        String lang = EXTENSIONS.get(last);
        if (lang != null) {
            reasons.add("extension ." + last + " runs as " + label(lang));
            return lang;
        }
        for (int i = parts.length - 2; i >= 1; i--) {
            lang = EXTENSIONS.get(parts[i]);
            if (lang != null) {
                reasons.add("double extension ." + parts[i] + "." + last + " (runs as " + label(lang) + " on servers that map any .php part)");
                return lang;
            }
        }
        return null;
    }

    private static String ext(String n) {
        int d = n.lastIndexOf('.');
        return d < 0 ? "" : n.substring(d + 1);
    }

    static String languageByContent(String text) {
        String head = text.length() > 65536 ? text.substring(0, 65536) : text;
        String lower = head.toLowerCase(Locale.ROOT);
        if (binary(head)) {
            // an image or archive: only unmistakable openings count (short ones like "<%" occur by chance)
            if (lower.contains("<?php")) return "php";
            if (lower.contains("<%@ page") || lower.contains("<jsp:")) return "jsp";
            if (lower.contains("<%@ language") || lower.contains("runat=\"server\"")) return "asp";
            return null;
        }
        if (lower.contains("<?php") || lower.contains("<?=") || PHP_INPUT.matcher(head).find() && lower.contains("<?")) return "php";
        if (lower.contains("<%@ page") || lower.contains("<jsp:") || JAVA_CALL.matcher(head).find() && lower.contains("<%")) return "jsp";
        if (lower.contains("<%@ language") || lower.contains("runat=\"server\"") || lower.contains("<%@ webhandler")
                || lower.contains("<%") && ASP_CALL.matcher(head).find()) return "asp";
        if (SSI_EXEC.matcher(head).find()) return "ssi";
        if (lower.startsWith("#!")) {
            String first = lower.lines().findFirst().orElse("");
            if (first.contains("perl")) return "perl";
            if (first.contains("python")) return "python";
            if (first.contains("ruby")) return "ruby";
            if (first.contains("sh")) return "shell";
        }
        return null;
    }

    /** Decoded bytes with NULs, replacement characters or many control characters: not text. */
    private static boolean binary(String s) {
        int n = Math.min(s.length(), 4096), bad = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\ufffd' || c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c) bad++;
        }
        return bad * 20 > n;
    }

    private static void capabilities(String text, Set<String> langs, Set<String> caps, Set<Input> inputs) {
        boolean php = langs.contains("php") || text.contains("<?");
        boolean java = langs.contains("jsp");
        boolean asp = langs.contains("asp") || langs.contains("aspx");
        boolean other = !php && !java && !asp;
        Matcher m = PHP_CALL.matcher(php ? text : "");
        while (m.find() && caps.size() < 16) {
            String call = callText(text, m.start(), m.end() - 1);
            String fn = m.group(1).toLowerCase(Locale.ROOT);
            boolean code = fn.startsWith("include") || fn.startsWith("require") || fn.equals("preg_replace") || fn.startsWith("call_user_func");
            // include/require and preg_replace only count with request input inside the call (or /e)
            if (code && !(call.contains("$_") || fn.equals("preg_replace") && call.matches("(?s).*['\"]/.*/[a-z]*e[a-z]*['\"].*"))) continue;
            caps.add(call);
        }
        m = PHP_BACKTICK.matcher(php ? text : "");
        while (m.find() && caps.size() < 16) caps.add(Text.excerpt(m.group(), 120));
        m = PHP_DYNAMIC_CALL.matcher(php ? text : "");
        while (m.find() && caps.size() < 16) caps.add(callText(text, m.start(), m.end() - 1));
        m = JAVA_CALL.matcher(java ? text : "");
        while (m.find() && caps.size() < 16) caps.add(callText(text, m.start(), m.end() - 1));
        m = ASP_CALL.matcher(asp ? text : "");
        while (m.find() && caps.size() < 16) {
            int paren = m.group().endsWith("(") ? m.end() - 1 : -1;
            caps.add(paren > 0 ? callText(text, m.start(), paren) : m.group());
        }
        m = PERL_PY_CALL.matcher(other ? text : "");
        while (m.find() && caps.size() < 16) {
            int paren = text.indexOf('(', m.end() - 1);
            caps.add(paren >= 0 && paren - m.end() < 2 ? callText(text, m.start(), paren) : m.group());
        }
        m = SSI_EXEC.matcher(text);
        while (m.find() && caps.size() < 16) caps.add(m.group());
        m = PHP_INPUT.matcher(text);
        while (m.find() && inputs.size() < 16) {
            String src = m.group(1);
            if (src.equals("FILES")) continue;
            String method = switch (src) {
                case "REQUEST" -> "GET or POST";
                case "SERVER" -> "HEADER";
                default -> src;
            };
            inputs.add(new Input(m.group(2), method));
        }
        m = JAVA_INPUT.matcher(text);
        while (m.find() && inputs.size() < 16) inputs.add(new Input(m.group(1), m.group().contains("Header") ? "HEADER" : "GET or POST"));
        m = ASP_INPUT.matcher(text);
        while (m.find() && inputs.size() < 16) {
            String src = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
            String method = switch (src) {
                case "form" -> "POST";
                case "querystring" -> "GET";
                case "cookies" -> "COOKIE";
                default -> "GET or POST";
            };
            inputs.add(new Input(m.group(2), method));
        }
        m = PERL_PY_INPUT.matcher(text);
        while (m.find() && inputs.size() < 16) inputs.add(new Input(m.group(1) != null ? m.group(1) : "QUERY_STRING", m.group(1) != null ? "GET or POST" : "GET"));
    }

    /** The call from its name to its closing parenthesis (bounded), with runs of white space folded. */
    private static String callText(String text, int start, int open) {
        int depth = 0, end = Math.min(text.length(), open + 200);
        int i = open;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) break;
        }
        String call = text.substring(start, Math.min(i + 1, text.length()));
        return Text.excerpt(call.replaceAll("\\s+", " "), 160);
    }

    static String label(String language) {
        return switch (language) {
            case "php" -> "PHP";
            case "jsp" -> "JSP";
            case "asp" -> "ASP";
            case "aspx" -> "ASP.NET";
            case "coldfusion" -> "ColdFusion";
            case "perl" -> "Perl";
            case "python" -> "Python";
            case "ruby" -> "Ruby";
            case "shell" -> "shell script";
            case "cgi" -> "CGI";
            case "ssi" -> "server-side include";
            default -> language;
        };
    }
}
