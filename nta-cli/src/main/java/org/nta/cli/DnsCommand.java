package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.engine.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.engine.PacketSink;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.report.DnsReport;
import org.nta.report.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** DNS queries and answers. */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "DNS queries and answers over UDP and TCP: name, type, rcode, answers with TTLs (A, AAAA, CNAME, MX, NS, PTR, TXT, SOA, SRV, HTTPS/SVCB…).")
final class DnsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "JSON array of messages (documented field names).")
    boolean json;

    @Option(names = "--csv", description = "CSV with the JSON field names as header.")
    boolean csv;

    @Mixin
    TimeOptions time;

    @Mixin
    FilterOption filter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json && csv) throw new CliError("--json and --csv exclude each other", Main.EXIT_UNREADABLE);
        List<DnsMessage> messages = new ArrayList<>();
        long[] start = {Long.MIN_VALUE};
        PacketSink sink = new PacketSink() {
            @Override
            public void onPacket(org.nta.decode.Packet p, org.nta.flow.Flow flow, boolean fromA) {
                if (start[0] == Long.MIN_VALUE) start[0] = p.frame.epochNanos();
            }

            @Override
            public void onEvent(Event e) {
                if (e instanceof DnsMessage m) messages.add(m);
            }
        };
        AppConfig app = new AppConfig(false, AppConfig.all().httpConfig(), false, false, true, false, 64);
        org.nta.filter.FilteredSink selected = filter.wrap(new PacketSink() { });
        CaptureSummary s = Captures.run(file, EngineConfig.DEFAULTS, selected == null ? List.of(sink) : List.of(sink, selected),
                new AppDispatcher(filter.needsApp() ? AppConfig.all() : app));
        if (selected != null) messages.removeIf(m -> !selected.matched(m.frame()));
        messages.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        PrintWriter out = spec.commandLine().getOut();
        int digits = s.tsPrecisionDigits();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DnsMessage m : messages) rows.add(DnsReport.json(m, digits));
            out.println(Json.write(rows));
        } else if (csv) {
            out.print(DnsReport.csv(messages, digits));
        } else {
            out.println("DNS messages: " + messages.size());
            out.print(DnsReport.text(messages, time.build(digits), start[0]));
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr());
    }
}
