package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.report.Csv;
import org.nta.report.Json;
import org.nta.report.Numbers;
import org.nta.report.TextTable;
import org.nta.stats.EndpointCollector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Statistics → Endpoints. */
@Command(name = "endpoints", mixinStandardHelpOptions = true,
        description = "Endpoints (Wireshark's Statistics → Endpoints): frames and bytes sent and received per address and port.")
final class EndpointsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("type", "addr", "port", "frames", "bytes", "tx_frames", "tx_bytes", "rx_frames", "rx_bytes");

    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--type", split = ",", paramLabel = "TYPE", description = "eth, ip, tcp, udp (comma-separated; default ip).")
    List<String> types = List.of("ip");

    @Option(names = "--json", description = "JSON array of rows.")
    boolean json;

    @Option(names = "--csv", description = "CSV with the JSON field names as header.")
    boolean csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String t : types) {
            if (!List.of("eth", "ip", "tcp", "udp").contains(t)) throw new CliError("unknown --type '" + t + "' (eth, ip, tcp, udp)", Main.EXIT_UNREADABLE);
        }
        EndpointCollector ep = new EndpointCollector();
        CaptureSummary s = Captures.run(file, EngineConfig.DEFAULTS, List.of(ep));
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> all = new ArrayList<>();
        boolean first = true;
        for (String type : types) {
            List<EndpointCollector.Row> rows = ep.rows(type);
            if (json || csv) {
                for (EndpointCollector.Row r : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", r.type());
                    m.put("addr", r.addr());
                    m.put("port", r.port() < 0 ? null : r.port());
                    m.put("frames", r.frames());
                    m.put("bytes", r.bytes());
                    m.put("tx_frames", r.txFrames());
                    m.put("tx_bytes", r.txBytes());
                    m.put("rx_frames", r.rxFrames());
                    m.put("rx_bytes", r.rxBytes());
                    all.add(m);
                }
                continue;
            }
            if (!first) out.println();
            first = false;
            boolean ports = type.equals("tcp") || type.equals("udp");
            out.println(type.toUpperCase() + " endpoints: " + rows.size());
            TextTable t = ports ? new TextTable("Address", "Port", "Frames", "Bytes", "Tx Frames", "Tx Bytes", "Rx Frames", "Rx Bytes").rightAlign(1, 2, 3, 4, 5, 6, 7)
                    : new TextTable("Address", "Frames", "Bytes", "Tx Frames", "Tx Bytes", "Rx Frames", "Rx Bytes").rightAlign(1, 2, 3, 4, 5, 6);
            for (EndpointCollector.Row r : rows) {
                List<Object> c = new ArrayList<>();
                c.add(r.addr());
                if (ports) c.add(r.port());
                c.add(Numbers.count(r.frames()));
                c.add(Numbers.count(r.bytes()));
                c.add(Numbers.count(r.txFrames()));
                c.add(Numbers.count(r.txBytes()));
                c.add(Numbers.count(r.rxFrames()));
                c.add(Numbers.count(r.rxBytes()));
                t.add(c.toArray());
            }
            if (t.size() > 0) out.print(t.render());
        }
        if (json) out.println(Json.write(all));
        if (csv) out.print(Csv.write(COLUMNS, all));
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr());
    }
}
