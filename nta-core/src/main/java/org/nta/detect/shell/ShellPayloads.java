package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reverse and bind shell one-liners in text: bash and awk /dev/tcp, nc/ncat/netcat with -e/-c or a shell pipe,
 * mkfifo loops, telnet pipes, socat, Python, Perl, PHP, Ruby, Node and Java sockets, PowerShell TCPClient (also in
 * -EncodedCommand). Each gives the address and port it names.
 */
final class ShellPayloads {
    private ShellPayloads() {}

    /**
     * @param kind     what carries the shell (bash /dev/tcp, netcat -e, python socket, …)
     * @param host     the address or name the payload connects to (reverse), or listens on (bind; null = any)
     * @param port     the port it names
     * @param bind     true when the payload listens and waits for the attacker
     * @param language the interpreter, for ATT&CK (unix, python, powershell, perl, php, ruby, node, java)
     * @param text     the payload as found (bounded)
     */
    record Payload(String kind, String host, int port, boolean bind, String language, String text) {
        List<String> techniques() {
            return switch (language) {
                case "python" -> List.of("T1059.006", "T1059.004");
                case "powershell" -> List.of("T1059.001");
                case "unix" -> List.of("T1059.004");
                default -> List.of("T1059", "T1059.004");
            };
        }
    }

    private static final String HOST = "(\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*[0-9A-Fa-f]|[A-Za-z0-9][A-Za-z0-9.-]{0,252})";
    private static final Pattern DEV_TCP = Pattern.compile("/dev/(tcp|udp)/" + HOST + "/(\\d{1,5})");
    private static final Pattern AWK_INET = Pattern.compile("/inet/(tcp|udp)/(\\d{1,5})/" + HOST + "/(\\d{1,5})");
    private static final Pattern NETCAT = Pattern.compile("(?<![\\w.-])(nc|ncat|netcat|nc\\.traditional|nc\\.openbsd|busybox nc)(?:\\.exe)?((?:\\s+[^;|&\\n<>]+)+)");
    private static final Pattern TELNET = Pattern.compile("(?<![\\w.-])telnet\\s+" + HOST + "\\s+(\\d{1,5})");
    private static final Pattern SOCAT_CONNECT = Pattern.compile("(?i)(?:tcp[46]?|tcp[46]?-connect|openssl|openssl-connect|ssl):" + HOST + ":(\\d{1,5})");
    private static final Pattern SOCAT_LISTEN = Pattern.compile("(?i)(?:tcp[46]?-listen|tcp[46]?-l|openssl-listen):(\\d{1,5})");
    private static final Pattern PY_CONNECT = Pattern.compile("connect\\(\\s*\\(\\s*['\"]" + HOST + "['\"]\\s*,\\s*(\\d{1,5})\\s*\\)\\s*\\)");
    private static final Pattern PY_CREATE = Pattern.compile("create_connection\\(\\s*\\(\\s*['\"]" + HOST + "['\"]\\s*,\\s*(\\d{1,5})");
    private static final Pattern PY_BIND = Pattern.compile("bind\\(\\s*\\(\\s*['\"]([^'\"]*)['\"]\\s*,\\s*(\\d{1,5})\\s*\\)\\s*\\)");
    private static final Pattern PERL = Pattern.compile("sockaddr_in\\(\\s*(\\$\\w+|\\d{1,5})\\s*,\\s*inet_aton\\(\\s*(\\$\\w+|['\"]" + HOST + "['\"])");
    private static final Pattern PERL_IO = Pattern.compile("PeerAddr\\s*=>\\s*['\"]" + HOST + ":(\\d{1,5})['\"]");
    private static final Pattern PHP_SOCK = Pattern.compile("(?i)(fsockopen|pfsockopen|stream_socket_client)\\(\\s*(\\$\\w+|['\"](?:tcp://|udp://)?" + HOST + "(?::(\\d{1,5}))?['\"])\\s*(?:,\\s*(\\$\\w+|\\d{1,5}))?");
    private static final Pattern RUBY = Pattern.compile("TCPSocket\\.(?:new|open)\\(\\s*['\"]" + HOST + "['\"]\\s*,\\s*['\"]?(\\d{1,5})");
    private static final Pattern NODE = Pattern.compile("\\.connect\\(\\s*(\\d{1,5})\\s*,\\s*['\"]" + HOST + "['\"]");
    private static final Pattern JAVA = Pattern.compile("new\\s+(?:java\\.net\\.)?Socket\\(\\s*['\"]" + HOST + "['\"]\\s*,\\s*(\\d{1,5})\\s*\\)");
    private static final Pattern PS_TCP = Pattern.compile("(?i)TCPClient\\(\\s*['\"]" + HOST + "['\"]\\s*,\\s*(\\d{1,5})\\s*\\)");
    private static final Pattern PS_LISTEN = Pattern.compile("(?i)TcpListener\\(\\s*(?:\\[[^\\]]*\\]::\\w+\\s*,\\s*)?(\\d{1,5})\\s*\\)");
    private static final Pattern PS_ENC = Pattern.compile("(?i)-e(?:nc|ncodedcommand|c)?\\s+([A-Za-z0-9+/]{16,}={0,2})");
    private static final Pattern VAR = Pattern.compile("\\$(\\w+)\\s*=\\s*['\"]?([\\w.:\\[\\]-]+)['\"]?\\s*;");
    private static final Pattern SHELL_HINT = Pattern.compile("(?i)(/bin/(ba|da|z|k)?sh|\\bsh\\s+-i|\\bbash\\s+-i|cmd\\.exe|powershell|\\bsh\\b)");
    private static final Pattern KEYWORDS = Pattern.compile("(?i)/dev/tcp|/dev/udp|/inet/tcp|\\bnc\\b|ncat|netcat|socat|telnet|socket|sockopen|stream_socket_client|tcpclient|tcplistener|tcpsocket|sockaddr_in|peeraddr|\\.connect\\(|-enc");

