package org.nta.report.html;

import java.nio.file.Path;
import java.util.List;

import org.nta.app.AppConfig;
import org.nta.app.http.HttpConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.hosts.HostNames;
import org.nta.hosts.HostTable;
import org.nta.report.AnalysisJson;
import org.nta.report.Json;
import org.nta.stats.TrafficSummary;

/** Analyses a capture as {@code nta analyze --json --html} does and gives the JSON text and the page. */
final class ReportPages {
    record Page(String json, String html, long renderNs) {
    }

    private ReportPages() {}

    static Page of(Path capture) {
        TrafficSummary traffic = new TrafficSummary();
        HostTable hosts = new HostTable(10_000);
        HttpConfig http = HttpConfig.defaults().withMaxBodyBytes(64 << 10).withMaxFileBytes(256 << 10).withHashing(true, false);
        try (CaptureSource src = CaptureSource.open(capture.toString(), true)) {
            Analysis.Result r = Analysis.run(src, EngineConfig.DEFAULTS.withHash(true), AppConfig.all().withHttp(http),
                    DetectionConfig.DEFAULTS, List.of(traffic, hosts));
            String json = Json.write(AnalysisJson.build(r, traffic.toJson(), AnalysisJson.hostRows(r, HostNames.of(hosts)))) + "\n";
            long t = System.nanoTime();
            String html = HtmlReport.render(json);
            return new Page(json, html, System.nanoTime() - t);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(capture + ": " + e.getMessage(), e);
        }
    }
}
