package org.nta.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nta.capture.CapturePart;

/**
 * Frame references of a capture read from several files, in each file's own numbering: frames are numbered through
 * the files (as in {@code mergecap -a} of them in reading order), and these say which file holds them and as which
 * frame, so the evidence can be opened in Wireshark on the file itself.
 */
public final class FileFrames {
    private FileFrames() {}

    /** The files a frame range spans, each with the range's first and last frame in its own numbering. */
    public static List<Map<String, Object>> spans(List<CapturePart> parts, long first, long last) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CapturePart p : parts) {
            if (p.packets() == 0 || p.lastFrame() < first || p.firstFrame() > last) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.file());
            m.put("first_frame", p.local(Math.max(first, p.firstFrame())));
            m.put("last_frame", p.local(Math.min(last, p.lastFrame())));
            out.add(m);
        }
        return out;
    }

    /**
     * "part2.pcap frames 12–14", "part1.pcap frame 900 – part2.pcap frame 14" (file names without their directory);
     * null for a single-file capture.
     */
    public static String text(List<CapturePart> parts, long first, long last) {
        List<Map<String, Object>> s = spans(parts, first, last);
        if (s.isEmpty()) return null;
        for (Map<String, Object> m : s) m.put("file", baseName((String) m.get("file")));
        Map<String, Object> a = s.get(0), b = s.get(s.size() - 1);
        if (s.size() == 1) {
            return a.get("file") + (a.get("first_frame").equals(a.get("last_frame")) ? " frame " + a.get("first_frame")
                    : " frames " + a.get("first_frame") + "–" + a.get("last_frame"));
        }
        return a.get("file") + " frame " + a.get("first_frame") + " – " + b.get("file") + " frame " + b.get("last_frame");
    }

    static String baseName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(java.io.File.separatorChar));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The {@code files} array of the JSON summary: each file read, in order, with the frames it holds. */
    public static List<Map<String, Object>> summary(List<CapturePart> parts, int digits) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CapturePart p : parts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.file());
            if (p.sha256() != null) m.put("sha256", p.sha256());
            m.put("packets", p.packets());
            m.put("first_frame", p.firstFrame());
            m.put("last_frame", p.lastFrame());
            m.put("first_time", p.packets() == 0 ? null : TimeFormat.isoUtc(p.firstNs(), digits));
            m.put("last_time", p.packets() == 0 ? null : TimeFormat.isoUtc(p.lastNs(), digits));
            m.put("status", p.problem() == null ? "ok" : "partial");
            m.put("overlaps_previous", p.overlapsPrevious());
            if (p.sensor() > 0) m.put("sensor", p.sensor());
            out.add(m);
        }
        return out;
    }
}
