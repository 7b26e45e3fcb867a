package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import org.junit.jupiter.api.Test;
import org.nta.report.html.HtmlReport;

/**
 * The report warm-up ({@code analyze --json/--html} on a spare processor) draws a real analysis: it must stay one
 * that the current schema accepts and that reaches the page's parts (findings of several kinds, an incident, traffic,
 * hosts), or it would warm code the real report does not run. It runs beside a real report without changing it.
 */
class ReportWarmupTest {
    private static JsonNode resource() throws Exception {
        try (InputStream in = ReportWarmup.class.getResourceAsStream(ReportWarmup.RESOURCE)) {
            return Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theWarmUpAnalysisFollowsTheSchemaAndReachesEveryPartOfThePage() throws Exception {
        JsonNode json = resource();
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "docs", "schema", "analysis.schema.json")));
        assertThat(schema.validate(json)).isEmpty();
        Set<String> types = new HashSet<>();
        for (JsonNode f : json.path("findings")) types.add(f.path("type").asText());
        assertThat(types).hasSizeGreaterThanOrEqualTo(3);
        assertThat(json.path("incidents").size()).isPositive();
        assertThat(json.path("hosts").size()).isPositive();
        assertThat(json.path("traffic").path("conversations").size()).isPositive();
        assertThat(json.path("traffic").path("protocols").size()).isPositive();
        assertThat(json.path("traffic").path("histogram").path("packets").size()).isPositive();
        assertThat(json.path("summary").path("file").asText()).doesNotContain("/");
        assertThat(ReportWarmup.run()).isGreaterThan(10_000);
    }

    @Test
    void aReportWrittenWhileTheWarmUpRunsIsTheSameAsWithout() throws Exception {
        String json = Json.write(Json.mapper().convertValue(resource(), java.util.Map.class));
        String alone = HtmlReport.render(json);
        for (int i = 0; i < 5; i++) {
            Thread t = new Thread(ReportWarmup::run);
            t.start();
            String beside = HtmlReport.render(json);
            t.join();
            assertThat(beside).isEqualTo(alone);
        }
        Thread started = ReportWarmup.start();
        if (started != null) {
            started.join(30_000);
            assertThat(started.isAlive()).isFalse();
        }
    }
}
