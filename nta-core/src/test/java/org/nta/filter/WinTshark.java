package org.nta.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nta.testing.FilterPass;
import org.nta.testing.Tshark;

/**
 * Field values per frame from tshark {@code -2 -T fields} (cached by {@link Tshark}) and from NTA's own display-filter
 * fields, printed the same way, for the differential tests of the Windows-network protocols.
 */
public final class WinTshark {
    private WinTshark() {}

    /** frame → one "name=v1,v2" string per field, for the frames {@code filter} selects. */
    public static Map<Long, List<String>> tshark(Path capture, String filter, List<String> fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-2", "-n", "-r", capture.toString(), "-Y", filter, "-T", "fields",
                "-E", "separator=|", "-E", "aggregator=,", "-e", "frame.number"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        String out = Tshark.cached(capture, cmd);
        Map<Long, List<String>> m = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] c = line.split("\\|", -1);
            List<String> row = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) row.add(fields.get(i) + "=" + (i + 1 < c.length ? c[i + 1] : ""));
            m.put(Long.parseLong(c[0]), row);
        }
        return m;
    }

    /** The same from NTA: frames where any of {@code protocols} is present. */
    public static Map<Long, List<String>> nta(Path capture, List<String> protocols, List<String> fields) throws Exception {
        FieldRegistry reg = AppFields.all();
        FieldFormat fmt = new FieldFormat();
        List<Field> present = new ArrayList<>();
        for (String p : protocols) present.add(reg.get(p));
        List<Field> fs = new ArrayList<>();
        for (String f : fields) {
            Field x = reg.get(f);
            if (x == null) throw new IllegalArgumentException("no field " + f);
            fs.add(x);
        }
        Map<Long, List<String>> m = new LinkedHashMap<>();
        FilterPass.run(capture, (view, p, flow) -> {
            boolean any = false;
            for (Field f : present) any |= !fmt.values(f, view).isEmpty();
            if (!any) return;
            List<String> row = new ArrayList<>();
            for (Field f : fs) row.add(f.name() + "=" + String.join(",", fmt.values(f, view)));
            m.put(p.frame.number, row);
        });
        return m;
    }

    /** Every frame where the two differ, described, at most {@code max}. */
    public static List<String> differences(Map<Long, List<String>> theirs, Map<Long, List<String>> ours, int max) {
        java.util.TreeSet<Long> frames = new java.util.TreeSet<>(theirs.keySet());
        frames.addAll(ours.keySet());
        List<String> out = new ArrayList<>();
        for (long f : frames) {
            List<String> t = theirs.get(f), o = ours.get(f);
            if (t == null) out.add("frame " + f + ": only NTA has " + o);
            else if (o == null) out.add("frame " + f + ": only tshark has " + t);
            else if (!t.equals(o)) out.add("frame " + f + ": tshark " + t + " | NTA " + o);
            if (out.size() >= max) break;
        }
        return out;
    }
}
