package org.nta.detect.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;

/**
 * What one client asked one server for, seen as a directory brute force would be: how many requests, how many
 * distinct paths, how the server answered (404s, and a "soft 404": one (status, size) answer given to most
 * requests), what was found, which answers stand out by size, how many paths are well-known wordlist entries and
 * whether they came in alphabetical order. Bounded: at most {@link #MAX_PATHS} distinct paths and
 * {@link #MAX_KEPT} kept answers.
 */
final class DiscoveryTally {
    static final int MAX_PATHS = 200_000;
    static final int MAX_KEPT = 4_096;
    static final int MAX_SIZE_KEYS = 4_096;
    private static final Set<String> MARKERS = loadMarkers();

    /** One answer worth keeping: anything but a plain 404/410. */
    record Answer(String path, int status, long size, long requestFrame, long responseFrame, String location) {
    }

    /** The verdict on a tally. */
    record Assessment(boolean discovery, long notFound, double notFoundShare, Map<String, Object> softNotFound,
                      List<Answer> found, int foundTotal, List<Map<String, Object>> outliers) {
    }

    long requests, answered;
    final TreeMap<Integer, Long> statusCounts = new TreeMap<>();
    private final Set<String> paths = new HashSet<>();
    private boolean pathsOverflow;
    private long distinct;
    private final List<Answer> kept = new ArrayList<>();
    private long keptDropped;
    /** (status, size) → count and the first example of it. */
    private final Map<Long, long[]> sizeCounts = new HashMap<>();
    private final Map<Long, Answer> sizeExample = new HashMap<>();
    long wordlistHits, ascending, pairs;
    private String prevName;

    /** Counts a transaction; {@code in} is its request's inspection (which names the path's last segment). */
    void add(HttpTransaction t, RequestInspector.Inspection in) {
        HttpRequest r = t.request();
        if (r == null) return;
        requests++;
        String uri = r.uri();
        if (!pathsOverflow) {
            if (paths.add(uri)) distinct++;
            if (paths.size() >= MAX_PATHS) pathsOverflow = true;
        } else {
            distinct++; // past the cap every path counts as new: an upper bound
        }
        String name = in.name();
        if (in.wordlistMarker()) wordlistHits++;
        if (prevName != null && !name.isEmpty()) {
            pairs++;
            if (name.compareTo(prevName) >= 0) ascending++;
        }
        if (!name.isEmpty()) prevName = name;
        HttpResponse resp = t.response();
        if (resp == null) return;
        answered++;
        statusCounts.merge(resp.status(), 1L, Long::sum);
        long size = resp.body().decodedLength();
        Answer a = null;
        long key = ((long) resp.status() << 40) | Math.min(size, (1L << 40) - 1);
        long[] c = sizeCounts.get(key);
        if (c != null) c[0]++;
        else if (sizeCounts.size() < MAX_SIZE_KEYS) {
            a = answer(r, resp, size);
            sizeCounts.put(key, new long[] {1});
            sizeExample.put(key, a);
        }
        if (resp.status() != 404 && resp.status() != 410) {
            if (kept.size() < MAX_KEPT) kept.add(a != null ? a : answer(r, resp, size));
            else keptDropped++;
        }
    }

    private static Answer answer(HttpRequest r, HttpResponse resp, long size) {
        return new Answer(r.path() != null ? r.path() : r.uri(), resp.status(), size, r.frame(), resp.frame(), resp.location());
    }

    long distinctPaths() {
        return distinct;
    }

    double wordlistShare() {
        return requests == 0 ? 0 : (double) wordlistHits / requests;
    }

    double alphabeticalShare() {
        return pairs == 0 ? 0 : (double) ascending / pairs;
    }

