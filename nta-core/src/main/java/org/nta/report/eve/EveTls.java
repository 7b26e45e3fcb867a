package org.nta.report.eve;

import org.nta.report.TlsConnection;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;

import org.nta.event.ConnInfo;
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.event.X509Certificate;

/** The {@code tls} object: one per connection, from its hellos and the server's certificate when it was in clear. */
final class EveTls {
    private static final DateTimeFormatter VALIDITY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private EveTls() {}

    static void write(JsonGenerator g, TlsConnection t) throws IOException {
        X509Certificate leaf = t.certificate() == null ? null : t.certificate().leaf();
        if (leaf != null && !leaf.malformed()) {
            g.writeStringField("subject", leaf.subject().text());
            g.writeStringField("issuerdn", leaf.issuer().text());
            g.writeStringField("serial", colons(leaf.serial()).toUpperCase(Locale.ROOT));
        }
        if (leaf != null && leaf.sha1() != null) g.writeStringField("fingerprint", colons(leaf.sha1()));
        if (t.client() != null && !t.client().sni().isEmpty()) g.writeStringField("sni", t.client().sni());
        TlsHello v = t.server() != null ? t.server() : t.client();
        if (v != null) g.writeStringField("version", version(v.version()));
        if (leaf != null && !leaf.malformed()) {
            g.writeStringField("notbefore", VALIDITY.format(Instant.ofEpochSecond(leaf.notBefore())));
            g.writeStringField("notafter", VALIDITY.format(Instant.ofEpochSecond(leaf.notAfter())));
        }
        if (t.client() != null && t.client().ja3() != null) {
            g.writeObjectFieldStart("ja3");
            g.writeStringField("hash", t.client().ja3Hash());
            g.writeStringField("string", t.client().ja3());
            g.writeEndObject();
        }
        if (t.server() != null && t.server().ja3() != null) {
            g.writeObjectFieldStart("ja3s");
            g.writeStringField("hash", t.server().ja3Hash());
            g.writeStringField("string", t.server().ja3());
            g.writeEndObject();
        }
        if (t.client() != null && t.client().ja4() != null) g.writeStringField("ja4", t.client().ja4());
        if (t.client() != null && !t.client().alpn().isEmpty()) {
            g.writeArrayFieldStart("client_alpns");
            for (String a : t.client().alpn()) g.writeString(a);
            g.writeEndArray();
        }
        if (t.server() != null && !t.server().alpn().isEmpty()) {
            g.writeArrayFieldStart("server_alpns");
            for (String a : t.server().alpn()) g.writeString(a);
            g.writeEndArray();
        }
    }

    /** Suricata's names for the versions (SSLVersionToString). */
    static String version(int v) {
        return switch (v) {
            case 0x0002 -> "SSLv2";
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> "UNDETERMINED";
        };
    }

    /** "0a1b2c" as "0a:1b:2c". */
    static String colons(String hex) {
        if (hex == null) return "";
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) sb.append(':');
            sb.append(hex, i, Math.min(i + 2, hex.length()));
        }
        return sb.toString();
    }
}
