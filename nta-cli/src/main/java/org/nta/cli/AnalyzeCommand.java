package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.CaptureSummary;
import org.nta.detect.DetectionConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.hosts.HostNames;
import org.nta.hosts.HostTable;
import org.nta.report.AnalysisJson;
import org.nta.report.AnalysisMarkdown;
import org.nta.report.AnalysisText;
import org.nta.report.Ansi;
import org.nta.report.EvidenceFiles;
import org.nta.report.FileExtractor;
import org.nta.report.Json;
import org.nta.report.TimeFormat;
import org.nta.report.html.HtmlReport;
import org.nta.stats.SensorTraffic;
import org.nta.stats.TrafficSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The investigation. */
@Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
        description = "Investigate a capture: find the attacks (scans, content discovery, attack tools, web attacks, brute force, "
                + "uploads and web shells, reverse shells, disclosures, clear-text and default credentials, password spraying, credential reuse, what an attacker's login did, beacons, DNS tunnels, exfiltration, "
                + "payload delivery, indicators from --intel), tell one story per attacker "
                + "with frame-exact evidence and Wireshark filters, and give a verdict.")
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture file, or - for standard input. Several files, "
            + "or a directory of them (a sensor's rotated captures), are read as one capture in the order of their first "
            + "frame: frames are numbered through them (as mergecap -a of them in that order numbers them), and every "
            + "finding also names its file and its frames there. Files of several sensors (named files that overlap in time, "
            + "or several directories) are analysed side by side, one pipeline per sensor, and told as one story.")
    List<String> files;

    @Option(names = "--glob", paramLabel = "PATTERN", description = "With a directory, read only the files whose names "
            + "match (\"*.pcap*\", \"eth0-*.pcapng.gz\").")
    String glob;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the analysis as JSON (schema docs/schema/analysis.schema.json); - for standard output.")
    String json;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Write the report as one self-contained HTML page "
            + "(verdict, timeline, host graph, findings with their evidence, indicators, traffic); nta report remakes it from --json.")
    Path html;

    @Option(names = "--no-hash", description = "With --json or --html, leave out the capture's SHA-256 (it is computed on a "
            + "second thread while reading: about a second of processor time per 2 GB).")
    boolean noHash;

    @Option(names = "--report", paramLabel = "FILE.md", description = "Write the analyst's report in Markdown.")
    Path report;

    @Option(names = "--extract", paramLabel = "DIR", description = "Write the files involved and a manifest into DIR: "
            + "every upload, the answers in the streams of web shell, disclosure and credential findings, and files a "
            + "victim downloaded from its attacker.")
    Path extract;

    @Option(names = "--extract-all", description = "With --extract, write every file carried over HTTP (as nta files --extract).")
    boolean extractAll;

    @Option(names = "--intel", paramLabel = "FILE", description = "Indicators to look for (plain text or CSV, one per line: "
            + "address, network, domain, URL, SHA-256, JA3 or JA4, then an optional label); every match is an intel_match finding. "
            + "Nothing is downloaded.")
    Path intel;

    @Option(names = "--max-findings", paramLabel = "N", description = "Key findings shown on the terminal (default 12).")
    int maxFindings = 12;

    @Option(names = "--show-secrets", description = "Show passwords, SNMP communities and found credentials in the findings "
            + "(terminal, report and JSON); by default they are masked (****).")
    boolean showSecrets;

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (default: colour on a terminal), always, never.")
    String color = "auto";

    @Mixin
    EveOption eve;

    @Mixin
    TimeOptions time;

    @Mixin
    FilterOption filter;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PacketSink> extra = new ArrayList<>();
        FileExtractor extractor = null;
        if (extractAll && extract == null) throw new CliError("--extract-all needs --extract DIR", Main.EXIT_UNREADABLE);
        if ("-".equals(json) && eve.toStdout()) throw new CliError("--json - and --eve - both want standard output", Main.EXIT_UNREADABLE);
        if (extract != null) {
            try {
                extractor = extractAll ? new FileExtractor(extract) : FileExtractor.staged(extract);
            } catch (IOException e) {
                throw new CliError("cannot create " + extract + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
            }
            extra.add(Collect.files(extractor, null, null, false));
        }
        DetectionConfig detection = DetectionConfig.DEFAULTS;
        if (intel != null) {
            try {
                detection = detection.withC2(detection.c2().withIntel(org.nta.detect.c2.IntelSet.read(intel)));
            } catch (IOException | UncheckedIOException e) {
                throw new CliError("cannot read " + intel + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
            }
        }
        // the JSON and the page carry the capture's hash and traffic statistics (the page is drawn from the JSON)
        TrafficSummary traffic = json != null || html != null ? new TrafficSummary() : null;
        if (traffic != null) extra.add(traffic);
        // the JSON and the page are written after the analysis by code that has not run yet: warm it on the spare core
        if (traffic != null) org.nta.report.ReportWarmup.start();
        // who each host is, to name the incidents' hosts ("DC1 10.0.0.2 (alice@CORP)") and list them in the reports
        HostTable hostTable = new HostTable(10_000);
        extra.add(hostTable);
        Analysis.Result r;
        boolean wantJson = traffic != null;
        boolean hash = traffic != null && !noHash;
        List<org.nta.capture.SensorRuns.Input> inputs = CaptureFiles.inputs(files, glob, spec.commandLine().getErr());
        List<String> paths = inputs.stream().map(org.nta.capture.SensorRuns.Input::path).toList();
        String file = CaptureFiles.label(files, paths);
        HostNames names;
        java.util.Map<String, Object> trafficJson;
        try (Sensors sensors = new Sensors()) {
            List<List<String>> runs = sensors.partition(inputs);
            if (runs.size() > 1) {
                SensorsResult several = several(sensors, runs, file, hash, detection, traffic != null);
                r = several.result();
                names = several.names();
                trafficJson = several.traffic();
            } else {
                r = one(paths, file, hash, extra, extractor, detection);
                names = HostNames.of(hostTable);
                trafficJson = traffic == null ? null : traffic.toJson();
            }
        }
        TimeFormat tf = time.build(r.capture().tsPrecisionDigits());
        CaptureSummary capture = r.capture();
        eve.finish(r.findings(), r.streams(), capture.parts().isEmpty() ? null : capture::fileOf);
        boolean jsonToStdout = "-".equals(json);
        if (!jsonToStdout && !eve.toStdout()) out.print(AnalysisText.render(r, tf, new Ansi(useColor()), maxFindings, names));
        try {
            String text = !wantJson ? null : Json.write(AnalysisJson.build(r, trafficJson, AnalysisJson.hostRows(r, names))) + "\n";
            if (json != null) {
                if (jsonToStdout) out.print(text);
                else Files.writeString(Path.of(json), text, StandardCharsets.UTF_8);
            }
            if (html != null) Files.writeString(html, HtmlReport.render(text), StandardCharsets.UTF_8);
            if (report != null) Files.writeString(report, AnalysisMarkdown.render(r, tf, names), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliError("cannot write the report: " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        out.flush();
        return Captures.exitCode(r.capture(), spec.commandLine().getErr(), limits);
    }

    /** The result of several sensors' runs, the hosts they saw, and their combined {@code traffic} (or null). */
    private record SensorsResult(Analysis.Result result, HostNames names, java.util.Map<String, Object> traffic) {}

    /**
     * Several sensors' runs side by side ({@link Sensors}), each with its own sinks: hosts, traffic statistics (all
     * started at the first frame of all runs, so they add up: {@link SensorTraffic}), EVE lines (joined in run
     * order by {@link EveRuns}, then the merged findings' alerts) and extracted files (kept in run order by
     * {@link ExtractRuns}).
     */
    private SensorsResult several(Sensors sensors, List<List<String>> runs, String file, boolean hash,
                                  DetectionConfig detection, boolean withTraffic) {
        if (filter.present()) filter.compile();
        int n = runs.size();
        HostTable[] tables = new HostTable[n];
        TrafficSummary[] traffic = withTraffic ? new TrafficSummary[n] : null;
        long start = withTraffic ? Sensors.start(runs) : 0;
        EngineConfig engine = limits.engine(EngineConfig.DEFAULTS.withHash(hash));
        AppConfig app = limits.app(Analysis.appConfig(extract != null, extract != null));
        DetectionConfig det = detection.withShowSecrets(showSecrets);
        Analysis.Outcome[] outcomes = new Analysis.Outcome[n];
        ExtractRuns extractRuns = extract == null ? null : new ExtractRuns(extract, extractAll, n);
        EveRuns eveRuns = eve.openRuns(spec.commandLine().getOut(), n);
        try {
            Analysis.Result r = sensors.analyse(runs, file, hash, (sensor, src) -> {
                List<PacketSink> sinks = new ArrayList<>();
                sinks.add(tables[sensor - 1] = new HostTable(10_000));
                if (traffic != null) sinks.add(traffic[sensor - 1] = new TrafficSummary(start));
                try {
                    if (extractRuns != null) sinks.add(extractRuns.open(sensor));
                    if (eveRuns != null) sinks.add(eveRuns.open(sensor, src::currentFile));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return outcomes[sensor - 1] = Analysis.outcome(src, engine, app, det, sinks,
                        sink -> filter.present() ? filter.wrapOwn(sink) : sink);
            });
            if (extractRuns != null) {
                try {
                    extractRuns.finish(java.util.Arrays.stream(outcomes).map(o -> o.result().findings()).toList(),
                            r.incidents(), r.capture()::fileOf);
                } catch (IOException | UncheckedIOException e) {
                    throw new CliError("cannot write into " + extract + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
                }
            }
            eve.finishRuns(eveRuns, r.findings(), r.streams(), file, r.capture()::fileOf);
            java.util.Map<String, Object> trafficJson = traffic == null ? null : SensorTraffic.toJson(List.of(traffic), r.capture()::fileOf);
            return new SensorsResult(r, HostNames.of(List.of(tables)), trafficJson);
        } catch (UncheckedIOException e) {
            eve.abandon();
            if (extractRuns != null) extractRuns.abandon();
            String what = extract != null ? "into " + extract : eve.file;
            throw new CliError("cannot write " + what + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        } catch (RuntimeException e) {
            eve.abandon();
            if (extractRuns != null) extractRuns.abandon();
            throw e;
        } finally {
            if (eveRuns != null) eveRuns.close();
        }
    }

    /** The files as one capture (one file, one directory, or files that continue each other). */
    private Analysis.Result one(List<String> paths, String file, boolean hash, List<PacketSink> extra, FileExtractor extractor,
                                DetectionConfig detection) {
        PrintWriter out = spec.commandLine().getOut();
        Analysis.Result r;
        try (CaptureSource src = CaptureSource.openAll(paths, file, hash)) {
            extra.add(Progress.of(src));
            if (filter.present()) filter.compile();
            org.nta.report.eve.EveWriter eveSink = eve.open(out, src::currentFile, true);
            if (eveSink != null) extra.add(eveSink);
            r = Analysis.run(src, limits.engine(EngineConfig.DEFAULTS.withHash(hash)), limits.app(Analysis.appConfig(extract != null, extract != null)),
                    detection.withShowSecrets(showSecrets), extra,
                    sink -> filter.present() ? filter.wrap(sink) : sink);
            if (extractor != null) extractor.finish(EvidenceFiles.of(r.findings(), r.incidents()));
        } catch (CaptureException e) {
            eve.abandon();
            if (extractor != null) extractor.abandon();
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        } catch (IOException | UncheckedIOException e) {
            eve.abandon();
            String what = extract != null ? "into " + extract : eve.present() ? eve.file : "the output";
            throw new CliError("cannot write " + what + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        return r;
    }

    private boolean useColor() {
        return switch (color) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
        };
    }
}
