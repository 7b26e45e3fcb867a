package org.nta.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nta.app.dns.DnsTypes;
import org.nta.event.DnsMessage;

/**
 * {@code nta dns}: one row per DNS message, as a table, documented JSON objects or CSV. JSON fields: frame, time,
 * stream, transport, client_addr, server_addr, response, id, name (first question), qtype (type name of the first
 * question), rcode (IANA mnemonic, EDNS-extended), answers (each name, type, ttl, data), community_id (of the
 * conversation). CSV has the same columns,
 * the answers flattened to "TYPE data; TYPE data".
 */
public final class DnsReport {
    public static final List<String> COLUMNS = List.of("frame", "time", "stream", "transport", "client_addr",
            "server_addr", "response", "id", "name", "qtype", "rcode", "answers", "community_id");

    private DnsReport() {}

    public static Map<String, Object> json(DnsMessage m, int digits) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("frame", m.frame());
        o.put("time", TimeFormat.isoUtc(m.timeNs(), digits));
        o.put("stream", m.conn().stream());
        o.put("transport", m.transport());
        o.put("client_addr", m.conn().clientAddr());
        o.put("server_addr", m.conn().serverAddr());
        o.put("response", m.response());
        o.put("id", m.id());
        o.put("name", m.questions().isEmpty() ? null : m.qname());
        o.put("qtype", m.questions().isEmpty() ? null : DnsTypes.typeName(m.qtype()));
        o.put("rcode", DnsTypes.rcodeName(m.extendedRcode()));
        List<Map<String, Object>> answers = new ArrayList<>();
        for (DnsMessage.Record r : m.answers()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", r.name());
            a.put("type", DnsTypes.typeName(r.type()));
            a.put("ttl", r.ttl());
            a.put("data", r.data());
            answers.add(a);
        }
        o.put("answers", answers);
        o.put("community_id", HttpReport.communityId(m.conn()));
        return o;
    }

    public static String csv(List<DnsMessage> messages, int digits) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DnsMessage m : messages) {
            Map<String, Object> row = json(m, digits);
            row.put("answers", answers(m));
            rows.add(row);
        }
        return Csv.write(COLUMNS, rows);
    }

    public static String text(List<DnsMessage> messages, TimeFormat tf, long captureStartNs) {
        TextTable t = new TextTable("Frame", tf.mode() == TimeFormat.Mode.ABSOLUTE ? "Time" : "Rel Time", "Stream",
                "Client", "Server", "Kind", "ID", "Name", "QType", "RCode", "Answers");
        t.rightAlign(0, 2);
        for (DnsMessage m : messages) {
            String qtype = m.questions().isEmpty() ? "" : DnsTypes.typeName(m.qtype());
            String rcode = m.response() ? DnsTypes.rcodeName(m.extendedRcode()) : "";
            t.add(m.frame(), tf.format(m.timeNs(), captureStartNs), m.transport() + " " + m.conn().stream(),
                    m.conn().clientAddr(), m.conn().serverAddr(), m.response() ? "response" : "query",
                    String.format(Locale.ROOT, "0x%04x", m.id()), m.qname(), qtype, rcode, answers(m));
        }
        return t.render();
    }

    /** "A 10.0.0.1; CNAME www.example.com" */
    static String answers(DnsMessage m) {
        StringBuilder sb = new StringBuilder();
        for (DnsMessage.Record r : m.answers()) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(DnsTypes.typeName(r.type()));
            if (!r.data().isEmpty()) sb.append(' ').append(r.data());
        }
        return sb.toString();
    }
}
