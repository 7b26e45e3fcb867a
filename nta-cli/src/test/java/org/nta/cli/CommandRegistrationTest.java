package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** A run registers only the command it names (start-up time); help and mistakes still see all of them. */
class CommandRegistrationTest {
    private static CommandLine cl(String first) {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), first);
    }

    @Test
    void aNamedCommandOrItsAliasIsTheOnlyOneRegistered() {
        assertThat(cl("analyze").getSubcommands().keySet()).containsOnly("analyze", "analyse");
        assertThat(cl("analyse").getSubcommands().keySet()).containsOnly("analyze", "analyse");
        assertThat(cl("hosts").getSubcommands().keySet()).containsOnly("hosts");
    }

    @Test
    void helpTheVersionAndAMistypedCommandSeeEveryCommand() {
        for (String first : new String[]{null, "--help", "--version", "analyz"}) {
            assertThat(cl(first).getSubcommands().keySet()).as(String.valueOf(first))
                    .contains("analyze", "info", "conversations", "endpoints", "protocols", "follow", "http", "files", "dns",
                            "tls", "packets", "creds", "hosts", "report");
        }
        CliRun help = CliRun.of("--help");
        assertThat(help.exit()).isZero();
        for (String c : new String[]{"analyze", "info", "conversations", "endpoints", "protocols", "follow", "http", "files", "dns",
                "tls", "packets", "creds", "hosts", "report"}) {
            assertThat(help.out()).contains("  " + c);
        }
        CliRun typo = CliRun.of("analyz", "x.pcap");
        assertThat(typo.exit()).isEqualTo(Main.EXIT_UNREADABLE);
        assertThat(typo.err()).startsWith("nta: Unmatched arguments from index 0: 'analyz'").contains("Try 'nta --help'.");
    }
}
