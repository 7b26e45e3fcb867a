package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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
import org.nta.incident.Verdict;
import org.nta.testing.TestFiles;

/**
 * The whole pipeline on the DCE/RPC lab recordings (see their .md write-ups): impacket secretsdump's DCSync and a
 * Zerologon probe against a Samba DC are found with the write-up's frames; two DCs replicating, an administrator's
 * DsReplicaSync and a member server's real Netlogon secure channel stay benign.
 */
class AdRpcCapturesTest {
    private static final Map<String, Analysis.Result> RESULTS = new HashMap<>();

    static synchronized Analysis.Result run(String name) {
        return RESULTS.computeIfAbsent(name, n -> {
            try {
                return Analysis.run(CaptureSource.open(TestFiles.capture(n + ".pcap.gz").toString(), false), EngineConfig.DEFAULTS,
                        AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
            } catch (org.nta.capture.CaptureException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<Finding> of(String capture, FindingType t) {
        return run(capture).findings().stream().filter(f -> f.type() == t).toList();
    }

    @Test
    void secretsdumpIsDcsync() {
        List<Finding> fs = of("ad-dcsync-zerologon", FindingType.DCSYNC);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.attacker()).isEqualTo("172.31.231.66");
        assertThat(f.victim()).isEqualTo("172.31.231.10");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.streams()).containsExactly(7, 10);
        assertThat(f.firstFrame()).isEqualTo(180); // the first DsBind
        assertThat(f.lastFrame()).isEqualTo(317); // the last DsGetNCChanges answer
        assertThat(f.evidence()).containsEntry("requests", 9).containsEntry("sealed", 9);
        assertThat(f.filter()).contains("187").contains("273").contains("314");
    }

    @Test
    void zerologonProbeIsFoundAndRefused() {
        List<Finding> fs = of("ad-dcsync-zerologon", FindingType.ZEROLOGON);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.attacker()).isEqualTo("172.31.231.66");
        assertThat(f.victim()).isEqualTo("172.31.231.10");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.succeeded()).isFalse();
        assertThat(f.firstFrame()).isEqualTo(455);
        assertThat(f.lastFrame()).isEqualTo(1476);
        assertThat(f.streams()).containsExactly(17);
        assertThat(f.evidence()).containsEntry("zero_credential_attempts", 256).containsEntry("refused", 256)
                .containsEntry("challenges", 256).containsEntry("accounts", List.of("DC1$"));
    }

    @Test
    void secretsdumpsUserListingNamesTheAccountsTheDcAnswered() {
        List<Finding> fs = of("ad-dcsync-zerologon", FindingType.USER_ENUMERATION);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.evidence()).containsEntry("names_listed", 8)
                .containsEntry("listed", List.of("Administrator", "Guest", "krbtgt", "DC1$", "alice", "carol", "svc_sql", "svc_backup"));
        assertThat(f.summary()).contains("8 names (Administrator, Guest, krbtgt, DC1$, alice, carol, svc_sql, svc_backup)");
    }

    @Test
    void theAttackCaptureIsMaliciousAndItsJsonValidates() throws Exception {
        Analysis.Result r = run("ad-dcsync-zerologon");
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
        for (Finding f : r.findings()) assertThat(f.attacker()).isNotEqualTo("172.31.231.23");
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "schema", "analysis.schema.json")));
        for (String capture : List.of("ad-dcsync-zerologon", "ad-roast-psexec")) {
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(org.nta.report.Json.write(org.nta.report.AnalysisJson.build(
                    capture.equals("ad-roast-psexec") ? AdRpcCapturesTest.run(capture) : r)));
            assertThat(schema.validate(json)).as(capture).isEmpty();
        }
    }

    @Test
    void replicationBetweenDcsAndARealSecureChannelStayBenign() {
        Analysis.Result r = run("ad-replication-benign");
        assertThat(of("ad-replication-benign", FindingType.DCSYNC)).isEmpty();
        assertThat(of("ad-replication-benign", FindingType.ZEROLOGON)).isEmpty();
        assertThat(of("ad-replication-benign", FindingType.LATERAL_MOVEMENT)).isEmpty();
        // dc2's own AD DNS (GUID-named _msdcs records, SRV locators, GSS-TSIG TKEY exchanges) is no DNS tunnel
        for (Finding f : r.findings()) assertThat(f.severity().atLeast(Severity.MEDIUM)).as(f.summary()).isFalse();
        assertThat(r.verdict().level()).isEqualTo(org.nta.incident.Verdict.Level.BENIGN);
    }
    /** rpcclient and impacket lookupsid as a plain user (ad-rpc-recon.md): one finding naming the accounts learned. */
    @Test
    void rpcReconNamesTheAccountsItLearned() {
        List<Finding> fs = of("ad-rpc-recon", FindingType.USER_ENUMERATION);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.attacker()).isEqualTo("172.31.233.66");
        assertThat(f.victim()).isEqualTo("172.31.233.10");
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).contains("T1087.002", "T1069.002");
        assertThat(f.evidence()).containsEntry("rid_cycling", false);
        @SuppressWarnings("unchecked")
        List<String> listed = (List<String>) f.evidence().get("listed"), resolved = (List<String>) f.evidence().get("resolved");
        assertThat(listed).hasSize(AdConfig.DEFAULTS.maxSamples()).contains("Administrator", "krbtgt", "alice", "carol", "svc_sql",
                "svc_backup", "Domain Admins");
        // EnumDomains ×2 (LAB, BUILTIN), EnumDomainUsers 7, QueryDisplayInfo levels 1, 1, 4: 7 each, level 3: 12 groups, level 2: DC1$
        assertThat(f.evidence()).containsEntry("names_listed", 2 * 2 + 7 + 3 * 7 + 12 + 1);
        // LookupSids (rpcclient, lookupsid's RID cycling), LookupSids2, LookupRids: the names known, not Samba's hex for unknown RIDs
        // the user accounts first (groups and aliases outnumber them), then the rest up to the sample limit
        assertThat(resolved.subList(0, 8)).containsExactly("Administrator", "Guest", "krbtgt", "alice", "carol", "DC1$", "svc_sql", "svc_backup");
        assertThat(resolved).contains("Domain Admins", "Administrators").hasSize(AdConfig.DEFAULTS.maxSamples());
        assertThat(resolved).noneMatch(n -> n.matches("[0-9A-F]{8}"));
        assertThat(f.evidence()).containsEntry("names_asked", List.of("administrator", "svc_sql", "nosuchuser", "carol", "svc_backup"));
        @SuppressWarnings("unchecked")
        List<String> members = (List<String>) f.evidence().get("members");
        assertThat(members).contains("500", "1105", "S-1-5-21-3141397533-1828411044-3057149941-512");
        assertThat(f.summary()).contains("names resolved (");
    }
}
