package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/** The JSON of a capture read from rotated files names the files, and follows the schema. */
class ManyFilesJsonTest {
    @TempDir
    Path dir;

    @Test
    void theFilesOfARotatedCaptureAreInTheJsonAndFollowTheSchema() throws Exception {
        assumeTrue(Tools.has("editcap") || "true".equalsIgnoreCase(System.getenv("CI")), "editcap not installed");
        Tools.Result split = Tools.run(120, "editcap", "-c", "200", TestFiles.capture("c2-http-beacon.pcap.gz").toString(),
                dir.resolve("rot.pcap").toString());
        assertThat(split.exit()).as(split.err()).isZero();
        List<String> parts;
        try (Stream<Path> s = Files.list(dir)) {
            parts = s.map(Path::toString).sorted().toList();
        }
        assertThat(parts).hasSizeGreaterThan(1);
        Analysis.Result r;
        try (CaptureSource src = CaptureSource.openAll(parts, "rotated", true)) {
            r = Analysis.run(src, EngineConfig.DEFAULTS.withHash(true), AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
        }
        JsonNode json = Json.mapper().readTree(Json.write(AnalysisJson.build(r)));
        assertThat(json.path("summary").path("files")).hasSize(parts.size());
        assertThat(json.path("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.path("files")).isNotEmpty());
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("..", "docs", "schema", "analysis.schema.json")));
        assertThat(schema.validate(json)).isEmpty();
    }
}