    /** The payloads in this text (at most a few per kind), decoded PowerShell included. */
    static List<Payload> find(String text) {
        List<Payload> out = new ArrayList<>();
        if (text == null || text.isEmpty() || !KEYWORDS.matcher(text).find()) return out;
        find(text, out, 0);
        return out;
    }

    private static void find(String text, List<Payload> out, int depth) {
        Matcher m = DEV_TCP.matcher(text);
        while (m.find()) add(out, "bash /dev/" + m.group(1), m.group(2), m.group(3), false, "unix", text);
        m = AWK_INET.matcher(text);
        while (m.find()) {
            if (m.group(2).equals("0")) add(out, "awk /inet", m.group(3), m.group(4), false, "unix", text);
            else add(out, "awk /inet listener", null, m.group(2), true, "unix", text);
        }
        m = NETCAT.matcher(text);
        while (m.find()) netcat(m.group(1), m.group(2), text, out);
        m = TELNET.matcher(text);
        while (m.find()) if (SHELL_HINT.matcher(text).find()) add(out, "telnet pipe", m.group(1), m.group(2), false, "unix", text);
        String low = text.toLowerCase(Locale.ROOT);
        if (low.contains("socat") && (low.contains("exec:") || low.contains("system:"))) {
            m = SOCAT_CONNECT.matcher(text);
            while (m.find()) add(out, "socat", m.group(1), m.group(2), false, "unix", text);
            m = SOCAT_LISTEN.matcher(text);
            while (m.find()) add(out, "socat listener", null, m.group(1), true, "unix", text);
        }
        boolean python = text.contains("socket") && (text.contains("subprocess") || text.contains("pty") || text.contains("dup2") || text.contains("/bin/"));
        if (python) {
            m = PY_CONNECT.matcher(text);
            while (m.find()) add(out, "python socket", m.group(1), m.group(2), false, "python", text);
            m = PY_CREATE.matcher(text);
            while (m.find()) add(out, "python socket", m.group(1), m.group(2), false, "python", text);
            m = PY_BIND.matcher(text);
            while (m.find()) add(out, "python bind socket", m.group(1).isEmpty() ? null : m.group(1), m.group(2), true, "python", text);
        }
        Map<String, String> vars = null;
        m = PERL.matcher(text);
        while (m.find()) {
            if (vars == null) vars = vars(text);
            String port = resolve(m.group(1), vars);
            String host = m.group(3) != null ? m.group(3) : resolve(m.group(2), vars);
            add(out, "perl socket", host, port, false, "perl", text);
        }
        m = PERL_IO.matcher(text);
        while (m.find()) add(out, "perl socket", m.group(1), m.group(2), false, "perl", text);
        m = PHP_SOCK.matcher(text);
        while (m.find()) {
            if (!SHELL_HINT.matcher(text).find() && !text.contains("proc_open") && !text.contains("shell_exec")) continue;
            if (vars == null) vars = vars(text);
            String host = m.group(3) != null ? m.group(3) : resolve(m.group(2), vars);
            String port = m.group(4) != null ? m.group(4) : resolve(m.group(5), vars);
            add(out, "php socket", host, port, false, "php", text);
        }
        m = RUBY.matcher(text);
        while (m.find()) add(out, "ruby socket", m.group(1), m.group(2), false, "ruby", text);
        if (text.contains("child_process")) {
            m = NODE.matcher(text);
            while (m.find()) add(out, "node socket", m.group(2), m.group(1), false, "node", text);
        }
        if (text.contains("exec") || text.contains("ProcessBuilder")) {
            m = JAVA.matcher(text);
            while (m.find()) add(out, "java socket", m.group(1), m.group(2), false, "java", text);
        }
        m = PS_TCP.matcher(text);
        while (m.find()) add(out, "powershell TCPClient", m.group(1), m.group(2), false, "powershell", text);
        m = PS_LISTEN.matcher(text);
        while (m.find()) add(out, "powershell TcpListener", null, m.group(1), true, "powershell", text);
        String lower = text.toLowerCase(Locale.ROOT);
        if (depth == 0 && (lower.contains("powershell") || lower.contains("pwsh"))) {
            m = PS_ENC.matcher(text);
            while (m.find()) {
                String decoded = ValueDecoder.utf16Base64(m.group(1));
                if (decoded != null) find(decoded, out, depth + 1);
            }
        }
    }

