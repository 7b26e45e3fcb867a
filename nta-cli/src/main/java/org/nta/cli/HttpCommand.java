package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.event.HttpTransaction;
import org.nta.report.HttpReport;
import org.nta.report.TimeFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    RowFormat rowFormat;

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
        rowFormat.check();
        PrintWriter out = spec.commandLine().getOut();
        long[] start = {Long.MIN_VALUE};
        int[] digits = {6};
        TimeFormat[] tf = {null};
        org.nta.filter.FilteredSink selected = filter.wrap(new PacketSink() { });
        RowStream.Format format = rowFormat.json ? RowStream.Format.JSON : rowFormat.csv ? RowStream.Format.CSV : RowStream.Format.TEXT;
        List<String> textColumns = List.of("request_frame", "response_frame", "stream", "time", "client", "server", "method",
                "host", "uri_text", "status", "content_type", "response_body_len", "ua_text");
        RowStream rows = format == RowStream.Format.TEXT
                ? new RowStream(out, format, textColumns, new String[] {"Req", "Resp", "Stream", "Time", "Client", "Server", "Method",
                        "Host", "URI", "Status", "Type", "Resp bytes", "User-Agent"}, new int[] {0, 1, 2, 9, 11}, 4096)
                : new RowStream(out, format, HttpReport.COLUMNS, null, new int[0], 4096);
        long[] count = {0};
        PacketSink clock = new PacketSink() {
            @Override
            public void onPacket(org.nta.decode.Packet p, org.nta.flow.Flow flow, boolean fromA) {
                if (start[0] == Long.MIN_VALUE) {
                    start[0] = p.frame.epochNanos();
                    tf[0] = rowFormat.json || rowFormat.csv ? TimeFormat.utc(digits[0]) : time.build(digits[0]);
                }
            }
        };
        PacketSink sink = Collect.afterFilter(HttpTransaction.class, selected, t -> {
            Object[] v = HttpReport.values(t, tf[0], start[0]);
            Object[] r;
            if (rowFormat.json || rowFormat.csv) {
                v[4] = TimeFormat.isoUtc(t.startTimeNs(), digits[0]);
                r = v;
            } else { // Req, Resp, Stream, Time, Client, Server, Method, Host, URI, Status, Type, Resp bytes, User-Agent
                r = new Object[] {v[0], v[2], v[3], v[4], v[5] + ":" + v[6], v[7] + ":" + v[8], v[9], v[10],
                        clip(v[12], 80), v[13], v[14], truncated(v[16], v[21]), clip(v[17], 40)};
            }
            count[0]++;
            rows.add(firstFrame(t), r);
        });
        List<PacketSink> sinks = eve.with(Collect.with(selected, clock, sink), out, file);
        org.nta.app.http.HttpConfig http = limits.http(AppConfig.all().httpConfig().withMaxBodyBytes(64 << 10).withHashing(false, false));
        CaptureSummary s;
        try (org.nta.capture.CaptureSource src = org.nta.capture.CaptureSource.open(file, false)) {
            digits[0] = src.reader().tsPrecisionDigits();
            sinks = new java.util.ArrayList<>(sinks);
            sinks.add(Progress.of(src));
            if (format == RowStream.Format.TEXT) out.println("HTTP transactions:");
            s = new org.nta.engine.Engine(limits.engine(EngineConfig.DEFAULTS)).run(src, sinks,
                    new AppDispatcher((filter.needsApp() ? AppConfig.all() : AppConfig.httpOnly()).withHttp(http)));
        } catch (org.nta.capture.CaptureException e) {
            eve.abandon();
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        }
        eve.finish();
        long n = rows.finish();
        if (format == RowStream.Format.TEXT) out.println(n + " transactions");
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }

    /** A body length, marked when fewer bytes were kept than it has (--max-body-bytes), as the files table marks files. */
    static Object truncated(Object length, Object truncated) {
        return Boolean.TRUE.equals(truncated) ? length + " (truncated)" : length;
    }

    /** The request frame (or the response's, without a request): the order tshark lists requests in. */
    static long firstFrame(HttpTransaction t) {
        return t.request() != null ? t.request().frame() : t.response().frame();
    }

    static String clip(Object o, int n) {
        if (o == null) return null;
        String s = org.nta.report.TerminalText.safe(o.toString());
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
