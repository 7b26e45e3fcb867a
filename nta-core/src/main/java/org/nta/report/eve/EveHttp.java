package org.nta.report.eve;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

import org.nta.event.HttpTransaction;

/** The {@code http} object of a transaction: Suricata's names for the request's and the final response's fields. */
final class EveHttp {
    private EveHttp() {}

    static void write(JsonGenerator g, HttpTransaction t) throws IOException {
        var q = t.request();
        var r = t.response();
        g.writeObjectFieldStart("http");
        if (q != null) {
            String host = q.host();
            if (host != null) {
                int close = host.startsWith("[") ? host.indexOf(']') : -1;
                int colon = close >= 0 ? (host.startsWith(":", close + 1) ? close + 1 : -1)
                        : host.indexOf(':') == host.lastIndexOf(':') ? host.indexOf(':') : -1;
                String name = colon >= 0 ? host.substring(0, colon) : host;
                if (close >= 0) name = host.substring(1, close);
                g.writeStringField("hostname", name);
                if (colon >= 0) {
                    try {
                        g.writeNumberField("http_port", Integer.parseInt(host.substring(colon + 1)));
                    } catch (NumberFormatException e) {
                        // not a port: left out
                    }
                }
            }
            g.writeStringField("url", q.uri());
            if (q.userAgent() != null) g.writeStringField("http_user_agent", q.userAgent());
        }
        if (r != null && r.contentType() != null) g.writeStringField("http_content_type", r.contentType());
        if (q != null && q.referer() != null) g.writeStringField("http_refer", q.referer());
        if (q != null) g.writeStringField("http_method", q.method());
        String version = q != null ? q.version() : r.version();
        if (version != null) g.writeStringField("protocol", version);
        if (r != null) {
            g.writeNumberField("status", r.status());
            if (r.location() != null) g.writeStringField("redirect", r.location());
            g.writeNumberField("length", r.body().decodedLength());
        }
        g.writeEndObject();
    }
}
