package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.report.ConversationReport;
import org.nta.report.Csv;
import org.nta.report.Json;
import org.nta.stats.ConversationCollector;
import org.nta.stats.ConversationRow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Statistics → Conversations. */
@Command(name = "conversations", aliases = "conv", mixinStandardHelpOptions = true,
        description = "Conversations (Wireshark's Statistics → Conversations): frames and bytes each way, start, duration, "
                + "tcp.stream/udp.stream and, for TCP, Zeek's connection state.")
final class ConversationsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--type", split = ",", paramLabel = "TYPE", description = "eth, ip, tcp, udp (comma-separated; default tcp,udp).")
    List<String> types = List.of("tcp", "udp");

    @Option(names = "--sort", paramLabel = "COLUMN", description = "frames (default, most first, as tshark), bytes, start, duration, stream, address.")
    String sort = "frames";

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
        Set<String> want = new LinkedHashSet<>();
        for (String t : types) {
            String v = t.trim().toLowerCase();
            if (v.equals("ipv4") || v.equals("ipv6")) v = "ip";
            if (!List.of("eth", "ip", "tcp", "udp").contains(v)) throw new CliError("unknown --type '" + t + "' (eth, ip, tcp, udp)", Main.EXIT_UNREADABLE);
            want.add(v);
        }
        if (!ConversationReport.SORTS.contains(sort)) throw new CliError("unknown --sort '" + sort + "' (" + String.join(", ", ConversationReport.SORTS) + ")", Main.EXIT_UNREADABLE);
        rowFormat.check();
        ConversationCollector conv = new ConversationCollector(want.contains("eth"), want.contains("ip"), want.contains("tcp"),
                want.contains("udp"), filter.present());
        List<org.nta.pipeline.PacketSink> sinks = new ArrayList<>();
        if (filter.present()) {
            sinks.add(new org.nta.pipeline.PacketSink() {
                boolean first = true;

                @Override
                public void onPacket(org.nta.decode.Packet p, org.nta.flow.Flow flow, boolean fromA) {
                    if (first) conv.setCaptureStart(p.frame.epochNanos());
                    first = false;
                }
            });
            sinks.add(filter.wrap(conv));
        } else {
            sinks.add(conv);
        }
        CaptureSummary s;
        try {
            s = Captures.run(file, limits.engine(EngineConfig.DEFAULTS), eve.with(sinks, spec.commandLine().getOut(), file),
                    filter.needsApp() ? new org.nta.app.AppDispatcher(limits.app(org.nta.app.AppConfig.all())) : null);
        } catch (CliError e) {
            eve.abandon();
            throw e;
        }
        eve.finish();
        PrintWriter out = spec.commandLine().getOut();
        List<List<ConversationRow>> all = new ArrayList<>();
        boolean first = true;
        try {
            for (String type : want) {
                List<ConversationRow> rows = type.equals("tcp") || type.equals("udp") ? conv.sorted(type, sort)
                        : ConversationReport.sort(conv.rows(type), sort);
                if (rowFormat.json || rowFormat.csv) {
                    all.add(rows);
                    continue;
                }
                if (!first) out.println();
                first = false;
                out.println(title(type) + " conversations: " + rows.size());
                if (!rows.isEmpty()) ConversationReport.text(out, rows, time.build(s.tsPrecisionDigits()), s.packets() == 0 ? 0 : firstFrameTime(conv, s));
            }
            int digits = s.tsPrecisionDigits();
            // the tables one after the other, without copying their rows (a TCP table's are made as they are read)
            Iterable<ConversationRow> rows = () -> all.stream().flatMap(List::stream).iterator();
            if (rowFormat.json) Json.writeArray(out, rows, r -> ConversationReport.json(r, digits));
            if (rowFormat.csv) Csv.write(out, ConversationReport.COLUMNS, rows, r -> ConversationReport.json(r, digits));
        } catch (java.io.IOException e) {
            throw new CliError("cannot write the output: " + e.getMessage(), Main.EXIT_INTERNAL);
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }

    private static long firstFrameTime(ConversationCollector conv, CaptureSummary s) {
        return conv.captureStartNs() == Long.MIN_VALUE ? s.firstNs() : conv.captureStartNs();
    }

    private static String title(String type) {
        return switch (type) {
            case "eth" -> "Ethernet";
            case "ip" -> "IP";
            default -> type.toUpperCase();
        };
    }
}
