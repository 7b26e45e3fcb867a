package org.nta.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the credentials of an HTTP Authorization header value (RFC 7617 Basic, RFC 7616 Digest, NTLM, Negotiate). */
public final class HttpAuth {
    private HttpAuth() {}

    /** The scheme of a header value ({@code Basic}, {@code Digest} …), as sent, or "" when the value is empty. */
    public static String scheme(String value) {
        String v = value.trim();
        int sp = v.indexOf(' ');
        return sp < 0 ? v : v.substring(0, sp);
    }

    /** The text after the scheme, trimmed. */
    public static String params(String value) {
        String v = value.trim();
        int sp = v.indexOf(' ');
        return sp < 0 ? "" : v.substring(sp + 1).trim();
    }

    /**
     * Basic credentials decoded ({@code user:password}, UTF-8, as Wireshark's {@code http.authbasic} shows them), or
     * null when the value is not Basic or its token is not base64.
     */
    public static String basic(String value) {
        if (!scheme(value).equalsIgnoreCase("Basic")) return null;
        byte[] raw = base64(params(value));
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** The token of an NTLM or Negotiate value, decoded, or null. */
    public static byte[] token(String value) {
        String s = scheme(value);
        if (!s.equalsIgnoreCase("NTLM") && !s.equalsIgnoreCase("Negotiate")) return null;
        String p = params(value);
        return p.isEmpty() ? null : base64(p);
    }

    /** Base64 (padding optional, surrounding blanks ignored), or null when it is not. */
    public static byte[] base64(String s) {
        String t = s.trim();
        int sp = t.indexOf(' ');
        if (sp >= 0) t = t.substring(0, sp); // a token68 ends at the first blank
        if (t.isEmpty()) return null;
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The auth-params of a Digest value ({@code username="a", realm="r", nc=00000001 …}), names lower-cased, quoted
     * strings unescaped; at most {@code max} pairs.
     */
    public static Map<String, String> digestParams(String value, int max) {
        Map<String, String> m = new LinkedHashMap<>();
        String s = params(value);
        int i = 0, n = s.length();
        while (i < n && m.size() < max) {
            while (i < n && (s.charAt(i) == ',' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
            int eq = s.indexOf('=', i);
            if (eq < 0) break;
            String name = s.substring(i, eq).trim().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            while (i < n && s.charAt(i) == ' ') i++;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) c = s.charAt(i++);
                    v.append(c);
                }
                i++; // closing quote
            } else {
                while (i < n && s.charAt(i) != ',') v.append(s.charAt(i++));
            }
            m.putIfAbsent(name, v.toString().trim());
        }
        return m;
    }
}
