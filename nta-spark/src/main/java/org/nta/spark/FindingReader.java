package org.nta.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;

/**
 * A finding again from its JSON object ({@link CaptureTask}'s: {@code AnalysisJson.finding} with {@code first_ns} and
 * {@code last_ns}), so that the driver can tell the story of all captures with the same {@code StoryBuilder} as
 * {@code nta analyze}. Evidence comes back as Jackson reads it (maps, lists, strings, numbers, booleans): what the
 * story code reads of it (client, hosts, webshell, followed_by, accounts) survives that.
 */
public final class FindingReader {
    private static final Map<String, FindingType> TYPES = new HashMap<>();
    private static final Map<String, Phase> PHASES = new HashMap<>();

    static {
        for (FindingType t : FindingType.values()) TYPES.put(t.id(), t);
        for (Phase p : Phase.values()) PHASES.put(p.id(), p);
    }

    private FindingReader() {}

    @SuppressWarnings("unchecked")
    public static Finding read(Map<String, Object> m) {
        FindingType type = TYPES.get((String) m.get("type"));
        Phase phase = PHASES.get((String) m.get("phase"));
        if (type == null || phase == null) throw new IllegalArgumentException("unknown finding type or phase: " + m.get("type") + ", " + m.get("phase"));
        Severity severity = Severity.valueOf(((String) m.get("severity")).toUpperCase(Locale.ROOT));
        List<Integer> streams = new ArrayList<>();
        for (Object o : (List<Object>) m.get("streams")) streams.add(((Number) o).intValue());
        List<String> techniques = new ArrayList<>();
        for (Object o : (List<Object>) m.get("techniques")) techniques.add((String) o);
        Map<String, Object> evidence = (Map<String, Object>) m.getOrDefault("evidence", Map.of());
        return new Finding(type, severity, phase, (String) m.get("attacker"), (String) m.get("victim"),
                num(m, "first_frame"), num(m, "last_frame"), num(m, "first_ns"), num(m, "last_ns"), streams,
                (String) m.get("filter"), (String) m.get("summary"), (Boolean) m.get("succeeded"), techniques, evidence,
                (int) num(m, "stream_count"));
    }

    private static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("finding without " + key);
        return n.longValue();
    }
}
