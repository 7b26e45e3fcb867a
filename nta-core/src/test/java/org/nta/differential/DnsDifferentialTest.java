package org.nta.differential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.testing.Tools;

/**
 * Issue 3, acceptance 1 (DNS): every DNS query and answer NTA decodes (frame, response flag, id, question names and
 * types, and the records' values as tshark's dns.a/aaaa/cname/ptr/ns/mx/txt/srv/soa fields print them) equals
 * {@code tshark -2}, on the captures and on the corpus files with DNS; remaining differences listed with reasons.
 */
@Tag("tshark")
class DnsDifferentialTest {
    static final String[] FIELDS = {"dns.a", "dns.aaaa", "dns.cname", "dns.ptr.domain_name", "dns.ns", "dns.mx.mail_exchange",
            "dns.txt", "dns.srv.target", "dns.soa.mname"};
    static final int[] TYPES = {1, 28, 5, 12, 2, 15, 16, 33, 6};

    @TestFactory
    Stream<DynamicTest> dnsAgreesWithTshark() throws Exception {
        AppDifferential.requireTshark();
        Map<String, String> known = AppDifferential.knownDifferences();
        return AppDifferential.files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> AppDifferential.check(f, "dns", compare(f), known)));
    }

    static String compare(Path file) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-2", "-r", file.toString(), "-Y", "(dns || mdns || llmnr) && !icmp && !icmpv6", "-T", "fields",
                "-E", "separator=|", "-E", "aggregator=;", "-e", "frame.number", "-e", "dns.flags.response", "-e", "dns.id",
                "-e", "dns.qry.name", "-e", "dns.qry.type"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Map<Long, String> theirs = new TreeMap<>();
        for (String line : Tools.lines(Tools.run(300, cmd.toArray(new String[0])).out())) {
            String[] c = line.split("\\|", -1);
            if (c.length < 5 + FIELDS.length) continue;
            StringBuilder sb = new StringBuilder();
            sb.append(c[1].equals("1") || c[1].equalsIgnoreCase("True") ? "response" : "query").append(" id=").append(Long.decode(c[2]));
            sb.append(" q=").append(c[3]).append(" t=").append(c[4]);
            for (int i = 0; i < FIELDS.length; i++) sb.append(' ').append(FIELDS[i]).append('=').append(sorted(c[5 + i]));
            theirs.merge(Long.parseLong(c[0]), sb.toString(), (a, b) -> a + " + " + b);
        }
        Map<Long, String> ours = new TreeMap<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                if (e instanceof DnsMessage m) ours.merge(m.frame(), describe(m), (a, b) -> a + " + " + b);
            }
        };
        AppConfig dnsOnly = new AppConfig(false, AppConfig.all().httpConfig(), false, false, true, false, 64);
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(dnsOnly));
        } catch (CaptureException e) {
            return theirs.isEmpty() ? null : "NTA cannot read it: " + e.getMessage();
        }
        return AppDifferential.firstDifference(theirs, ours);
    }

    static String describe(DnsMessage m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.response() ? "response" : "query").append(" id=").append(m.id());
        List<String> names = new ArrayList<>(), types = new ArrayList<>();
        for (DnsMessage.Question q : m.questions()) {
            names.add(q.name());
            types.add(String.valueOf(q.type()));
        }
        sb.append(" q=").append(String.join(";", names)).append(" t=").append(String.join(";", types));
        for (int i = 0; i < FIELDS.length; i++) {
            List<String> vals = new ArrayList<>();
            for (List<DnsMessage.Record> section : List.of(m.answers(), m.authority(), m.additional())) {
                for (DnsMessage.Record r : section) {
                    if (r.type() != TYPES[i] || r.data() == null) continue;
                    if (r.type() == 16) vals.addAll(r.strings());
                    else vals.add(r.data());
                }
            }
            sb.append(' ').append(FIELDS[i]).append('=').append(sorted(String.join(";", vals)));
        }
        return sb.toString();
    }

    static String sorted(String aggregated) {
        if (aggregated.isEmpty()) return "";
        List<String> l = new ArrayList<>(List.of(aggregated.split(";", -1)));
        Collections.sort(l);
        return String.join(";", l);
    }
}
