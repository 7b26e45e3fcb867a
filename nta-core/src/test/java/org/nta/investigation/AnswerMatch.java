package org.nta.investigation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.nta.detect.Finding;

/** Whether one finding is the answer key's row: its type, attacker/victim and key evidence. */
final class AnswerMatch {
    private AnswerMatch() {}

    /** Null when {@code f} matches {@code want}, else why not. */
    static String mismatch(AnswerKey key, JsonNode want, Finding f) {
        String type = want.path("type").asText();
        if (!f.type().id().equals(type)) return "type " + f.type().id();
        String wa = text(want, "attacker"), wv = text(want, "victim");
        if (wa != null && !key.sameHost(wa, f.attacker())) return "attacker " + f.attacker();
        if (wv != null && f.victim() != null && !key.sameHost(wv, f.victim())) return "victim " + f.victim();
        Map<String, Object> ev = f.evidence();
        return switch (type) {
            case "port_scan" -> first(eq("scan_type", want, ev.get("scan_type")), sameInts("open_ports", want, ev.get("open_ports")),
                    frames(want, f));
            case "content_discovery" -> first(tool(want, ev), frames(want, f), found(want, ev));
            case "attack_tool" -> tool(want, ev);
            case "web_attack" -> kinds(want, ev);
            case "login_bruteforce" -> first(
                    want.has("success_frame") ? contains("success_frame", want.get("success_frame").asLong(), ev) : null,
                    want.has("protocol") ? protocol(want.get("protocol").asText(), ev.get("protocol")) : null,
                    want.has("pattern") ? eq("pattern", want, ev.get("pattern")) : null,
                    want.has("success_user") ? eqIgnoreCase("success_user", want, ev.get("username")) : null,
                    want.has("attempts") && ev.get("attempts") instanceof Number n && n.longValue() < want.get("attempts").asLong()
                            ? "attempts " + n : null);
            case "file_upload" -> first(eq("filename", want, ev.get("filename")), eq("sha256", want, ev.get("sha256")),
                    want.has("frame") ? frameIn(want.get("frame").asLong(), f) : null,
                    want.has("stream") && !f.streams().contains(want.get("stream").asInt()) ? "streams " + f.streams() : null);
            case "webshell_command" -> first(eq("command", want, ev.get("command")),
                    want.has("param") ? eq("param", want, ev.get("parameter")) : null,
                    want.has("frame") ? frameIn(want.get("frame").asLong(), f) : null,
                    want.has("stream") && !f.streams().contains(want.get("stream").asInt()) ? "streams " + f.streams() : null);
            case "reverse_shell" -> first(eq("port", want, ev.get("port")),
                    want.has("stream") && !f.streams().contains(want.get("stream").asInt()) ? "streams " + f.streams() : null,
                    want.has("syn_frame") ? frameIn(want.get("syn_frame").asLong(), f) : null,
                    commands(want, ev));
            case "info_disclosure", "host_sweep" -> null;
            case "cleartext_credentials" -> first(want.has("username") ? eq("username", want, ev.get("username")) : null,
                    want.has("protocol") ? protocol(want.get("protocol").asText(), ev.get("protocol")) : null);
            case "credential_reuse" -> first(want.has("username") ? eq("username", want, ev.get("username")) : null,
                    want.has("found_by") ? eq("found_by", want, ev.get("found_by")) : null,
                    want.has("frame") ? frameIn(want.get("frame").asLong(), f) : null);
            case "post_login_activity" -> first(want.has("username") ? eq("username", want, ev.get("username")) : null,
                    want.has("frame") ? frameIn(want.get("frame").asLong(), f) : null);
            case "beacon" -> first(eq("destination", want, ev.get("destination")), eq("transport", want, ev.get("transport")),
                    want.has("first_frame") ? frameIn(want.get("first_frame").asLong(), f) : null,
                    want.has("last_frame") ? frameIn(want.get("last_frame").asLong(), f) : null,
                    want.has("count") && ev.get("contacts") instanceof Number n && n.longValue() < want.get("count").asLong()
                            ? "contacts " + n : null,
                    period(want, ev.get("period_s")));
            case "dns_tunnel" -> first(tool(want, ev), eq("zone", want, ev.get("zone")),
                    eq("bytes", want, ev.get("decoded_bytes")), eq("sha256", want, ev.get("decoded_sha256")),
                    want.has("first_frame") ? frameIn(want.get("first_frame").asLong(), f) : null,
                    want.has("last_frame") ? frameIn(want.get("last_frame").asLong(), f) : null);
            case "exfiltration" -> first(eq("bytes", want, ev.get("bytes")), eq("sha256", want, ev.get("sha256")),
                    want.has("frame") ? frameIn(want.get("frame").asLong(), f) : null);
            case "payload_delivery" -> first(eq("file", want, ev.get("file")), eq("sha256", want, ev.get("sha256")),
                    eq("client_tool", want, ev.get("client_tool")),
                    want.has("frame") ? frameIn(want.get("frame").asLong(), f) : null);
            case "kerberoasting" -> first(listHas("spns", want.path("spn").asText(), ev), frameOf(want, f), succeeded(want, f),
                    want.has("account") ? listHas("roasted_accounts", want.path("account").asText(), ev) : null);
            case "asrep_roasting" -> first(listHasAll("users", want.get("usernames"), ev),
                    want.has("as_req_frames") ? frameIn(want.get("as_req_frames").get(0).asLong(), f) : null, succeeded(want, f));
            case "user_enumeration" -> want.has("unknown_users") ? listHasAll("unknown_users", want.get("unknown_users"), ev) : null;
            case "lateral_movement" -> first(frameOf(want, f), succeeded(want, f),
                    want.has("file") ? fileWritten(want.get("file"), ev) : null);
            case "dcsync" -> first(frameOf(want, f),
                    want.has("getncchanges_frames") ? frameIn(last(want.get("getncchanges_frames")), f) : null, succeeded(want, f));
            case "zerologon" -> first(frameOf(want, f),
                    want.has("last_authenticate_frame") ? frameIn(want.get("last_authenticate_frame").asLong(), f) : null,
                    want.has("attempts") && ev.get("zero_credential_attempts") instanceof Number n && n.longValue() < want.get("attempts").asLong()
                            ? "zero_credential_attempts " + n : null,
                    succeeded(want, f));
            case "suspicious_certificate", "client_impersonation" -> frameOf(want, f);
            case "name_poisoning" -> first(frameOf(want, f), listHasAll("names", want.get("names"), ev),
                    want.has("credential_frames") ? frameIn(last(want.get("credential_frames")), f) : null, succeeded(want, f));
            default -> "unknown type";
        };
    }

