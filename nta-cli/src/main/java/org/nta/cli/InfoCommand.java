package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.report.InfoReport;
import org.nta.report.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** capinfos for one or more files. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Capture file properties: format, encapsulation, packets, bytes, times, rates, SHA-256, malformed frames.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture files (pcap or pcapng, optionally gzip/zstd/xz); - for standard input.")
    List<String> files;

    @Option(names = "--json", description = "One JSON array with an object per file.")
    boolean json;

    @Mixin
    TimeOptions time;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> objects = new ArrayList<>();
        int worst = Main.EXIT_OK;
        boolean firstBlock = true;
        for (String file : files) {
            CaptureSummary s;
            try (CaptureSource src = CaptureSource.open(file, true)) {
                s = new Engine(EngineConfig.DEFAULTS.withHash(true)).run(src, List.of());
            } catch (CaptureException e) {
                err.println("nta: " + e.getMessage());
                objects.add(InfoReport.errorJson(file, e.getMessage()));
                worst = Main.EXIT_UNREADABLE;
                continue;
            }
            int code = Captures.exitCode(s, err);
            if (code != Main.EXIT_OK && worst == Main.EXIT_OK) worst = code;
            if (json) objects.add(InfoReport.json(s));
            else {
                if (!firstBlock) out.println();
                out.print(InfoReport.text(s, time.build(s.tsPrecisionDigits())));
                firstBlock = false;
            }
        }
        if (json) out.println(Json.write(objects));
        out.flush();
        return worst;
    }
}