    Assessment assess(WebConfig c) {
        long notFound = statusCounts.getOrDefault(404, 0L) + statusCounts.getOrDefault(410, 0L);
        // a soft 404: one (status, size) given to most requests that is not a 404 itself
        long softKey = -1, softCount = 0;
        for (Map.Entry<Long, long[]> e : sizeCounts.entrySet()) {
            int status = (int) (e.getKey() >>> 40);
            if (status == 404 || status == 410) continue;
            if (e.getValue()[0] > softCount) {
                softCount = e.getValue()[0];
                softKey = e.getKey();
            }
        }
        Map<String, Object> soft = null;
        if (softKey >= 0 && softCount >= c.softNotFoundMinCount() && softCount >= c.softNotFoundMinShare() * Math.max(1, answered)) {
            notFound += softCount;
            soft = new LinkedHashMap<>();
            soft.put("status", (int) (softKey >>> 40));
            soft.put("size", softKey & ((1L << 40) - 1));
            soft.put("count", softCount);
        } else {
            softKey = -1;
        }
        double share = answered == 0 ? 0 : (double) notFound / answered;
        boolean discovery = requests >= c.discoveryMinRequests() && distinct >= c.discoveryMinDistinctPaths()
                && share >= c.discoveryMinNotFoundShare();
        List<Answer> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Answer a : kept) {
            long key = ((long) a.status() << 40) | Math.min(a.size(), (1L << 40) - 1);
            if (key == softKey) continue;
            if (seen.add(a.path())) found.add(a);
        }
        found.sort((x, y) -> Long.compare(x.responseFrame(), y.responseFrame()));
        int total = found.size() + (int) Math.min(Integer.MAX_VALUE, keptDropped);
        return new Assessment(discovery, notFound, Evidence.round(share), soft, Evidence.head(found, c.maxSamples() * 5),
                total, outliers(c));
    }

    /** Answers whose size differs from what the server usually sends with that status: rare (status, size) pairs. */
    private List<Map<String, Object>> outliers(WebConfig c) {
        Map<Integer, Long> perStatus = new HashMap<>();
        Map<Integer, long[]> mode = new HashMap<>(); // status → {size, count}
        for (Map.Entry<Long, long[]> e : sizeCounts.entrySet()) {
            int status = (int) (e.getKey() >>> 40);
            long size = e.getKey() & ((1L << 40) - 1);
            perStatus.merge(status, e.getValue()[0], Long::sum);
            long[] m = mode.computeIfAbsent(status, k -> new long[] {size, 0});
            if (e.getValue()[0] > m[1] || e.getValue()[0] == m[1] && size < m[0]) {
                m[0] = size;
                m[1] = e.getValue()[0];
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : sizeCounts.entrySet()) {
            int status = (int) (e.getKey() >>> 40);
            long size = e.getKey() & ((1L << 40) - 1);
            long n = perStatus.get(status);
            long cnt = e.getValue()[0];
            if (n < 10 || size == mode.get(status)[0] || cnt > Math.max(2, n / 100)) continue;
            Answer a = sizeExample.get(e.getKey());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", a.path());
            m.put("status", status);
            m.put("size", size);
            m.put("usual_size", mode.get(status)[0]);
            m.put("count", cnt);
            m.put("frame", a.responseFrame());
            out.add(m);
        }
        out.sort((x, y) -> Long.compare((Long) x.get("frame"), (Long) y.get("frame")));
        return Evidence.head(out, c.maxSamples());
    }

    static String lastSegment(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        while (p.endsWith("/") && p.length() > 1) p = p.substring(0, p.length() - 1);
        int s = p.lastIndexOf('/');
        return (s >= 0 ? p.substring(s + 1) : p).toLowerCase(Locale.ROOT);
    }

    static boolean isMarker(String name) {
        if (name.isEmpty()) return false;
        if (MARKERS.contains(name)) return true;
        int dot = name.lastIndexOf('.');
        return dot > 0 && MARKERS.contains(name.substring(0, dot));
    }

    private static Set<String> loadMarkers() {
        String res = "/org/nta/detect/web/wordlist-markers.txt";
        try (InputStream in = DiscoveryTally.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("missing resource " + res);
            Set<String> s = new HashSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) s.add(line.toLowerCase(Locale.ROOT));
            }
            return Set.copyOf(s);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + res, e);
        }
    }
}
