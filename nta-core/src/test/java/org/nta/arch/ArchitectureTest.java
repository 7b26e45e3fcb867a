package org.nta.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;

import org.junit.jupiter.api.Test;

/**
 * The pipeline's arrows point one way: early stages never depend on later ones. The packages form a house of floors
 * that follows the pipeline: bytes and capture files at the bottom, then decoding, events, flows and reassembly, the
 * sink interfaces every consumer implements ({@code pipeline}), the consumers (application parsers, statistics,
 * hosts, the filter, detectors, incidents), the engine that assembles them, and the outputs that read its result. A
 * package depends only on packages of lower floors; a new package must be given its floor here.
 */
class ArchitectureTest {
    static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nta");

    static final Map<String, Integer> FLOOR = Map.ofEntries(
            Map.entry("bytes", 0),
            Map.entry("capture", 1),
            Map.entry("decode", 2),
            Map.entry("event", 2),
            Map.entry("flow", 3),
            Map.entry("reassembly", 4),
            Map.entry("pipeline", 5),
            Map.entry("app", 6),
            Map.entry("stats", 6),
            Map.entry("hosts", 7),
            Map.entry("filter", 7),
            Map.entry("detect", 7),
            Map.entry("incident", 8),
            Map.entry("engine", 9),
            Map.entry("report", 10));

    @Test
    void everyPackageHasAFloor() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : CORE) {
            String top = top(c.getPackageName());
            if (top != null && !top.equals("cli")) packages.add(top);
        }
        assertThat(FLOOR.keySet()).containsAll(packages);
    }

    @Test
    void everyPackageDependsOnlyOnLowerFloors() {
        for (Map.Entry<String, Integer> e : FLOOR.entrySet()) {
            List<String> sameOrHigher = FLOOR.entrySet().stream()
                    .filter(o -> !o.getKey().equals(e.getKey()) && o.getValue() >= e.getValue())
                    .map(o -> "org.nta." + o.getKey() + "..").toList();
            if (sameOrHigher.isEmpty()) continue;
            noClasses().that().resideInAPackage("org.nta." + e.getKey() + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(sameOrHigher.toArray(String[]::new))
                    .check(CORE);
        }
    }

    private static String top(String pkg) {
        if (!pkg.startsWith("org.nta.")) return null;
        String rest = pkg.substring("org.nta.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void bytesDependsOnNothingElse() {
        noClasses().that().resideInAPackage("org.nta.bytes..").should().dependOnClassesThat()
                .resideInAnyPackage("org.nta.capture..", "org.nta.decode..", "org.nta.flow..", "org.nta.reassembly..",
                        "org.nta.app..", "org.nta.detect..", "org.nta.report..", "org.nta.engine..")
                .check(CORE);
    }

    @Test
    void captureAndDecodeDoNotKnowLaterStages() {
        noClasses().that().resideInAnyPackage("org.nta.capture..", "org.nta.decode..").should().dependOnClassesThat()
                .resideInAnyPackage("org.nta.flow..", "org.nta.reassembly..", "org.nta.app..", "org.nta.event..",
                        "org.nta.detect..", "org.nta.incident..", "org.nta.report..", "org.nta.engine..", "org.nta.filter..")
                .check(CORE);
    }

    @Test
    void flowsDoNotKnowParsersDetectorsOrReports() {
        noClasses().that().resideInAnyPackage("org.nta.flow..", "org.nta.reassembly..").should().dependOnClassesThat()
                .resideInAnyPackage("org.nta.app..", "org.nta.detect..", "org.nta.incident..", "org.nta.report..", "org.nta.filter..")
                .check(CORE);
    }

    @Test
    void parsersDoNotKnowDetectorsOrReports() {
        noClasses().that().resideInAnyPackage("org.nta.app..", "org.nta.event..").should().dependOnClassesThat()
                .resideInAnyPackage("org.nta.detect..", "org.nta.incident..", "org.nta.report..", "org.nta.filter..")
                .check(CORE);
    }

    @Test
    void detectorsDoNotKnowStoriesOrReports() {
        noClasses().that().resideInAPackage("org.nta.detect..").should().dependOnClassesThat()
                .resideInAnyPackage("org.nta.incident..", "org.nta.report..", "org.nta.filter..")
                .check(CORE);
    }

    @Test
    void nothingInTheCoreDependsOnTheCommandLine() {
        noClasses().that().resideInAPackage("org.nta..").should().dependOnClassesThat().resideInAPackage("org.nta.cli..")
                .check(CORE);
    }
}
