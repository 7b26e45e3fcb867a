package org.nta.filter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.engine.PacketSink;
import org.nta.event.Event;
import org.nta.flow.Flow;
import org.nta.testing.Tools;

/**
 * Field values per frame from tshark {@code -2 -T fields} (cached under target/tshark-cache, keyed by the command,
 * the capture's name and size) and from NTA's own display-filter fields, printed the same way, for the differential
 * tests of the Windows-network protocols.
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
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((String.join(" ", cmd.subList(5, cmd.size())) + "\n" + Files.size(capture) + "\n" + capture.getFileName()).getBytes(StandardCharsets.UTF_8));
        Path cache = Paths.get("target", "tshark-cache", "win-" + HexFormat.of().formatHex(md.digest()) + ".txt");
        String out;
        if (Files.exists(cache)) {
            out = Files.readString(cache);
        } else {
            Tools.Result r = Tools.run(300, cmd.toArray(new String[0]));
            if (r.exit() != 0) throw new IllegalStateException("tshark failed on " + capture + ": " + r.err());
            out = r.out();
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, out);
        }
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
        PacketView view = new PacketView();
        List<Event> pending = new ArrayList<>(), current = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                pending.add(e);
            }

            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                current.clear();
                for (Event e : pending) if (e.frame() == p.frame.number) current.add(e);
                pending.clear();
                view.next(p, flow, fromA).setEvents(current);
                boolean any = false;
                for (Field f : present) any |= !fmt.values(f, view).isEmpty();
                if (!any) return;
                List<String> row = new ArrayList<>();
                for (Field f : fs) row.add(f.name() + "=" + String.join(",", fmt.values(f, view)));
                m.put(p.frame.number, row);
            }
        };
        try (CaptureSource src = CaptureSource.open(capture.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new org.nta.app.AppDispatcher(org.nta.app.AppConfig.all()));
        }
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
