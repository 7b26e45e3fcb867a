package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.DnsMessage;
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

    @Mixin
    LimitOptions limits;

    @Mixin
    EveOption eve;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json && csv) throw new CliError("--json and --csv exclude each other", Main.EXIT_UNREADABLE);
        Collect.Events<DnsMessage> sink = new Collect.Events<>(DnsMessage.class);
        AppConfig app = new AppConfig(false, AppConfig.all().httpConfig(), false, false, true, false, 64);
        org.nta.filter.FilteredSink selected = filter.wrap(new PacketSink() { });
        CaptureSummary s;
        try {
            s = Captures.run(file, limits.engine(EngineConfig.DEFAULTS),
                    eve.with(Collect.with(selected, sink), spec.commandLine().getOut(), file),
                    new AppDispatcher(limits.app(filter.needsApp() ? AppConfig.all() : app)));
        } catch (CliError e) {
            eve.abandon();
            throw e;
        }
        eve.finish();
        List<DnsMessage> messages = sink.sorted(selected);
        long[] start = {sink.startNs()};
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
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }
}
