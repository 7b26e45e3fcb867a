package org.nta.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The pipeline's arrows point one way: early stages never depend on later ones. */
class ArchitectureTest {
    static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nta");

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
