package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.report.Json;
import org.nta.report.Numbers;
import org.nta.report.TextTable;
import org.nta.stats.ProtocolHierarchy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Statistics → Protocol Hierarchy. */
@Command(name = "protocols", mixinStandardHelpOptions = true,
        description = "Protocol hierarchy: frames and bytes per layer path such as eth:ip:tcp:http.")
final class ProtocolsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "JSON array of nodes (path, frames, bytes, percentages).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProtocolHierarchy ph = new ProtocolHierarchy();
        CaptureSummary s = Captures.run(file, EngineConfig.DEFAULTS, List.of(ph), org.nta.app.AppDispatcher.labelsOnly());
        PrintWriter out = spec.commandLine().getOut();
        long tf = Math.max(1, ph.totalFrames()), tb = Math.max(1, ph.totalBytes());
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (ProtocolHierarchy.Node n : ph.nodes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", n.path());
                m.put("protocol", n.name());
                m.put("frames", n.frames());
                m.put("bytes", n.bytes());
                m.put("frames_pct", 100.0 * n.frames() / tf);
                m.put("bytes_pct", 100.0 * n.bytes() / tb);
                all.add(m);
            }
            out.println(Json.write(all));
        } else {
            out.println("Protocol hierarchy: " + Numbers.count(ph.totalFrames()) + " frames, " + Numbers.count(ph.totalBytes()) + " bytes");
            TextTable t = new TextTable("Protocol", "Frames", "% Frames", "Bytes", "% Bytes").rightAlign(1, 2, 3, 4);
            for (ProtocolHierarchy.Node n : ph.nodes()) {
                t.add("  ".repeat(n.depth()) + n.name(), Numbers.count(n.frames()), Numbers.decimal(100.0 * n.frames() / tf, 1),
                        Numbers.count(n.bytes()), Numbers.decimal(100.0 * n.bytes() / tb, 1));
            }
            out.print(t.render());
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr());
    }
}
