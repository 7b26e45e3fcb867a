package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files whose content an attacker reads for accounts and secrets — /etc/passwd, /etc/shadow, SSH private keys,
 * application configuration with passwords — recognised by the command that read them and by what came back.
 */
final class SensitiveFiles {
    private SensitiveFiles() {}

    /**
     * What a read showed.
     *
     * @param kind       passwd, shadow, private_key or config
     * @param what       for people
     * @param details    evidence: accounts, hashes (algorithm only), key types…
     * @param excerpt    the content with secrets cut short
     */
    record Read(String kind, String file, String what, Map<String, Object> details, String excerpt, String technique) {
    }

    private static final Pattern PASSWD_LINE = Pattern.compile("(?m)^([a-z_][a-z0-9_.-]{0,31}):[^:\\n]*:(\\d+):(\\d+):[^:\\n]*:([^:\\n]*):([^:\\n]*)$");
    private static final Pattern SHADOW_LINE = Pattern.compile("(?m)^([a-z_][a-z0-9_.-]{0,31}):([^:\\n]*):(\\d*):(\\d*):(\\d*):(\\d*):[^\\n]*$");
    private static final Pattern KEY = Pattern.compile("-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----");
    private static final Pattern SECRET = Pattern.compile("(?i)(DB_PASSWORD|password|passwd|secret|api_key|apikey|token)\\s*['\"]?\\s*[:=,]\\s*['\"]?([^'\"\\s;,)]{1,128})");

    /** The sensitive content this command's output shows, or null. */
    static Read inspect(String command, String output) {
        CommandLine cl = CommandLine.parse(command);
        if (cl == null || output == null || output.isBlank()) return null;
        String file = cl.fileRead();
        if (file == null) return null;
        String name = Text.lastSegment(file);
        if (name.equals("shadow") || name.equals("shadow-") || name.equals("master.passwd")) return shadow(file, output);
        if (name.equals("passwd") || name.equals("passwd-")) return passwd(file, output);
        if (name.startsWith("id_") && !name.endsWith(".pub") || name.endsWith(".pem") || name.endsWith(".key")) return key(file, output);
        if (name.equals("wp-config.php") || name.equals(".env") || name.startsWith("config") || name.endsWith(".ini")
                || name.equals("web.config") || name.endsWith(".conf") || name.equals("settings.php") || name.equals("database.yml")) {
            return config(file, output);
        }
        return null;
    }

    private static Read passwd(String file, String out) {
        Matcher m = PASSWD_LINE.matcher(out);
        List<String> accounts = new ArrayList<>();
        List<String> login = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            n++;
            if (accounts.size() < 200) accounts.add(m.group(1));
            String shell = m.group(5);
            if (login.size() < 200 && !shell.endsWith("nologin") && !shell.endsWith("false") && !shell.endsWith("sync") && !shell.isEmpty()) login.add(m.group(1));
        }
        if (n < 2) return null;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("accounts", accounts);
        d.put("account_count", n);
        d.put("login_accounts", login);
        return new Read("passwd", file, "the account list " + file + " (" + n + " accounts, login shells: " + String.join(", ", login) + ")",
                d, Text.excerpt(out.strip(), 600), "T1087.001");
    }

    private static Read shadow(String file, String out) {
        Matcher m = SHADOW_LINE.matcher(out);
        List<String> accounts = new ArrayList<>();
        List<Map<String, Object>> hashes = new ArrayList<>();
        StringBuilder redacted = new StringBuilder();
        int n = 0;
        while (m.find()) {
            n++;
            if (accounts.size() < 200) accounts.add(m.group(1));
            String h = m.group(2);
            if (h.length() > 12 && hashes.size() < 200) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("account", m.group(1));
                x.put("algorithm", algorithm(h));
                hashes.add(x);
            }
            if (redacted.length() < 600) redacted.append(m.group(1)).append(':').append(h.length() > 12 ? cut(h) : h).append(":…\n");
        }
        if (n < 1) return null;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("accounts", accounts);
        d.put("account_count", n);
        d.put("password_hashes", hashes);
        return new Read("shadow", file, "the password hashes " + file + " (" + hashes.size() + (hashes.size() == 1 ? " hash" : " hashes") + " of " + n + " accounts)",
                d, redacted.toString().strip(), "T1003.008");
    }

    private static Read key(String file, String out) {
        Matcher m = KEY.matcher(out);
        Set<String> types = new LinkedHashSet<>();
        while (m.find() && types.size() < 8) types.add(m.group(1));
        if (types.isEmpty()) return null;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("key_types", new ArrayList<>(types));
        return new Read("private_key", file, "the private key " + file, d, "-----BEGIN " + types.iterator().next() + "----- …", "T1552.004");
    }

    private static Read config(String file, String out) {
        Matcher m = SECRET.matcher(out);
        List<String> names = new ArrayList<>();
        while (m.find() && names.size() < 32) names.add(m.group(1));
        if (names.isEmpty()) return null;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("secret_names", names);
        return new Read("config", file, "secrets in " + file + " (" + String.join(", ", names) + ")", d,
                Text.excerpt(SECRET.matcher(out.strip()).replaceAll("$1=…"), 600), "T1552.001");
    }

    static String algorithm(String hash) {
        if (hash.startsWith("$6$")) return "sha512crypt";
        if (hash.startsWith("$5$")) return "sha256crypt";
        if (hash.startsWith("$1$")) return "md5crypt";
        if (hash.startsWith("$2")) return "bcrypt";
        if (hash.startsWith("$y$")) return "yescrypt";
        if (hash.startsWith("$7$")) return "scrypt";
        if (hash.startsWith("!") || hash.startsWith("*")) return "locked";
        return "des or unknown";
    }

    /** The hash's algorithm and salt, the hash itself cut. */
    private static String cut(String h) {
        int d = h.lastIndexOf('$');
        return (d > 0 ? h.substring(0, d + 1) : h.substring(0, Math.min(4, h.length()))) + "…";
    }
}
