package org.nta.detect.c2;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nta.app.tls.Grease;
import org.nta.event.TlsHello;

/**
 * What a browser User-Agent promises about its ClientHello, kept to facts every release since about 2019 shares:
 * Chrome 70+, Edge 79+, Firefox 63+ and Safari 13+ offer TLS 1.3 and send ALPN; Chromium browsers (65+) put
 * GREASE values in their cipher list. A hello that breaks one of these was not sent by the browser named.
 *
 * @param family  "Chrome", "Edge", "Firefox" or "Safari"
 * @param version the major version claimed
 */
record ClaimedBrowser(String family, int version) {
    private static final Pattern EDGE = Pattern.compile("Edg(?:e|A|iOS)?/(\\d+)"),
            CHROME = Pattern.compile("(?:Chrome|CriOS)/(\\d+)"), FIREFOX = Pattern.compile("(?:Firefox|FxiOS)/(\\d+)"),
            SAFARI = Pattern.compile("Version/(\\d+)(?:\\.\\d+)*(?: Mobile/\\S+)? Safari/");

    /** The modern browser a User-Agent claims to be, or null (old versions and others are not judged). */
    static ClaimedBrowser of(String ua) {
        if (ua == null) return null;
        ClaimedBrowser b = match(EDGE, ua, "Edge", 79);
        if (b == null) b = match(CHROME, ua, "Chrome", 70);
        if (b == null) b = match(FIREFOX, ua, "Firefox", 63);
        if (b == null && !ua.contains("Chrome/")) b = match(SAFARI, ua, "Safari", 13);
        return b;
    }

    private static ClaimedBrowser match(Pattern p, String ua, String family, int min) {
        Matcher m = p.matcher(ua);
        if (!m.find()) return null;
        int v;
        try {
            v = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        return v >= min && v < 1000 ? new ClaimedBrowser(family, v) : null;
    }

    /** The contradictions, in the order they are reported; the last applies to Chromium browsers only. */
    static final List<String> REASONS = List.of("does not offer TLS 1.3", "sends no ALPN",
            "no GREASE (every Chromium browser sends it)");

    /** Chrome and Edge: GREASE is expected too. */
    boolean chromium() {
        return family.equals("Chrome") || family.equals("Edge");
    }

    /** Why this ClientHello cannot be the claimed browser's; empty when it could be. */
    List<String> contradictions(TlsHello h) {
        List<String> out = new ArrayList<>();
        if (!h.supportedVersions().contains(0x0304)) out.add(REASONS.get(0));
        if (h.alpn().isEmpty()) out.add(REASONS.get(1));
        if (chromium()) {
            boolean grease = false;
            for (int c : h.cipherSuites()) grease |= Grease.is(c);
            if (!grease) out.add(REASONS.get(2));
        }
        return out;
    }
}
