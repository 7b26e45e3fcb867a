package org.nta.detect.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.nta.event.HttpHeader;
import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.MultipartPart;

/**
 * Looks for attack payloads everywhere a request carries client data: the path, query parameters, form and
 * multipart text fields, JSON values, XML element text, CDATA and attribute values (and XML tags for script markers:
 * {@link XmlBodies}), cookies and headers (URLs in Referer/Origin by their parts). Each value is
 * decoded recursively first ({@link PayloadDecoder}); the result lists every hit with its location and parameter.
 * The web detectors share one inspector, which remembers the last request it looked at so each request is read
 * once however many detectors ask.
 */
public final class RequestInspector {
    /** One payload found: what, where, as sent and as decoded. */
    public record Hit(AttackKind kind, String rule, String location, String parameter, String raw, String decoded,
                      List<String> encodings, String snippet) {
    }

    /** The payloads of one request ({@code sqlmapGrammar}: values that follow sqlmap's grammar). */
    /**
     * @param name           the last segment of the request's path, lower case ("admin.php" of "/x/Admin.php?a=1")
     * @param wordlistMarker the name is a well-known wordlist entry (see {@link DiscoveryTally})
     */
    public record Inspection(List<Hit> hits, int sqlmapGrammar, List<String[]> jndiTargets, String name, boolean wordlistMarker) {
        public boolean attack() {
            return !hits.isEmpty();
        }

        public java.util.SortedSet<AttackKind> kinds() {
            java.util.TreeSet<AttackKind> k = new java.util.TreeSet<>();
            for (Hit h : hits) k.add(h.kind());
            return k;
        }

        /** True when some hit sits in a form or query field with this name. */
        public boolean inField(String name) {
            for (Hit h : hits) if (name.equals(h.parameter()) && !h.location().equals("header")) return true;
            return false;
        }
    }

    /** Headers that carry protocol mechanics, not client data, or that other rules read. */
    private static final Set<String> SKIP_HEADERS = Set.of("host", "content-length", "content-type", "accept",
            "accept-encoding", "accept-language", "accept-charset", "connection", "keep-alive", "cache-control", "pragma",
            "upgrade-insecure-requests", "authorization", "cookie", "if-modified-since", "if-none-match", "range",
            "te", "dnt", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-fetch-user", "sec-ch-ua",
            "sec-ch-ua-mobile", "sec-ch-ua-platform", "priority", "content-disposition", "expect", "transfer-encoding");

    private final WebConfig config;
    private HttpRequest last;
    private Inspection lastResult;

    public RequestInspector(WebConfig config) {
        this.config = config;
    }

    /** Inspections of requests seen before (same method, target, headers and body: same result). */
    private final org.nta.detect.RequestFingerprint.Cache<Inspection> seen = new org.nta.detect.RequestFingerprint.Cache<>(4096);

    public Inspection inspect(HttpRequest r) {
        if (r == last) return lastResult;
        long key = org.nta.detect.RequestFingerprint.of(r);
        Inspection result = seen.get(key);
        if (result == null) {
            result = compute(r);
            seen.put(key, result);
        }
        last = r;
        lastResult = result;
        return result;
    }

    private Inspection compute(HttpRequest r) {
        Collector c = new Collector(config);
        String uri = r.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        c.value("path", null, rawPath, false, AttackRules.Context.PATH);
        if (q >= 0) params(c, "query", uri.substring(q + 1));
        String ct = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        if (!r.body().isEmpty()) {
            if (ct.startsWith("application/x-www-form-urlencoded")) {
                params(c, "form", r.body().text());
            } else if (ct.startsWith("multipart/")) {
                for (MultipartPart p : r.parts()) {
                    if (p.isFile()) continue; // uploaded files are the upload detector's business
                    c.value("multipart", p.name(), new String(p.bytes(), StandardCharsets.UTF_8), false, AttackRules.Context.VALUE);
                }
            } else if (ct.contains("json")) {
                json(c, r.body().text());
            } else if (XmlBodies.isXml(ct, r, r.body().text())) {
                xml(c, r.body().text());
            } else if (ct.isEmpty() || ct.startsWith("text/")) {
                c.value("body", null, r.body().text(), false, AttackRules.Context.VALUE);
            }
        }
        for (HttpParam ck : r.cookies()) c.value("cookie", ck.name(), ck.value(), false, AttackRules.Context.VALUE);
        for (HttpHeader h : r.headers().list()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (SKIP_HEADERS.contains(name)) continue;
            String v = h.value();
            if ((name.equals("referer") || name.equals("origin")) && isUrl(v)) {
                url(c, h.name(), v);
            } else {
                c.value("header", h.name(), v, false, AttackRules.Context.HEADER);
            }
        }
        String name = DiscoveryTally.lastSegment(r.path() != null ? r.path() : uri);
        return new Inspection(List.copyOf(c.hits), c.sqlmap, List.copyOf(c.jndi), name, DiscoveryTally.isMarker(name));
    }

