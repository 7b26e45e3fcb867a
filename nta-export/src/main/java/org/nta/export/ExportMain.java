package org.nta.export;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.nta.cli.CliError;
import org.nta.cli.Main;

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
    public static final int EXIT_OK = Main.EXIT_OK, EXIT_INTERNAL = Main.EXIT_INTERNAL, EXIT_UNREADABLE = Main.EXIT_UNREADABLE,
            EXIT_PARTIAL = Main.EXIT_PARTIAL;

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
        } catch (Error e) {
            return Main.fatal(e, err);
        }
    }

    /** The CLI's conventions (nta-cli's {@link Main#configure}): one-line messages, its exit codes, {@link CliError}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return Main.configure(new CommandLine(new ExportMain()), out, err);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ExportMain.class.getPackage().getImplementationVersion();
            return new String[] {"nta " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
