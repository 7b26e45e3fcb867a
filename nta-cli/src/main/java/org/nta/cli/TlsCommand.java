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
import org.nta.event.TlsCertificate;
import org.nta.event.TlsHello;
import org.nta.report.TlsReport;
import org.nta.report.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** TLS hellos. */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = "TLS handshakes: one row per connection with the ClientHello and ServerHello: SNI, ALPN, versions, cipher, JA3, JA3S, JA4.")
final class TlsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Mixin
    RowFormat rowFormat;

    @Mixin
    TimeOptions time;

    @Mixin
    LimitOptions limits;

    @Mixin
    EveOption eve;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        rowFormat.check();
        Collect.Events<TlsHello> sink = new Collect.Events<>(TlsHello.class);
        Collect.Events<TlsCertificate> certs = new Collect.Events<>(TlsCertificate.class);
        AppConfig app = new AppConfig(false, AppConfig.all().httpConfig(), true, false, false, false, 64);
        CaptureSummary s;
        try {
            s = Captures.run(file, limits.engine(EngineConfig.DEFAULTS),
                    eve.with(List.of(sink, certs), spec.commandLine().getOut(), file), new AppDispatcher(limits.app(app)));
        } catch (CliError e) {
            eve.abandon();
            throw e;
        }
        eve.finish();
        List<TlsHello> messages = sink.sorted(null);
        long[] start = {sink.startNs()};
        PrintWriter out = spec.commandLine().getOut();
        int digits = s.tsPrecisionDigits();
        List<TlsReport.Row> tls = TlsReport.rows(messages, certs.sorted(null));
        if (rowFormat.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TlsReport.Row r : tls) rows.add(TlsReport.json(r, digits));
            out.println(Json.write(rows));
        } else if (rowFormat.csv) {
            out.print(TlsReport.csv(tls, digits));
        } else {
            out.println("TLS handshakes: " + tls.size());
            out.print(TlsReport.text(tls, time.build(digits), start[0]));
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }
}
