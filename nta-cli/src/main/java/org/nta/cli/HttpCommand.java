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
import org.nta.event.Event;
import org.nta.event.HttpTransaction;
import org.nta.report.Csv;
import org.nta.report.HttpReport;
import org.nta.report.Json;
import org.nta.report.TextTable;
import org.nta.report.TimeFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** HTTP transactions. */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = "HTTP/1.x transactions (detected by content on any port): request and response frames as Wireshark "
                + "shows them, stream, client, server, method, host, URI, status, content type, lengths, User-Agent, Referer, Server.")
final class HttpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "JSON array of rows (documented field names).")
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
        List<HttpTransaction> txs = new ArrayList<>();
        long[] start = {Long.MIN_VALUE};
        PacketSink sink = new PacketSink() {
            @Override
            public void onPacket(org.nta.decode.Packet p, org.nta.flow.Flow flow, boolean fromA) {
                if (start[0] == Long.MIN_VALUE) start[0] = p.frame.epochNanos();
            }

            @Override
            public void onEvent(Event e) {
                if (e instanceof HttpTransaction t) txs.add(t);
            }
        };
        org.nta.filter.FilteredSink selected = filter.wrap(new PacketSink() { });
        List<PacketSink> sinks = selected == null ? List.of(sink) : List.of(sink, selected);
        CaptureSummary s = Captures.run(file, EngineConfig.DEFAULTS, sinks, new AppDispatcher(filter.needsApp() ? AppConfig.all() : AppConfig.httpOnly()));
        if (selected != null) {
            txs.removeIf(t -> !(t.request() != null && selected.matched(t.request().frame())
                    || t.response() != null && selected.matched(t.response().frame())));
        }
        txs.sort((a, b) -> Long.compare(firstFrame(a), firstFrame(b)));
        PrintWriter out = spec.commandLine().getOut();
        if (json || csv) {
            TimeFormat iso = TimeFormat.utc(s.tsPrecisionDigits());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (HttpTransaction t : txs) {
                Map<String, Object> row = HttpReport.row(t, iso, start[0]);
                row.put("time", TimeFormat.isoUtc(t.startTimeNs(), s.tsPrecisionDigits()));
                rows.add(row);
            }
            out.print(json ? Json.write(rows) + "\n" : Csv.write(HttpReport.COLUMNS, rows));
        } else {
            TimeFormat tf = time.build(s.tsPrecisionDigits());
            out.println("HTTP transactions: " + txs.size());
            TextTable table = new TextTable("Req", "Resp", "Stream", "Time", "Client", "Server", "Method", "Host", "URI",
                    "Status", "Type", "Resp bytes", "User-Agent").rightAlign(0, 1, 2, 9, 11);
            for (HttpTransaction t : txs) {
                Map<String, Object> r = HttpReport.row(t, tf, start[0]);
                table.add(r.get("request_frame"), r.get("response_frame"), r.get("stream"), r.get("time"),
                        r.get("client_addr") + ":" + r.get("client_port"), r.get("server_addr") + ":" + r.get("server_port"),
                        r.get("method"), r.get("host"), clip(r.get("uri_decoded"), 80), r.get("status"), r.get("content_type"),
                        r.get("response_body_len"), clip(r.get("user_agent"), 40));
            }
            if (table.size() > 0) out.print(table.render());
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr());
    }

    static long firstFrame(HttpTransaction t) {
        return t.request() != null ? t.request().frame() : t.response().frame();
    }

    static String clip(Object o, int n) {
        if (o == null) return null;
        String s = o.toString().replaceAll("[\\x00-\\x1f\\x7f]", "·");
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
