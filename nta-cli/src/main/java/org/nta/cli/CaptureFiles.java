package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;

/**
 * The capture files a command was given: files as named, and directories (a sensor's rotation directory) as the
 * captures in them, not recursively, hidden files left out, optionally only the names matching a glob. A named file
 * that is not a capture is an error; a file in a directory that is not one is skipped with a note.
 */
final class CaptureFiles {
    private CaptureFiles() {}

    static List<String> expand(List<String> args, String glob, PrintWriter err) {
        PathMatcher match = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<String> out = new ArrayList<>();
        for (String a : args) {
            Path p = a.equals("-") ? null : Path.of(a);
            if (p == null || !Files.isDirectory(p)) {
                out.add(a);
                continue;
            }
            List<Path> inDir;
            try (Stream<Path> s = Files.list(p)) {
                inDir = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .filter(f -> match == null || match.matches(f.getFileName())).sorted().toList();
            } catch (IOException e) {
                throw new CliError(a + ": cannot list the directory (" + e.getMessage() + ")", Main.EXIT_UNREADABLE);
            }
            int before = out.size();
            for (Path f : inDir) {
                try (CaptureSource s = CaptureSource.open(f.toString(), false)) {
                    out.add(f.toString());
                } catch (CaptureException e) {
                    err.println("nta: skipped " + e.getMessage());
                }
            }
            if (out.size() == before) {
                throw new CliError(a + ": no capture file in the directory" + (glob == null ? "" : " matching " + glob), Main.EXIT_UNREADABLE);
            }
        }
        if (out.contains("-") && out.size() > 1) throw new CliError("standard input (-) cannot be read with other files", Main.EXIT_UNREADABLE);
        return out;
    }

    /** What messages call the capture: the one file, the one directory, or "N files". */
    static String label(List<String> args, List<String> files) {
        if (files.size() == 1) return files.get(0);
        if (args.size() == 1) return args.get(0);
        return files.size() + " files";
    }
}
