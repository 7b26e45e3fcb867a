package org.nta.detect.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.DetectionConfig;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.hosts.HostTable;
import org.nta.incident.Verdict;
import org.nta.testing.TestFiles;

/**
 * The whole pipeline on the name-poisoning recordings (see their .md write-ups): the poisoner's lures, the name the
 * real file server registered, and the two NTLMv2 logons it captured; who the hosts are once the poisoner's answers
 * no longer name it; and the twin, where the same typos go unanswered, stays benign.
 */
@SuppressWarnings("unchecked")
class NamePoisoningCapturesTest {
    record Run(Analysis.Result result, HostTable hosts) {}

    static Run run(String name) throws Exception {
        HostTable hosts = new HostTable(1000);
        try (CaptureSource src = CaptureSource.open(TestFiles.capture(name + ".pcap.gz").toString(), false)) {
            return new Run(Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of(hosts)), hosts);
        }
    }

    @Test
    void theResponderStyleRecordingIsAPoisoningThatCapturedAlicesHash() throws Exception {
        Run r = run("name-poisoning");
        List<Finding> fs = r.result().findings().stream().filter(f -> f.type() == FindingType.NAME_POISONING).toList();
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.attacker()).isEqualTo("172.31.224.66");
        assertThat(f.victim()).isEqualTo("172.31.224.10");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.firstFrame()).isEqualTo(252);
        assertThat((List<String>) f.evidence().get("protocols")).containsExactly("nbns", "llmnr");
        assertThat((List<Map<String, Object>>) f.evidence().get("conflicts")).anySatisfy(c ->
                assertThat(c).containsEntry("name", "filesrv").containsEntry("owner", "172.31.224.20"));
        assertThat((List<Map<String, Object>>) f.evidence().get("credentials")).extracting(c -> c.get("frame"), c -> c.get("user"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(262L, "alice"), org.assertj.core.groups.Tuple.tuple(295L, "alice"));
        assertThat(r.result().verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
        // the lures name the poisoner no more than they name the hosts it impersonated
        HostTable.Host poisoner = r.hosts().hosts().stream().filter(h -> h.addresses.contains("172.31.224.66")).findFirst().orElseThrow();
        assertThat(poisoner.names).doesNotContainKeys("wpad", "printsrv");
    }

    @Test
    void theTwinWhereTyposGoUnansweredIsBenign() throws Exception {
        Run r = run("name-resolution-benign");
        assertThat(r.result().findings()).noneMatch(f -> f.type() == FindingType.NAME_POISONING);
        assertThat(r.result().verdict().level()).isEqualTo(Verdict.Level.BENIGN);
        HostTable.Host nas = r.hosts().hosts().stream().filter(h -> h.addresses.contains("172.31.225.30")).findFirst().orElseThrow();
        assertThat(nas.names).containsKey("NAS01");
    }
}
