package org.nta.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deliberate differences of filters/known-differences.md: lines "- `CAPTURE` `FILTER`: reason" (CAPTURE is a
 * file name, or * for every capture). Returns filters by capture.
 */
final class KnownDifferences {
    private static final Pattern LINE = Pattern.compile("^- `([^`]+)` `([^`]+)`:.*");

    private KnownDifferences() {}

    static Map<String, List<String>> load() {
        Map<String, List<String>> m = new HashMap<>();
        try (InputStream in = KnownDifferences.class.getResourceAsStream("/filters/known-differences.md")) {
            if (in == null) return m;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher x = LINE.matcher(line.strip());
                if (x.matches()) m.computeIfAbsent(x.group(1), k -> new ArrayList<>()).add(x.group(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
