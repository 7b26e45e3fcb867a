package org.nta.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.nta.report.html.HtmlReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Remakes the HTML report from a saved {@code analyze --json} result, without the capture. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the HTML report of a saved analysis (nta analyze --json RESULT.json): the same page, byte for byte, "
                + "as nta analyze --html writes, without the capture.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RESULT.json", description = "The JSON written by nta analyze --json.")
    Path result;

    @Option(names = "--html", paramLabel = "FILE.html", required = true, description = "Write the report as one self-contained HTML page.")
    Path html;

    @Override
    public Integer call() {
        String json;
        try {
            json = Files.readString(result, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliError("cannot read " + result + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        String page;
        try {
            page = HtmlReport.render(json);
        } catch (IllegalArgumentException e) {
            throw new CliError(result + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        try {
            Files.writeString(html, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliError("cannot write " + html + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        return Main.EXIT_OK;
    }
}
