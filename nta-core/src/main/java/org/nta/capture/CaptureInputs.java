package org.nta.capture;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The capture files a command was given: files as named, and directories (a sensor's rotation directory) as the
 * captures in them, not recursively, hidden files left out, optionally only the names matching a glob. A named file
 * that is not a capture fails when it is opened; a file in a directory that is not one is skipped with a note.
 * Shared by the command line ({@code nta analyze}) and {@code nta export}, so that both read the same files.
 */
public final class CaptureInputs {
    private CaptureInputs() {}

    /**
     * @param note told each file of a directory that is skipped ("skipped FILE: why")
     * @throws CaptureException when a directory cannot be listed or holds no capture, or "-" comes with other files
     */
    public static List<String> expand(List<String> args, String glob, Consumer<String> note) throws CaptureException {
        return inputs(args, glob, note).stream().map(SensorRuns.Input::path).toList();
    }

    /** {@link #expand}, each file with the directory argument it came from (null for a file named itself). */
    public static List<SensorRuns.Input> inputs(List<String> args, String glob, Consumer<String> note) throws CaptureException {
        PathMatcher match = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<SensorRuns.Input> out = new ArrayList<>();
        for (String a : args) {
            Path p = a.equals("-") ? null : Path.of(a);
            if (p == null || !Files.isDirectory(p)) {
                out.add(new SensorRuns.Input(a, null));
                continue;
            }
            List<Path> inDir;
            try (Stream<Path> s = Files.list(p)) {
                inDir = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .filter(f -> match == null || match.matches(f.getFileName())).sorted().toList();
            } catch (IOException e) {
                throw new CaptureException(a + ": cannot list the directory (" + e.getMessage() + ")");
            }
            int before = out.size();
            for (Path f : inDir) {
                try (CaptureSource s = CaptureSource.open(f.toString(), false)) {
                    out.add(new SensorRuns.Input(f.toString(), a));
                } catch (CaptureException e) {
                    note.accept("skipped " + e.getMessage());
                }
            }
            if (out.size() == before) {
                throw new CaptureException(a + ": no capture file in the directory" + (glob == null ? "" : " matching " + glob));
            }
        }
        if (out.stream().anyMatch(i -> i.path().equals("-")) && out.size() > 1) throw new CaptureException("standard input (-) cannot be read with other files");
        return out;
    }

    /** What messages call the capture: the one file, the one directory, or "N files". */
    public static String label(List<String> args, List<String> files) {
        if (files.size() == 1) return files.get(0);
        if (args.size() == 1) return args.get(0);
        return files.size() + " files";
    }
}
