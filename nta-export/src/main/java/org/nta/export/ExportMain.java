package org.nta.export;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of nta-export.jar: {@code nta export FILE... --parquet DIR} (./nta dispatches {@code export} here).
 * The command line's conventions: one-line {@code nta: ...} messages, exit 0 read fully, 3 read up to a corrupt
 * point, 2 cannot read / cannot write / bad usage, 1 an internal error.
 */
@Command(name = "nta", mixinStandardHelpOptions = true, versionProvider = ExportMain.Version.class,
        description = "Network traffic analyzer: tables for data lakes.",
        subcommands = {ExportCommand.class},
        footer = {"", "Exit codes: 0 the capture was read fully; 3 read up to a corrupt or cut-off point (the rest was exported);",
                "2 the input cannot be read at all, the output cannot be written, or the command line is wrong; 1 an internal error."})
public final class ExportMain implements Runnable {
    public static final int EXIT_OK = 0, EXIT_INTERNAL = 1, EXIT_UNREADABLE = 2, EXIT_PARTIAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (export)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try {
            return execute(out, err, args);
        } finally {
            out.flush();
        }
    }

    /** Runs one command line with the given output streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("nta: out of memory: the Java heap is too small for this run; give it more, e.g. JAVA_OPTS=-Xmx4g ./nta export ...");
            return EXIT_INTERNAL;
        } catch (Error e) {
            err.println("nta: internal error, please report it: " + e);
            return EXIT_INTERNAL;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ExportMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("nta: " + ex.getMessage());
            c.getErr().println("Try 'nta " + (c.getCommandName().equals("nta") ? "" : c.getCommandName() + " ") + "--help'.");
            return EXIT_UNREADABLE;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            if (ex instanceof ExportError e) {
                c.getErr().println("nta: " + e.getMessage());
                return e.exitCode();
            }
            c.getErr().println("nta: internal error, please report it: " + ex);
            return EXIT_INTERNAL;
        });
        return cl;
    }

    /** A failure to report to the user as one line, with its exit code. */
    static final class ExportError extends RuntimeException {
        private final int exitCode;

        ExportError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ExportMain.class.getPackage().getImplementationVersion();
            return new String[] {"nta " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