    /** nc/ncat: options, then host and port (client) or -l with -p/positional port (listener); needs a shell. */
    private static void netcat(String program, String args, String text, List<Payload> out) {
        String[] w = args.trim().split("\\s+");
        boolean listen = false, exec = false;
        String port = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            String a = w[i];
            if (a.startsWith("--")) {
                if (a.startsWith("--exec") || a.startsWith("--sh-exec") || a.startsWith("--lua-exec")) {
                    exec = true;
                    if (!a.contains("=")) i++;
                } else if (a.equals("--listen")) listen = true;
                continue;
            }
            if (a.startsWith("-") && a.length() > 1) {
                String flags = a.substring(1);
                for (int k = 0; k < flags.length(); k++) {
                    char f = flags.charAt(k);
                    if (f == 'l') listen = true;
                    if (f == 'e' || f == 'c') {
                        exec = true;
                        if (k == flags.length() - 1) i++;
                        break;
                    }
                    if (f == 'p' || f == 'w' || f == 'i' || f == 's' || f == 'q') {
                        String v = k < flags.length() - 1 ? flags.substring(k + 1) : (i + 1 < w.length ? w[++i] : null);
                        if (f == 'p') port = v;
                        break;
                    }
                }
                continue;
            }
            positional.add(a);
        }
        boolean shell = exec || SHELL_HINT.matcher(text).find() && (text.contains("|") || text.contains("mkfifo"));
        if (!shell) return;
        String kind = text.contains("mkfifo") ? "mkfifo + " + program : program + (exec ? " -e" : " pipe");
        if (listen) {
            String p = port != null ? port : positional.isEmpty() ? null : positional.get(positional.size() - 1);
            add(out, kind + " listener", null, p, true, "unix", text);
        } else if (positional.size() >= 2) {
            add(out, kind, positional.get(positional.size() - 2), positional.get(positional.size() - 1), false, "unix", text);
        }
    }

    private static Map<String, String> vars(String text) {
        Map<String, String> v = new HashMap<>();
        Matcher m = VAR.matcher(text);
        while (m.find() && v.size() < 64) v.putIfAbsent(m.group(1), m.group(2));
        return v;
    }

    private static String resolve(String token, Map<String, String> vars) {
        if (token == null) return null;
        String t = token.replace("'", "").replace("\"", "");
        return t.startsWith("$") ? vars.get(t.substring(1)) : t;
    }

    private static void add(List<Payload> out, String kind, String host, String port, boolean bind, String language, String text) {
        if (port == null || out.size() >= 16) return;
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return; // not a port number: not a payload we can follow
        }
        if (p <= 0 || p > 65535) return;
        String h = host == null ? null : host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h != null && (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::"))) {
            if (!bind) return;
            h = null;
        }
        if (h != null && !bind && IpText.canonical(h) == null && !h.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|localhost")) return;
        for (Payload q : out) if (q.port == p && java.util.Objects.equals(q.host, h) && q.bind == bind) return;
        out.add(new Payload(kind, h, p, bind, language, Text.excerpt(text.strip(), 2048)));
    }
}
