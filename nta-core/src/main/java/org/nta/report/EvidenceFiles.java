package org.nta.report;

import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Severity;
import org.nta.event.HttpFileObject;
import org.nta.incident.Incident;
import org.nta.incident.Verdict;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which HTTP files an investigation writes with {@code nta analyze --extract}: the files involved, not every body of
 * the capture (thousands of brute-force answers would bury them).
 * <ul>
 * <li>every upload (multipart part, PUT or raw POST body; forms are parameters, not files);</li>
 * <li>downloads in the streams of a web shell upload or command, an information disclosure (above INFO: database
 * errors, listings, system files) or cleartext credentials, so the answers that prove a finding are at hand;</li>
 * <li>downloads a victim fetched from its attacker (a tool or second stage served by the attacker).</li>
 * </ul>
 */
public final class EvidenceFiles {
    /** Findings whose streams' answers are evidence; mass findings (scans, brute force, tools) are left out. */
    static final Set<FindingType> ANSWER_EVIDENCE = EnumSet.of(FindingType.FILE_UPLOAD, FindingType.WEBSHELL_COMMAND,
            FindingType.INFO_DISCLOSURE, FindingType.CLEARTEXT_CREDENTIALS);

    private EvidenceFiles() {}

    public static Predicate<FileExtractor.Candidate> of(List<Finding> findings, List<Incident> incidents) {
        Set<Integer> streams = new HashSet<>();
        for (Finding f : findings) {
            if (ANSWER_EVIDENCE.contains(f.type()) && f.severity().compareTo(Severity.INFO) > 0) streams.addAll(f.streams());
        }
        Set<String> served = new HashSet<>();
        for (Incident i : incidents) {
            if (i.verdict().level() == Verdict.Level.BENIGN) continue;
            served.add(i.victim() + " " + i.attacker());
            for (String attacker : i.attackerAddresses()) {
                for (String victim : i.victimAddresses()) served.add(victim + " " + attacker);
            }
        }
        return c -> {
            FileExtractor.Entry e = c.entry();
            if (e.direction().equals(HttpFileObject.Direction.UPLOAD.id())) return !e.source().equals(HttpFileObject.Source.FORM.id());
            return streams.contains(e.stream()) || served.contains(c.clientAddr() + " " + c.serverAddr());
        };
    }
}
