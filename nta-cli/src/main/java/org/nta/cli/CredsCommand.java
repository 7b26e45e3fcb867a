package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.decode.Packet;
import org.nta.detect.web.FormCredentials;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.HttpTransaction;
import org.nta.filter.FilteredSink;
import org.nta.flow.Flow;
import org.nta.report.CredsReport;
import org.nta.report.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Every credential use in a capture. */
@Command(name = "creds", mixinStandardHelpOptions = true,
        description = "Credentials seen in the traffic, one row per use: the frame carrying the secret and the one with the "
                + "answer, stream, client, server, protocol, mechanism, user, domain, kind (password, community, hash, token), "
                + "the secret (masked unless --show-secrets) and whether it was accepted. Logins of every parsed protocol "
                + "and HTTP login forms.")
final class CredsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Mixin
    RowFormat rowFormat;

    @Option(names = "--show-secrets", description = "Show passwords, communities and hashes instead of ****.")
    boolean showSecrets;

    @Option(names = "--hashcat", paramLabel = "DIR", description = "Write the crackable hashes into DIR, one file per hashcat "
            + "mode (<mode>.txt, e.g. 5600.txt), each line once, in capture order.")
    Path hashcat;

    @Mixin
    TimeOptions time;

    @Mixin
    FilterOption filter;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    /** Credential events, and HTTP form logins as credentials. */
    static final class Sink implements PacketSink {
        final List<Credential> items = new ArrayList<>();
        long startNs = Long.MIN_VALUE;

        @Override
        public void onPacket(Packet p, Flow flow, boolean fromA) {
            if (startNs == Long.MIN_VALUE) startNs = p.frame.epochNanos();
        }

        @Override
        public void onEvent(Event e) {
            if (e instanceof Credential c) items.add(c);
            else if (e instanceof HttpTransaction t) {
                Credential c = FormCredentials.of(t);
                if (c != null) items.add(c);
            }
        }

        /** Capture order; with a filter, the uses whose secret or answer frame it selected. */
        List<Credential> selected(FilteredSink selected) {
            List<Credential> out = new ArrayList<>(items);
            if (selected != null) out.removeIf(c -> !selected.matched(c.secretFrame()) && !selected.matched(c.frame()));
            return CredsReport.sorted(out);
        }
    }

    @Override
    public Integer call() {
        rowFormat.check();
        Sink sink = new Sink();
        FilteredSink selected = filter.wrap(new PacketSink() { });
        CaptureSummary s = Captures.run(file, limits.engine(EngineConfig.DEFAULTS), Collect.with(selected, sink),
                new AppDispatcher(limits.app(AppConfig.all().withHttp(AppConfig.all().httpConfig().withMaxBodyBytes(64 << 10)
                        .withHashing(false, false)))));
        List<Credential> creds = sink.selected(selected);
        PrintWriter out = spec.commandLine().getOut();
        int digits = s.tsPrecisionDigits();
        if (rowFormat.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Credential c : creds) rows.add(CredsReport.json(c, digits, showSecrets));
            out.println(Json.write(rows));
        } else if (rowFormat.csv) {
            out.print(CredsReport.csv(creds, digits, showSecrets));
        } else {
            out.println("Credentials: " + creds.size());
            out.print(CredsReport.text(creds, time.build(digits), sink.startNs == Long.MIN_VALUE ? 0 : sink.startNs, showSecrets));
            if (!showSecrets && creds.stream().anyMatch(c -> c.secret() != null)) {
                out.println("Secrets are masked (****); --show-secrets shows them.");
            }
        }
        if (hashcat != null) {
            try {
                Map<Integer, Integer> written = CredsReport.hashcat(creds, hashcat);
                PrintWriter err = spec.commandLine().getErr();
                if (written.isEmpty()) err.println("no crackable hashes: nothing written into " + hashcat);
                written.forEach((mode, n) -> err.println(hashcat.resolve(mode + ".txt") + ": " + n + (n == 1 ? " hash" : " hashes")));
                err.flush();
            } catch (IOException e) {
                throw new CliError("cannot write into " + hashcat + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
            }
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }
}
