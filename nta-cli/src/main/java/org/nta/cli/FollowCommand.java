package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Packet;
import org.nta.pipeline.AppLayer;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.ConnInfo;
import org.nta.event.EventSink;
import org.nta.flow.Flow;
import org.nta.reassembly.StreamHandlerFactory;
import org.nta.reassembly.StreamRecorder;
import org.nta.reassembly.TcpStreams;
import org.nta.report.FollowReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Follow TCP/UDP Stream. */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Follow a TCP or UDP stream (Wireshark's Follow Stream): each side's turns in order, with frame numbers. "
                + "Retransmissions are removed, out-of-order segments put back in order, missing bytes reported.")
final class FollowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--stream", required = true, paramLabel = "N", description = "The tcp.stream (or udp.stream with --udp) index.")
    int stream;

    @Option(names = "--udp", description = "Follow udp.stream N instead of tcp.stream N.")
    boolean udp;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ascii (default), hex, or raw (tshark's follow raw format).")
    String format = "ascii";

    @Option(names = "--max-bytes", paramLabel = "N", description = "Bytes to keep (default 64 MiB); the rest is counted.")
    long maxBytes = 64L << 20;

    @Mixin
    TimeOptions time;

    @Mixin
    FilterOption filter;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    /** The recorder plus every application parser, for a filter that names application fields. */
    private AppLayer withParsers(AppLayer recorder) {
        org.nta.app.AppDispatcher parsers = new org.nta.app.AppDispatcher(limits.app(org.nta.app.AppConfig.all()));
        return new AppLayer() {
            @Override
            public StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies) {
                List<StreamHandlerFactory> fs = new ArrayList<>();
                fs.add(parsers.start(events, anomalies));
                StreamHandlerFactory r = recorder.start(events, anomalies);
                if (r != null) fs.add(r);
                return org.nta.reassembly.StreamHandlers.all(fs);
            }

            @Override
            public void onDatagram(Packet p, Flow flow, boolean fromA) {
                parsers.onDatagram(p, flow, fromA);
            }
        };
    }

    @Override
    public Integer call() {
        FollowReport.Format fmt;
        try {
            fmt = FollowReport.Format.valueOf(format.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new CliError("unknown --format '" + format + "' (ascii, hex, raw)", Main.EXIT_UNREADABLE);
        }
        StreamRecorder recorder = new StreamRecorder(maxBytes);
        ConnInfo[] conn = new ConnInfo[1];
        long[] start = {Long.MIN_VALUE};
        List<PacketSink> sinks = new ArrayList<>();
        sinks.add(new PacketSink() {
            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                if (start[0] == Long.MIN_VALUE) start[0] = p.frame.epochNanos();
                if (!udp || flow == null || flow.isTcp() || flow.stream() != stream || p.payloadLen == 0) return;
                if (conn[0] == null) conn[0] = TcpStreams.conn(flow, true);
                recorder.onData(fromA, p.payload, p.payloadOff, p.payloadLen, p.frame.number, p.frame.epochNanos());
            }
        });
        AppLayer app0 = new AppLayer() {
            @Override
            public StreamHandlerFactory start(EventSink events, AnomalyCounter anomalies) {
                if (udp) return null;
                // without a handshake, the side sending a request line is the client, as for the http command
                return StreamHandlerFactory.withOpener((flow, c) -> {
                    if (flow.stream() != stream || conn[0] != null) return null;
                    conn[0] = c;
                    return recorder;
                }, org.nta.app.AppDispatcher::opener);
            }
        };
        AppLayer app = app0;
        org.nta.filter.FilteredSink selected = filter.wrap(new PacketSink() { });
        if (filter.needsApp()) app = withParsers(app);
        if (selected != null) sinks.add(0, selected);
        CaptureSummary s = Captures.run(file, limits.engine(EngineConfig.DEFAULTS), sinks, app);
        if (selected != null) {
            recorder.turns().removeIf(t -> {
                for (long f = t.firstFrame; f <= t.lastFrame; f++) if (selected.matched(f)) return false;
                return true;
            });
        }
        if (recorder.swappedConn() != null) conn[0] = recorder.swappedConn();
        if (conn[0] == null) {
            throw new CliError(file + ": there is no " + (udp ? "udp" : "tcp") + ".stream " + stream + " (the capture has "
                    + (udp ? s.udpStreams() : s.tcpStreams()) + ")", Main.EXIT_UNREADABLE);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(FollowReport.render(conn[0], recorder.turns(), fmt, time.build(s.tsPrecisionDigits()), start[0]));
        if (recorder.droppedBytes() > 0) {
            spec.commandLine().getErr().println("nta: " + recorder.droppedBytes() + " bytes beyond --max-bytes were not shown");
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }
}
