package org.nta.report.eve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

import org.nta.app.dns.DnsTypes;
import org.nta.event.DnsMessage;

/** The {@code dns} object of EVE's version 2 format: one query event per question, one answer event per response. */
final class EveDns {
    private EveDns() {}

    /** @param q the question, or null for a query without one */
    static void query(JsonGenerator g, DnsMessage m, DnsMessage.Question q) throws IOException {
        g.writeStringField("type", "query");
        g.writeNumberField("id", m.id());
        if (q != null) {
            g.writeStringField("rrname", q.name());
            g.writeStringField("rrtype", DnsTypes.typeName(q.type()));
        }
        g.writeNumberField("tx_id", 0);
        g.writeNumberField("opcode", m.opcode());
    }

    static void answer(JsonGenerator g, DnsMessage m) throws IOException {
        g.writeNumberField("version", 2);
        g.writeStringField("type", "answer");
        g.writeNumberField("id", m.id());
        g.writeStringField("flags", String.format(Locale.ROOT, "%x", m.flags() & 0xffff));
        g.writeBooleanField("qr", true);
        if (m.aa()) g.writeBooleanField("aa", true);
        if (m.tc()) g.writeBooleanField("tc", true);
        if (m.rd()) g.writeBooleanField("rd", true);
        if (m.ra()) g.writeBooleanField("ra", true);
        if (m.ad()) g.writeBooleanField("ad", true);
        if (m.cd()) g.writeBooleanField("cd", true);
        g.writeNumberField("opcode", m.opcode());
        if (!m.questions().isEmpty()) {
            g.writeStringField("rrname", m.qname());
            g.writeStringField("rrtype", DnsTypes.typeName(m.qtype()));
        }
        g.writeStringField("rcode", DnsTypes.rcodeName(m.extendedRcode()));
        if (!m.answers().isEmpty()) {
            records(g, "answers", m.answers());
            Map<String, List<String>> grouped = new LinkedHashMap<>();
            for (DnsMessage.Record r : m.answers()) {
                grouped.computeIfAbsent(DnsTypes.typeName(r.type()), k -> new ArrayList<>()).add(r.data());
            }
            g.writeObjectFieldStart("grouped");
            for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (String d : e.getValue()) g.writeString(d);
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        if (!m.authority().isEmpty()) records(g, "authorities", m.authority());
    }

    private static void records(JsonGenerator g, String field, List<DnsMessage.Record> records) throws IOException {
        g.writeArrayFieldStart(field);
        for (DnsMessage.Record r : records) {
            g.writeStartObject();
            g.writeStringField("rrname", r.name());
            g.writeStringField("rrtype", DnsTypes.typeName(r.type()));
            g.writeNumberField("ttl", r.ttl());
            if (!r.data().isEmpty()) g.writeStringField("rdata", r.data());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
