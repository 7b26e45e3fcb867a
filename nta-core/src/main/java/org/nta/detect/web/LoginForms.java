package org.nta.detect.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.MultipartPart;

/**
 * Credentials a request sends: HTTP Basic authorisation, or a form (URL-encoded, multipart, JSON, or a query string)
 * with a password field and usually a user field. Field names are recognised by the usual spellings
 * ({@code password}, {@code passwd}, {@code pwd}, {@code pass} …; {@code username}, {@code login}, {@code email} …).
 */
public final class LoginForms {
    /** Credentials found: how they were sent, the field names and the values. */
    public record Login(String method, String usernameField, String username, String passwordField, String password) {
    }

    private static final Pattern PASSWORD = Pattern.compile("(?i)^(?:.*[_\\-.\\[])?(?:pass|passwd|password|passwort|pwd|pw"
            + "|passphrase|passcode|userpass(?:word)?|loginpass(?:word)?|txtpassword|j_password)(?:[_\\-.\\]].*)?$");
    private static final Pattern USER = Pattern.compile("(?i)^(?:.*[_\\-.\\[])?(?:user|username|login|email|e-?mail|uname"
            + "|usr|account|acct|log|uid|userid|user_id|j_username|txtusername|name|id)(?:[_\\-.\\]].*)?$");

    private LoginForms() {}

    /** The credentials a request carries, or null. */
    public static Login of(HttpRequest r) {
        String auth = r.headers().first("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String up = basic(auth.substring(6).trim());
            if (up != null) {
                int c = up.indexOf(':');
                return new Login("basic", null, c < 0 ? up : up.substring(0, c), null, c < 0 ? "" : up.substring(c + 1));
            }
        }
        String ct = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        Login l = null;
        if (!r.formParams().isEmpty()) l = fromParams(r.formParams(), "form");
        if (l == null && !r.parts().isEmpty()) {
            java.util.ArrayList<HttpParam> ps = new java.util.ArrayList<>();
            for (MultipartPart p : r.parts()) {
                if (!p.isFile() && p.name() != null && p.size() < 1024) ps.add(new HttpParam(p.name(), new String(p.bytes(), StandardCharsets.UTF_8)));
            }
            l = fromParams(ps, "multipart");
        }
        if (l == null && ct.contains("json") && r.body().keptLength() > 0 && r.body().keptLength() < 8192) l = fromJson(r.body().text());
        if (l == null && !r.queryParams().isEmpty()) l = fromParams(r.queryParams(), "query");
        return l;
    }

    private static Login fromParams(List<HttpParam> ps, String method) {
        String pf = null, pv = null, uf = null, uv = null;
        for (HttpParam p : ps) {
            if (pf == null && PASSWORD.matcher(p.name()).matches()) {
                pf = p.name();
                pv = p.value();
            }
        }
        if (pf == null) return null;
        for (HttpParam p : ps) {
            if (!p.name().equals(pf) && USER.matcher(p.name()).matches()) {
                uf = p.name();
                uv = p.value();
                break;
            }
        }
        return new Login(method, uf, uv, pf, pv);
    }

    private static Login fromJson(String text) {
        JsonNode root;
        try {
            root = JsonBodies.read(text);
        } catch (JsonProcessingException e) {
            return null; // not JSON: no JSON login
        }
        if (root == null || !root.isObject()) return null;
        java.util.ArrayList<HttpParam> ps = new java.util.ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) ps.add(new HttpParam(e.getKey(), e.getValue().asText()));
        }
        return fromParams(ps, "json");
    }

    private static String basic(String b64) {
        try {
            String s = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
            return s.indexOf('\uFFFD') >= 0 ? null : s;
        } catch (IllegalArgumentException e) {
            return null; // malformed Basic credentials: nothing to report
        }
    }
}
