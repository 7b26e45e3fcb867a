package org.nta.cli;

import picocli.CommandLine.Option;

/** --json and --csv of the commands that list rows (documented field names); at most one of them. */
final class RowFormat {
    @Option(names = "--json", description = "JSON array of rows (documented field names).")
    boolean json;

    @Option(names = "--csv", description = "CSV with the JSON field names as header.")
    boolean csv;

    /** Refuses both at once (a usage error, exit 2). */
    RowFormat check() {
        if (json && csv) throw new CliError("--json and --csv exclude each other", Main.EXIT_UNREADABLE);
        return this;
    }
}
