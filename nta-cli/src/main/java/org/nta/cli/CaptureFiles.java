package org.nta.cli;

import java.io.PrintWriter;
import java.util.List;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureInputs;

/**
 * The capture files a command was given ({@link CaptureInputs}: files as named, directories as the captures in them);
 * a directory that cannot be used is a {@link CliError}, a skipped file a note on stderr.
 */
public final class CaptureFiles {
    private CaptureFiles() {}

    /** Shared by analyze and nta export (nta-export), so both say the same about the same files. */
    public static List<String> expand(List<String> args, String glob, PrintWriter err) {
        try {
            return CaptureInputs.expand(args, glob, note -> err.println("nta: " + org.nta.report.TerminalText.safe(note)));
        } catch (CaptureException e) {
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        }
    }

    /** {@link #expand}, each file with the directory argument it came from (null for a file named itself). */
    static List<org.nta.capture.SensorRuns.Input> inputs(List<String> args, String glob, PrintWriter err) {
        try {
            return CaptureInputs.inputs(args, glob, note -> err.println("nta: " + org.nta.report.TerminalText.safe(note)));
        } catch (CaptureException e) {
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        }
    }

    /** What messages call the capture: the one file, the one directory, or "N files". */
    static String label(List<String> args, List<String> files) {
        return CaptureInputs.label(args, files);
    }
}
