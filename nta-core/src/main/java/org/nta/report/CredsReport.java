package org.nta.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nta.event.Credential;

/**
 * {@code nta creds}: one row per credential use, as a table, documented JSON objects or CSV (docs/json.md). JSON
 * fields: frame (the one carrying the secret), result_frame (the answer's), stream, transport, time (of the secret's
 * frame), client_addr, client_port, server_addr, server_port, protocol, mechanism, user, domain, kind (password,
 * community, hash, token), secret ({@code ****} unless shown), secret_masked, result (accepted, rejected, unknown),
 * hashcat_mode (null unless a hash), detail. Also the hashcat files of {@code --hashcat DIR}.
 */
public final class CredsReport {
    public static final List<String> COLUMNS = List.of("frame", "result_frame", "stream", "transport", "time", "client_addr",
            "client_port", "server_addr", "server_port", "protocol", "mechanism", "user", "domain", "kind", "secret",
            "secret_masked", "result", "hashcat_mode", "detail");
    /** Characters of a shown hash line the table keeps (JSON and CSV keep it whole). */
    static final int TEXT_SECRET_CHARS = 48;
    /** Characters of a user or domain the table keeps (an injection payload in a login form can be long). */
    static final int TEXT_NAME_CHARS = 40;

    private CredsReport() {}

    /** Capture order: the frame that carried the secret, then the answer's. */
    public static List<Credential> sorted(List<Credential> creds) {
        List<Credential> out = new ArrayList<>(creds);
        out.sort((a, b) -> a.secretFrame() != b.secretFrame() ? Long.compare(a.secretFrame(), b.secretFrame()) : Long.compare(a.frame(), b.frame()));
        return out;
    }

    public static Map<String, Object> json(Credential c, int digits, boolean show) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("frame", c.secretFrame());
        o.put("result_frame", c.frame());
        o.put("stream", c.conn().stream());
        o.put("transport", c.conn().transport());
        o.put("time", TimeFormat.isoUtc(c.secretTimeNs(), digits));
        o.put("client_addr", c.conn().clientAddr());
        o.put("client_port", c.conn().clientPort());
        o.put("server_addr", c.conn().serverAddr());
        o.put("server_port", c.conn().serverPort());
        o.put("protocol", c.protocol());
        o.put("mechanism", c.mechanism());
        o.put("user", c.user());
        o.put("domain", c.domain());
        o.put("kind", c.kind().id());
        o.put("secret", c.shownSecret(show));
        o.put("secret_masked", c.secret() != null && !show);
        o.put("result", c.result().id());
        o.put("hashcat_mode", c.hashcatMode() > 0 ? c.hashcatMode() : null);
        o.put("detail", c.detail());
        return o;
    }

    public static String csv(List<Credential> creds, int digits, boolean show) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Credential c : creds) rows.add(json(c, digits, show));
        return Csv.write(COLUMNS, rows);
    }

    public static String text(List<Credential> creds, TimeFormat tf, long captureStartNs, boolean show) {
        TextTable t = new TextTable("Frame", "Result frame", "Stream", tf.mode() == TimeFormat.Mode.ABSOLUTE ? "Time" : "Rel Time",
                "Client", "Server", "Protocol", "Mechanism", "User", "Domain", "Kind", "Secret", "Result");
        t.rightAlign(0, 1, 2);
        for (Credential c : creds) {
            t.add(c.secretFrame(), c.frame(), c.conn().transport() + " " + c.conn().stream(), tf.format(c.secretTimeNs(), captureStartNs),
                    endpoint(c.conn().clientAddr(), c.conn().clientPort()), endpoint(c.conn().serverAddr(), c.conn().serverPort()),
                    printable(c.protocol()), printable(c.mechanism()), clip(printable(c.user()), TEXT_NAME_CHARS), clip(printable(c.domain()), TEXT_NAME_CHARS),
                    c.kind().id(), clip(printable(c.shownSecret(show)), TEXT_SECRET_CHARS), c.result().id());
        }
        return t.render();
    }

    /**
     * Writes {@code DIR/<mode>.txt} for each hashcat mode: the hash lines of kind {@link Credential.Kind#HASH} with a
     * mode, each once, in capture order. Returns the files written with their line counts, by mode.
     */
    public static Map<Integer, Integer> hashcat(List<Credential> creds, Path dir) throws IOException {
        Map<Integer, LinkedHashSet<String>> byMode = new TreeMap<>();
        for (Credential c : creds) {
            if (c.kind() != Credential.Kind.HASH || c.hashcatMode() <= 0 || c.secret() == null || c.secret().isBlank()) continue;
            // a user or domain with a line break inside the hash line would add lines of the capture's choosing
            if (c.secret().strip().chars().anyMatch(ch -> ch == '\n' || ch == '\r')) continue;
            byMode.computeIfAbsent(c.hashcatMode(), k -> new LinkedHashSet<>()).add(c.secret().strip());
        }
        Files.createDirectories(dir);
        Map<Integer, Integer> written = new TreeMap<>();
        for (Map.Entry<Integer, LinkedHashSet<String>> e : byMode.entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (String line : e.getValue()) sb.append(line).append('\n');
            Files.writeString(dir.resolve(e.getKey() + ".txt"), sb.toString(), StandardCharsets.UTF_8);
            written.put(e.getKey(), e.getValue().size());
        }
        return written;
    }

    private static String endpoint(String addr, int port) {
        return addr.indexOf(':') >= 0 ? "[" + addr + "]:" + port : addr + ":" + port;
    }

    private static String clip(String s, int max) {
        if (s == null) return null;
        if (s.length() <= max) return s;
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) end--; // never half a character
        return s.substring(0, end) + "…";
    }

    /** Text from the wire made harmless for a terminal (see {@link TerminalText#safe}). */
    static String printable(String s) {
        return TerminalText.safe(s);
    }
}
