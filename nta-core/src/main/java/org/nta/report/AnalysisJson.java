package org.nta.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.detect.Finding;
import org.nta.engine.Analysis;
import org.nta.hosts.HostNames;
import org.nta.pipeline.CaptureSummary;
import org.nta.incident.Incident;

/**
 * The JSON of {@code nta analyze --json}: a versioned schema (docs/schema/analysis.schema.json). Top level:
 * {@code schema_version}, {@code verdict}, {@code summary}, {@code incidents}, {@code findings}, {@code stats}.
 */
public final class AnalysisJson {
    public static final String SCHEMA_VERSION = "1.0";

    private AnalysisJson() {}

    public static Map<String, Object> build(Analysis.Result r) {
        return build(r, null);
    }

    /**
     * @param traffic the {@code traffic} object ({@link org.nta.stats.TrafficSummary#toJson()}), or null to leave it
     *                out; the HTML report draws its statistics from it
     */
    public static Map<String, Object> build(Analysis.Result r, Map<String, Object> traffic) {
        return build(r, traffic, null);
    }

    /**
     * @param hosts the {@code hosts} array: who the incidents' and findings' hosts are ({@link #hostRows}), or null to
     *              leave it out
     */
    public static Map<String, Object> build(Analysis.Result r, Map<String, Object> traffic, List<Map<String, Object>> hosts) {
        CaptureSummary c = r.capture();
        int digits = c.tsPrecisionDigits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", SCHEMA_VERSION);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("level", r.verdict().level().id());
        v.put("reasons", r.verdict().reasons());
        m.put("verdict", v);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", c.file());
        s.put("status", c.status());
        if (c.sha256() != null) s.put("sha256", c.sha256());
        s.put("packets", c.packets());
        s.put("first_time", c.packets() == 0 ? null : TimeFormat.isoUtc(c.firstNs(), digits));
        s.put("last_time", c.packets() == 0 ? null : TimeFormat.isoUtc(c.lastNs(), digits));
        s.put("duration_s", c.durationSeconds());
        s.put("text", AnalysisText.headline(r));
        s.put("incidents", r.incidents().size());
        s.put("findings", r.findings().size());
        s.put("malformed", c.malformed());
        s.put("limits_reached", c.limitsReached());
        if (!c.parts().isEmpty()) s.put("files", FileFrames.summary(c.parts(), digits));
        boolean masked = SecretsNote.masked(r.findings());
        s.put("secrets_masked", masked);
        s.put("secrets_note", masked ? SecretsNote.TEXT : null);
        m.put("summary", s);
        List<Map<String, Object>> incidents = new ArrayList<>();
        for (Incident i : r.incidents()) incidents.add(incident(i, r.findings(), digits));
        m.put("incidents", incidents);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> fm = finding(f, digits, r.streams());
            if (!c.parts().isEmpty()) fm.put("files", FileFrames.spans(c.parts(), f.firstFrame(), f.lastFrame()));
            findings.add(fm);
        }
        m.put("findings", findings);
        m.put("stats", r.stats());
        if (traffic != null) m.put("traffic", traffic);
        if (hosts != null) m.put("hosts", hosts);
        return m;
    }

    /** The rows of {@code nta hosts --json} for the hosts an incident or a finding names, attackers first. */
    public static List<Map<String, Object>> hostRows(Analysis.Result r, HostNames names) {
        return names.rows(Parties.of(r));
    }

    public static Map<String, Object> finding(Finding f, int digits) {
        return finding(f, digits, org.nta.engine.StreamTuples.NONE);
    }

    /** @param streams the run's streams: a finding on one flow gets that flow's {@code community_id}, else null */
    public static Map<String, Object> finding(Finding f, int digits, org.nta.engine.StreamTuples streams) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", f.type().id());
        m.put("severity", f.severity().id());
        m.put("phase", f.phase().id());
        m.put("attacker", f.attacker());
        m.put("victim", f.victim());
        m.put("first_frame", f.firstFrame());
        m.put("last_frame", f.lastFrame());
        m.put("first_time", TimeFormat.isoUtc(f.firstTimeNs(), digits));
        m.put("last_time", TimeFormat.isoUtc(f.lastTimeNs(), digits));
        m.put("streams", f.streams());
        m.put("stream_count", f.streamCount());
        m.put("filter", f.filter());
        m.put("summary", f.summary());
        m.put("succeeded", f.succeeded());
        m.put("techniques", f.techniques());
        m.put("evidence", f.evidence());
        org.nta.engine.StreamTuples.Tuple one = streams.of(f);
        m.put("community_id", one == null ? null : one.communityId());
        return m;
    }

    private static Map<String, Object> incident(Incident i, List<Finding> all, int digits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attacker", i.attacker());
        m.put("victim", i.victim());
        m.put("attacker_addresses", i.attackerAddresses());
        m.put("victim_addresses", i.victimAddresses());
        m.put("verdict", i.verdict().level().id());
        m.put("reasons", i.verdict().reasons());
        m.put("first_frame", i.firstFrame());
        m.put("last_frame", i.lastFrame());
        m.put("first_time", TimeFormat.isoUtc(i.firstTimeNs(), digits));
        m.put("last_time", TimeFormat.isoUtc(i.lastTimeNs(), digits));
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Incident.PhaseSummary p : i.phases()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("phase", p.phase().id());
            pm.put("status", p.status().id());
            pm.put("first_frame", p.firstFrame());
            pm.put("last_frame", p.lastFrame());
            pm.put("first_time", TimeFormat.isoUtc(p.firstTimeNs(), digits));
            pm.put("last_time", TimeFormat.isoUtc(p.lastTimeNs(), digits));
            pm.put("techniques", p.techniques());
            List<Integer> idx = new ArrayList<>();
            for (int k : p.findings()) idx.add(all.indexOf(i.findings().get(k)));
            pm.put("findings", idx);
            phases.add(pm);
        }
        m.put("phases", phases);
        List<Integer> idx = new ArrayList<>();
        for (Finding f : i.findings()) idx.add(all.indexOf(f));
        m.put("findings", idx);
        List<Map<String, Object>> pivots = new ArrayList<>();
        for (Incident.Pivot p : i.pivots()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("account", p.account());
            pm.put("obtained_by", p.obtainedBy());
            pm.put("obtained_in", p.obtainedIn());
            pm.put("obtained_frame", p.obtainedFrame());
            pm.put("used_from", p.usedFrom());
            pm.put("used_on", p.usedOn());
            pm.put("used_in", p.usedIn());
            pm.put("used_frame", p.usedFrame());
            pivots.add(pm);
        }
        m.put("pivots", pivots);
        return m;
    }
}
