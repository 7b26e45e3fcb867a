package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.app.http.HttpConfig;
import org.nta.app.mail.MailConfig;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.report.FileExtractor;
import org.nta.report.Json;
import org.nta.report.Numbers;
import org.nta.report.TextTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Files carried over HTTP and mail (Wireshark's Export Objects → HTTP and IMF, with multipart uploads part by part). */
@Command(name = "files", mixinStandardHelpOptions = true,
        description = "Files carried over HTTP (multipart uploads part by part, PUT/POST bodies, urlencoded forms, downloads) and mail "
                + "(SMTP, POP3, IMAP: each message as .eml and its attachments decoded); with --extract, "
                + "written under DIR with safe names and a manifest (JSON and CSV) of frame, stream, direction, name, size, "
                + "SHA-256 and the MIME type detected from the content.")
final class FilesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--extract", paramLabel = "DIR", description = "Write the files and manifest.json/manifest.csv into DIR.")
    Path dir;

    @Option(names = "--max-file-bytes", paramLabel = "SIZE", converter = Sizes.IntSize.class,
            description = "Bytes kept per file (default 64 MiB; k/KiB, M/MiB, G/GiB); larger files are truncated and flagged.")
    int maxFileBytes = 64 << 20;

    @Option(names = "--json", description = "The manifest as JSON on standard output.")
    boolean json;

    @picocli.CommandLine.Mixin
    FilterOption filter;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<FileExtractor.Entry> entries = new ArrayList<>();
        FileExtractor extractor;
        try {
            extractor = dir == null ? null : new FileExtractor(dir);
        } catch (IOException e) {
            throw new CliError("cannot create " + dir + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        org.nta.filter.FilteredSink selected = filter.wrap(new PacketSink() { });
        PacketSink sink = Collect.files(extractor, selected, entries, true);
        HttpConfig http = limits.http(HttpConfig.defaults().withMaxFileBytes(maxFileBytes));
        CaptureSummary s;
        try {
            s = Captures.run(file, limits.engine(EngineConfig.DEFAULTS), Collect.with(selected, sink),
                    new AppDispatcher((filter.needsApp() ? AppConfig.all() : AppConfig.httpOnly().withMail(MailConfig.DEFAULTS)).withHttp(http)
                            .withFtp(org.nta.app.ftp.FtpConfig.DEFAULTS.withMaxFileBytes(maxFileBytes))));
            if (extractor != null) extractor.finish();
        } catch (UncheckedIOException | IOException e) {
            throw new CliError("cannot write into " + dir + ": " + e.getMessage(), Main.EXIT_UNREADABLE);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (FileExtractor.Entry e : entries) rows.add(e.toMap());
            out.println(Json.write(rows));
        } else {
            out.println("Files: " + entries.size() + (dir != null ? " written to " + dir : ""));
            TextTable t = new TextTable("Frame", "Stream", "Dir", "From", "Name", dir != null ? "Saved as" : "", "Size", "Type", "SHA-256")
                    .rightAlign(0, 1, 6);
            for (FileExtractor.Entry e : entries) {
                t.add(e.frame(), e.stream(), e.direction(), e.source(), HttpCommand.clip(e.originalName(), 40), dir != null ? e.savedName() : "",
                        Numbers.count(e.size()) + (e.truncated() ? " (truncated)" : "") + (e.incomplete() ? " (incomplete)" : ""),
                        e.mimeType(), e.sha256());
            }
            if (t.size() > 0) out.print(t.render());
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }
}