    /** The key's {@code frame} lies within the finding's frames. */
    private static String frameOf(JsonNode want, Finding f) {
        return want.has("frame") ? frameIn(want.get("frame").asLong(), f) : null;
    }

    private static long last(JsonNode array) {
        return array.get(array.size() - 1).asLong();
    }

    /** An attempt the key says was refused must not be reported as a success, nor a success as refused. */
    private static String succeeded(JsonNode want, Finding f) {
        if (!want.has("succeeded") || f.succeeded() == null) return null;
        return want.get("succeeded").asBoolean() == f.succeeded() ? null
                : "succeeded " + f.succeeded() + " (want " + want.get("succeeded").asBoolean() + ")";
    }

    private static List<String> strings(Object got) {
        List<String> out = new ArrayList<>();
        if (got instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o).toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    private static String listHas(String key, String want, Map<String, Object> ev) {
        return strings(ev.get(key)).contains(want.toLowerCase(java.util.Locale.ROOT)) ? null : key + " " + ev.get(key) + " lack " + want;
    }

    private static String listHasAll(String key, JsonNode want, Map<String, Object> ev) {
        if (want == null) return null;
        List<String> ours = strings(ev.get(key));
        for (JsonNode w : want) if (!ours.contains(w.asText().toLowerCase(java.util.Locale.ROOT))) return key + " " + ours + " lack " + w.asText();
        return null;
    }

    /** The executable the key says was written is among the finding's files (by SHA-256, else by name). */
    private static String fileWritten(JsonNode want, Map<String, Object> ev) {
        List<String> seen = new ArrayList<>();
        if (ev.get("files") instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> m)) continue;
                if (want.path("sha256").asText().equals(String.valueOf(m.get("sha256")))) return null;
                if (m.get("sha256") == null && want.path("filename").asText().equalsIgnoreCase(String.valueOf(m.get("name")))) return null;
                seen.add(m.get("name") + " " + m.get("sha256"));
            }
        }
        return "files " + seen + " lack " + want.path("filename").asText();
    }

    private static String first(String... checks) {
        for (String c : checks) if (c != null) return c;
        return null;
    }

    private static String text(JsonNode n, String k) {
        return n.hasNonNull(k) ? n.get(k).asText() : null;
    }

    private static String eq(String key, JsonNode want, Object got) {
        if (!want.has(key)) return null;
        String w = want.get(key).asText();
        return Objects.equals(w, got == null ? null : String.valueOf(got)) ? null : key + " " + got + " (want " + w + ")";
    }

    private static String eqIgnoreCase(String key, JsonNode want, Object got) {
        String w = want.get(key).asText();
        return got != null && w.equalsIgnoreCase(String.valueOf(got)) ? null : key + " " + got + " (want " + w + ")";
    }

    /** The protocol as the key names it; NTA calls POP3 "pop". */
    private static String protocol(String want, Object got) {
        String g = got == null ? null : String.valueOf(got);
        return want.equals(g) || want.equals("pop3") && "pop".equals(g) ? null : "protocol " + g + " (want " + want + ")";
    }

    /** The period found lies within the key's jitter (at least 10 %) of the period observed with tshark. */
    private static String period(JsonNode want, Object got) {
        if (!want.has("observed_mean_s")) return null;
        double w = want.get("observed_mean_s").asDouble(), tolerance = Math.max(0.1, want.path("jitter").asDouble(0)) * w;
        return got instanceof Number n && Math.abs(n.doubleValue() - w) <= tolerance ? null : "period_s " + got + " (want " + w + ")";
    }

    private static String sameInts(String key, JsonNode want, Object got) {
        if (!want.has(key)) return null;
        TreeSet<Integer> w = new TreeSet<>();
        want.get(key).forEach(x -> w.add(x.asInt()));
        TreeSet<Integer> g = new TreeSet<>();
        if (got instanceof List<?> l) for (Object o : l) g.add(((Number) o).intValue());
        return w.equals(g) ? null : key + " " + g + " (want " + w + ")";
    }

    private static String frames(JsonNode want, Finding f) {
        if (want.has("first_frame") && want.get("first_frame").asLong() != f.firstFrame()) return "first_frame " + f.firstFrame();
        if (want.has("last_frame") && want.get("last_frame").asLong() != f.lastFrame()) return "last_frame " + f.lastFrame();
        return null;
    }

    private static String frameIn(long frame, Finding f) {
        return frame >= f.firstFrame() && frame <= f.lastFrame() ? null : "frame " + frame + " outside " + f.firstFrame() + "-" + f.lastFrame();
    }

    private static String tool(JsonNode want, Map<String, Object> ev) {
        if (!want.has("tool")) return null;
        Object t = ev.get("tool");
        return t != null && t.toString().equalsIgnoreCase(want.get("tool").asText()) ? null : "tool " + t;
    }

    private static String found(JsonNode want, Map<String, Object> ev) {
        if (!want.has("found")) return null;
        List<String> ours = new ArrayList<>();
        if (ev.get("found") instanceof List<?> l) for (Object o : l) if (o instanceof Map<?, ?> m) ours.add(String.valueOf(m.get("path")));
        for (JsonNode w : want.get("found")) {
            if (!ours.contains(w.path("path").asText())) return "found " + ours + " lacks " + w.path("path").asText();
        }
        return null;
    }

    private static String kinds(JsonNode want, Map<String, Object> ev) {
        if (!want.has("kinds")) return null;
        List<String> ours = new ArrayList<>();
        if (ev.get("kinds") instanceof List<?> l) for (Object o : l) ours.add(String.valueOf(o));
        for (JsonNode k : want.get("kinds")) if (!ours.contains(k.asText())) return "kinds " + ours + " lack " + k.asText();
        return null;
    }

    private static String contains(String key, long frame, Map<String, Object> ev) {
        Object v = ev.get(key);
        return v instanceof Number n && n.longValue() == frame ? null : key + " " + v + " (want " + frame + ")";
    }

    private static String commands(JsonNode want, Map<String, Object> ev) {
        if (!want.has("commands")) return null;
        List<String> ours = new ArrayList<>();
        if (ev.get("commands") instanceof List<?> l) {
            for (Object o : l) ours.add(o instanceof Map<?, ?> m ? String.valueOf(m.get("command")) : String.valueOf(o));
        }
        List<String> w = new ArrayList<>();
        want.get("commands").forEach(c -> w.add(c.asText()));
        return ours.equals(w) ? null : "commands " + ours + " (want " + w + ")";
    }
}
