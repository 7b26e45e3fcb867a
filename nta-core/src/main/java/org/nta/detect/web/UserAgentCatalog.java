package org.nta.detect.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Offensive tools and scripted clients recognised by their User-Agent, read from the data file
 * {@code org/nta/detect/web/user-agents.tsv} (tool, regex, category, notes). The catalog is immutable.
 */
public final class UserAgentCatalog {
    /** A User-Agent recognised as a tool: its name, version (or null), category and the data file's notes. */
    public record ToolMatch(String tool, String version, ToolCategory category, String notes) {
    }

    private record Entry(String tool, Pattern pattern, ToolCategory category, String notes) {
    }

    public static final String RESOURCE = "/org/nta/detect/web/user-agents.tsv";
    private static final Pattern BROWSER = Pattern.compile(
            "^Mozilla/5\\.0 \\((?:Windows|Macintosh|X11|Linux|iPhone|iPad|Android)[^)]*\\).*(?:Gecko/|AppleWebKit/|Trident/|Firefox/|Chrome/|Safari/)");
    private static final UserAgentCatalog DEFAULT = load();

    private final List<Entry> entries;

    private UserAgentCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalog shipped with NTA: a fresh instance (its match cache is per analysis) over the shared, immutable rules. */
    public static UserAgentCatalog standard() {
        return new UserAgentCatalog(DEFAULT.entries);
    }

    private static UserAgentCatalog load() {
        try (InputStream in = UserAgentCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** Parses the TSV format; a malformed row is a programming error in the data file and throws. */
    static UserAgentCatalog parse(BufferedReader r) throws IOException {
        List<Entry> out = new ArrayList<>();
        String line;
        int n = 0;
        boolean header = true;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (header) {
                header = false;
                if (f[0].equals("tool")) continue;
            }
            if (f.length < 3) throw new IllegalArgumentException("user-agents.tsv line " + n + ": need tool, regex, category");
            try {
                out.add(new Entry(f[0], Pattern.compile(f[1], Pattern.CASE_INSENSITIVE), ToolCategory.byId(f[2]),
                        f.length > 3 ? f[3] : ""));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("user-agents.tsv line " + n + ": bad regex", e);
            }
        }
        return new UserAgentCatalog(out);
    }

    /** The tool a User-Agent names, or null. */
    /** Results for the User-Agents seen lately: a capture repeats a handful of them thousands of times. */
    private final java.util.LinkedHashMap<String, java.util.Optional<ToolMatch>> recent = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, java.util.Optional<ToolMatch>> e) {
            return size() > 256;
        }
    };

    public ToolMatch match(String ua) {
        if (ua == null || ua.isEmpty()) return null;
        java.util.Optional<ToolMatch> cached = recent.get(ua);
        if (cached != null) return cached.orElse(null);
        ToolMatch m = scan(ua);
        if (ua.length() <= 512) recent.put(ua, java.util.Optional.ofNullable(m));
        return m;
    }

    private ToolMatch scan(String ua) {
        for (Entry e : entries) {
            Matcher m = e.pattern().matcher(ua);
            if (m.find()) {
                String v = e.pattern().pattern().contains("(?<v>") ? m.group("v") : null;
                return new ToolMatch(e.tool(), v, e.category(), e.notes());
            }
        }
        return null;
    }

    /** A mainstream browser's User-Agent (and not a tool's). */
    public boolean isBrowser(String ua) {
        return ua != null && BROWSER.matcher(ua).find() && match(ua) == null;
    }

    public int size() {
        return entries.size();
    }

    public List<String> tools() {
        List<String> t = new ArrayList<>();
        for (Entry e : entries) t.add(e.tool().toLowerCase(Locale.ROOT));
        return t;
    }
}
