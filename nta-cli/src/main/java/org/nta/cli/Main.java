package org.nta.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code nta COMMAND ARGS}. Exit codes: 0 read fully, 3 read up to a corrupt point, 2 cannot read / bad usage. */
@Command(name = "nta", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Network traffic analyzer: what happened in this capture, and is it malicious?",
        footer = {"", "Exit codes: 0 the capture was read fully; 3 read up to a corrupt or cut-off point (the rest was analysed);",
                "2 the input cannot be read at all, or the command line is wrong; 1 an internal error."})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0, EXIT_INTERNAL = 1, EXIT_UNREADABLE = 2, EXIT_PARTIAL = 3;

    /**
     * The commands, in the order help lists them. A run registers only the one it names: picocli reads every option
     * of every command it is given by reflection, and all fourteen cost about a third of a second of each start.
     */
    static final List<Class<?>> COMMANDS = List.of(AnalyzeCommand.class, InfoCommand.class, ConversationsCommand.class,
            EndpointsCommand.class, ProtocolsCommand.class, FollowCommand.class, HttpCommand.class, FilesCommand.class,
            DnsCommand.class, TlsCommand.class, PacketsCommand.class, CredsCommand.class, HostsCommand.class, ReportCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (analyze, report, info, conversations, endpoints, protocols, packets, follow, http, dns, tls, files, creds, hosts)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
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
            return commandLine(out, err, args.length > 0 ? args[0] : null).execute(args);
        } catch (Error e) {
            return fatal(e, err);
        }
    }

    static final String OUT_OF_MEMORY = "nta: out of memory: the Java heap is too small for this run; give it more,"
            + " e.g. JAVA_OPTS=-Xmx4g ./nta ... (or java -Xmx4g -jar nta.jar ...)";
    static final String STACK_OVERFLOW = "nta: out of stack space; give the thread a larger stack,"
            + " e.g. JAVA_OPTS=-Xss64m ./nta ... (or java -Xss64m -jar nta.jar ...)";

    /**
     * An Error the command did not survive (picocli passes Errors through): one line on stderr, exit 1, never a stack
     * trace. The messages are made in advance, since the heap may still be nearly full when they are printed.
     */
    public static int fatal(Error e, PrintWriter err) {
        if (e instanceof OutOfMemoryError) err.println(OUT_OF_MEMORY);
        else if (e instanceof StackOverflowError) err.println(STACK_OVERFLOW);
        else err.println("nta: internal error, please report it: " + e);
        err.flush();
        return EXIT_INTERNAL;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * @param first the command line's first word: when it names a command (or its alias), only that command is
     *              registered; otherwise (help, the version, a mistyped command) all of them are, so help lists them
     *              and a wrong name gets picocli's suggestions
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = null;
        for (Class<?> c : COMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (a.name().equals(first) || java.util.Arrays.asList(a.aliases()).contains(first)) only = c;
        }
        for (Class<?> c : only != null ? List.of(only) : COMMANDS) cl.addSubcommand(c);
        return configure(cl, out, err);
    }

    /**
     * A message made harmless for the terminal line by line: it may name a file (a directory's names are anyone's), so
     * no control or format character gets through, while a message of several lines (a filter's caret) keeps them.
     */
    static String safeLines(String message) {
        if (message == null) return null;
        StringBuilder b = new StringBuilder(message.length());
        String[] lines = message.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            if (k > 0) b.append('\n');
            b.append(org.nta.report.TerminalText.safe(lines[k]));
        }
        return b.toString();
    }

    /**
     * The command line's conventions on any picocli command line (nta-export's too): its output streams, a usage
     * mistake as one {@code nta:} line and the hint to --help (exit 2), a {@link CliError} as its one line and exit
     * code, anything else as an internal error (exit 1), never a stack trace.
     */
    public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("nta: " + ex.getMessage());
            c.getErr().println("Try 'nta " + (c.getCommandName().equals("nta") ? "" : c.getCommandName() + " ") + "--help'.");
            return EXIT_UNREADABLE;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            if (ex instanceof CliError e) {
                c.getErr().println("nta: " + safeLines(e.getMessage()));
                return e.exitCode();
            }
            c.getErr().println("nta: internal error, please report it: " + ex);
            return EXIT_INTERNAL;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nta " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
