package org.nta.detect.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.FindingType;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.testing.TestFiles;

/**
 * office-benign: alice reads her mail from her workstation's IPv4 and IPv6 addresses with the same password. The
 * detector sees two clients; the capture's stations show they are one dual-stack host, so no reuse is reported
 * (the answer key only tolerated a low one).
 */
class OfficeBenignReuseTest {
    @Test
    void aliceOnHerOwnTwoAddressesIsNoReuse() throws Exception {
        Analysis.Result r;
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("office-benign.pcap.gz").toString(), false)) {
            r = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
        }
        assertThat(r.findings()).noneMatch(f -> f.type() == FindingType.CREDENTIAL_REUSE);
    }
}
