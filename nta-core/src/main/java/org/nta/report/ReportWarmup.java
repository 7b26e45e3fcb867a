package org.nta.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.nta.report.html.HtmlReport;

/**
 * Writes a small report nobody reads, on a thread of its own, while the capture is being read: the JSON and the page
 * are written once, after the analysis, by code that has not run yet in that process, so their first use pays for
 * loading and initialising Jackson's serializers, the page's classes and the table of MAC vendors (together about 0.13 s
 * after the analysis of the benchmark capture, half of it the vendors). On a
 * machine with a processor to spare that cost moves off the critical path; on one processor nothing is started.
 * The report is drawn from {@code warmup.json} (a trimmed analysis of the shipped sample) and thrown away; nothing
 * it does is seen by the real report, which is the same with or without it.
 */
public final class ReportWarmup {
    static final String RESOURCE = "warmup.json";

    private ReportWarmup() {}

    /** Starts the warm-up when there is a processor to spare; returns the thread, or null when none was started. */
    public static Thread start() {
        if (Runtime.getRuntime().availableProcessors() < 2) return null;
        Thread t = new Thread(ReportWarmup::runQuietly, "nta-report-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    private static void runQuietly() {
        try {
            run();
        } catch (RuntimeException | Error e) {
            // a warm-up that fails costs nothing but its own time: the real report is written anyway
        }
    }

    /** Parses the warm-up analysis, writes it back as JSON and draws its page; returns the page's length. */
    static int run() {
        // the JSON's hosts name each MAC address' vendor from a table of about 50,000 prefixes, read on first use
        org.nta.hosts.MacVendors.standard();
        JsonNode analysis;
        try (InputStream in = ReportWarmup.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing");
            analysis = Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = Json.write(Json.mapper().convertValue(analysis, java.util.Map.class));
        return HtmlReport.render(text).length();
    }
}