    private static boolean isUrl(String v) {
        return v.startsWith("http://") || v.startsWith("https://");
    }

    /** A Referer or Origin: its path and query values, so a URL's own structure is not taken for a payload. */
    private static void url(Collector c, String header, String v) {
        int scheme = v.indexOf("://");
        int slash = v.indexOf('/', scheme + 3);
        if (slash < 0) return;
        String rest = v.substring(slash);
        int q = rest.indexOf('?');
        c.value("header", header, q < 0 ? rest : rest.substring(0, q), false, AttackRules.Context.PATH);
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                c.value("header", header + (eq > 0 ? ":" + pair.substring(0, eq) : ""), eq < 0 ? pair : pair.substring(eq + 1),
                        true, AttackRules.Context.VALUE);
            }
        }
    }

    /** {@code a=1&b=2} as sent: each name and value decoded by the collector (names can carry payloads too). */
    private static void params(Collector c, String location, String s) {
        int start = 0;
        while (start <= s.length()) {
            int amp = s.indexOf('&', start);
            int end = amp < 0 ? s.length() : amp;
            if (end > start) {
                int eq = s.indexOf('=', start);
                String name, value;
                if (eq < 0 || eq > end) {
                    name = s.substring(start, end);
                    value = "";
                } else {
                    name = s.substring(start, eq);
                    value = s.substring(eq + 1, end);
                }
                String decodedName = org.nta.app.http.UrlCodec.decodeForm(name);
                c.value(location, decodedName, value, true, AttackRules.Context.VALUE);
                if (!value.isEmpty() || name.length() > 24) c.name(location, decodedName, name);
            }
            if (amp < 0) break;
            start = amp + 1;
        }
    }

    private void json(Collector c, String text) {
        JsonNode root;
        try {
            root = JsonBodies.read(text);
        } catch (JsonProcessingException e) {
            c.value("body", null, text, false, AttackRules.Context.VALUE); // not JSON after all: read as text
            return;
        }
        walk(c, root, "", 0);
    }

    /** An XML body by its pieces: tags for script markers, element text, CDATA and attribute values as values. */
    private void xml(Collector c, String text) {
        String t = text.length() > config.maxScanChars() ? text.substring(0, config.maxScanChars()) : text;
        XmlBodies.split(t, (kind, name, piece) -> c.value(kind == XmlBodies.Kind.TEXT ? "xml" : "xml_markup", name, piece, false,
                kind == XmlBodies.Kind.TAG ? AttackRules.Context.XML_TAG : AttackRules.Context.VALUE));
    }

    private void walk(Collector c, JsonNode n, String path, int depth) {
        if (n == null || depth > 16 || c.values > 512) return;
        if (n.isTextual()) {
            c.value("json", path, n.asText(), false, AttackRules.Context.VALUE);
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(c, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), depth + 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) walk(c, n.get(i), path + "[" + i + "]", depth + 1);
        }
    }

    /** Decodes values, runs the rules, keeps the hits. */
    private static final class Collector {
        final WebConfig config;
        final List<Hit> hits = new ArrayList<>(2);
        final List<String[]> jndi = new ArrayList<>(1);
        int sqlmap, values;

        Collector(WebConfig config) {
            this.config = config;
        }

        void name(String location, String decodedName, String rawName) {
            if (AttackRules.worthScanning(decodedName)) value(location + "_name", decodedName, rawName, true, AttackRules.Context.VALUE);
        }

        void value(String location, String name, String raw, boolean plusIsSpace, AttackRules.Context where) {
            if (raw == null || raw.isEmpty() || values++ > 1024) return;
            String v = raw.length() > config.maxScanChars() ? raw.substring(0, config.maxScanChars()) : raw;
            PayloadDecoder.Decoded d = PayloadDecoder.decode(v, plusIsSpace, config.maxDecodeRounds());
            boolean grammar = AttackRules.sqlmapGrammar(d.text());
            List<AttackRules.Match> ms = AttackRules.scan(d.text(), where);
            String decoded = d.text();
            List<String> enc = d.encodings();
            if (ms.isEmpty() && d.base64Text() != null) {
                ms = AttackRules.scan(d.base64Text(), where);
                decoded = d.base64Text();
                List<String> e2 = new ArrayList<>(enc);
                e2.add("base64");
                enc = List.copyOf(e2);
                grammar |= AttackRules.sqlmapGrammar(decoded);
            }
            if (grammar) sqlmap++;
            for (AttackRules.Match m : ms) {
                if (hits.size() >= 64) break;
                hits.add(new Hit(m.kind(), m.rule(), location, name, v, decoded, enc, m.snippet()));
                if (m.kind() == AttackKind.JNDI && jndi.size() < 8) {
                    String[] t = AttackRules.jndiTarget(decoded);
                    if (t != null) jndi.add(t);
                }
            }
        }
    }
}
