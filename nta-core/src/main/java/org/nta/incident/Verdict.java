package org.nta.incident;

import java.util.List;

/** The answer to "is it malicious?": a level and the reasons that led to it. */
public record Verdict(Level level, List<String> reasons) {
    public enum Level {
        BENIGN, SUSPICIOUS, MALICIOUS;

        public String id() {
            return name().toLowerCase();
        }
    }

    public Verdict {
        reasons = List.copyOf(reasons);
    }
}
