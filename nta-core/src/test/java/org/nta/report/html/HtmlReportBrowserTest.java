package org.nta.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nta.report.Json;
import org.nta.testing.TestFiles;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens the HTML report of every test capture, and of a capture full of markup and script payloads, in the installed
 * headless Chromium (Debian's chromium and chromium-driver, driven by Selenium; the driver path is set, so Selenium
 * Manager downloads nothing). One browser for the whole class. Checks: no console error, no network request, the
 * policy in place, the verdict and every finding present, charts drawn with a size, a finding opening to its
 * evidence, the copy button copying the finding's filter, and nothing from the capture executing. Pages, screenshots
 * and timings are written to target/html-report.
 */
class HtmlReportBrowserTest {
    /** Debian's paths; -Dnta.chromium / -Dnta.chromedriver point elsewhere. */
    static final Path CHROMIUM = Path.of(System.getProperty("nta.chromium", "/usr/bin/chromium")),
            DRIVER = Path.of(System.getProperty("nta.chromedriver", "/usr/bin/chromedriver"));
    static final Path OUT = Path.of("target", "html-report").toAbsolutePath();
    static ChromeDriver driver;
    /** Why the browser tests are skipped (no browser and CI unset), or null. */
    static String missing;
    static Path profile;
    static final Map<String, ReportPages.Page> PAGES = new ConcurrentHashMap<>();
    static final List<String> TIMINGS = new ArrayList<>();

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String msg = "the HTML report's browser test needs " + CHROMIUM + " and " + DRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
            if (System.getenv("CI") != null) fail(msg);
            missing = msg + ": skipped because the environment variable CI is not set (in CI it fails)";
            System.err.println(missing);
            return;
        }
        Files.createDirectories(OUT);
        profile = Files.createTempDirectory("nta-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        // an alert must stay open for the test to see it, not be dismissed behind its back
        o.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) driver.quit();
        if (!TIMINGS.isEmpty()) Files.write(OUT.resolve("timings.txt"), TIMINGS, StandardCharsets.UTF_8);
    }

    static Stream<String> captures() throws IOException {
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            List<String> names = new ArrayList<>(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap.gz"))
                    .sorted().toList());
            names.add(HOSTILE);
            return names.stream();
        }
    }

    static final String HOSTILE = "hostile-markup.pcap";

    static void needBrowser() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    static ReportPages.Page page(String name) {
        return PAGES.computeIfAbsent(name, n -> {
            try {
                Path capture = n.equals(HOSTILE) ? HostileCapture.write(Files.createTempDirectory("nta-hostile"))
                        : TestFiles.capture(n);
                return ReportPages.of(capture);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes the page, opens it, waits until its script ran; returns the load time in ms. */
    static double open(String name, ReportPages.Page p) throws IOException {
        Path f = OUT.resolve(name.replaceAll("\\.pcap(\\.gz)?$", "") + ".html");
        Files.writeString(f, p.html(), StandardCharsets.UTF_8);
        Files.writeString(OUT.resolve(name.replaceAll("\\.pcap(\\.gz)?$", "") + ".json"), p.json(), StandardCharsets.UTF_8);
        driver.manage().logs().get(LogType.BROWSER); // drop what an earlier page logged
        long t0 = System.nanoTime();
        driver.get(f.toUri().toString());
        for (int i = 0; i < 200 && !"1".equals(js("return document.documentElement.getAttribute('data-ready')")); i++) sleep(25);
        double wall = (System.nanoTime() - t0) / 1e6;
        Object load = js("var n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : -1");
        TIMINGS.add(String.format(java.util.Locale.ROOT, "%s: html %d bytes, written in %.1f ms; loaded in %s ms (loadEventEnd), %.0f ms until its script ran (wall, from driver.get)",
                name, p.html().getBytes(StandardCharsets.UTF_8).length, p.renderNs() / 1e6, load, wall));
        return wall;
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void theReportOpensCleanlyWithEveryFindingAndItsEvidence(String name) throws IOException {
        needBrowser();
        ReportPages.Page p = page(name);
        JsonNode json = Json.mapper().readTree(p.json());
        open(name, p);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("console messages").isEmpty();
        assertThat(js("return performance.getEntriesByType('resource').length")).as("network requests").isEqualTo(0L);
        assertThat((String) js("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"))
                .startsWith("default-src 'none'; script-src 'sha256-").contains("style-src 'sha256-").doesNotContain("unsafe");
        assertThat(js("return document.scripts.length")).isEqualTo(1L);

        String level = json.path("verdict").path("level").asText();
        assertThat(driver.findElement(By.id("verdict-level")).getText()).isEqualTo("Verdict: " + level.toUpperCase());
        assertThat(driver.findElements(By.cssSelector("#verdict-reasons li"))).hasSize(json.path("verdict").path("reasons").size());

        JsonNode findings = json.path("findings");
        int attack = 0;
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            WebElement row = driver.findElement(By.id("f-" + (i + 1)));
            assertThat(row.getAttribute("data-type")).isEqualTo(f.path("type").asText());
            assertThat(textOf(row.findElement(By.cssSelector("code.flt")))).isEqualTo(f.path("filter").asText());
            if (!f.path("attacker").isNull()) attack++;
        }
        assertThat(driver.findElements(By.cssSelector("#key-findings .frow"))).hasSize(attack);

        List<?> charts = (List<?>) js("return Array.from(document.querySelectorAll('svg.chart')).map(function (s) {"
                + " var r = s.getBoundingClientRect(); return [s.id, r.width, r.height]; })");
        int timelines = 0;
        for (Object c : charts) {
            List<?> chart = (List<?>) c;
            assertThat(((Number) chart.get(1)).doubleValue()).as("width of " + chart.get(0)).isGreaterThan(100);
            assertThat(((Number) chart.get(2)).doubleValue()).as("height of " + chart.get(0)).isGreaterThan(50);
            if (String.valueOf(chart.get(0)).startsWith("timeline-")) timelines++;
        }
        assertThat(timelines).isEqualTo(json.path("incidents").size());
        assertThat(driver.findElements(By.cssSelector("svg#chart-packets rect"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("svg#chart-bytes rect"))).isNotEmpty();
        if (json.path("incidents").size() > 0) assertThat(driver.findElements(By.cssSelector("svg#host-graph circle"))).hasSizeGreaterThanOrEqualTo(2);
        // who the story's hosts are: one row per host of the JSON, their addresses as text
        assertThat(driver.findElements(By.cssSelector("#hosts-table tbody tr"))).hasSize(json.path("hosts").size());
        for (int i = 0; i < json.path("hosts").size(); i++) {
            String first = json.path("hosts").get(i).path("addresses").get(0).asText();
            assertThat(driver.findElements(By.cssSelector("#hosts-table tbody tr")).get(i).findElement(By.cssSelector("td")).getText()).contains(first);
        }

        WebElement first = driver.findElements(By.cssSelector(".frow")).stream().findFirst().orElse(null);
        if (first != null) {
            WebElement code = first.findElement(By.cssSelector("code.flt"));
            assertThat(code.isDisplayed()).isFalse();
            first.findElement(By.tagName("summary")).click();
            assertThat(first.getAttribute("open")).isNotNull();
            assertThat(code.isDisplayed()).isTrue();
            assertThat(first.findElement(By.cssSelector(".ev")).getText()).contains("frames");
            JsonNode f = findings.get(Integer.parseInt(first.getAttribute("data-n")));
            WebElement copy = first.findElement(By.cssSelector("button.copy"));
            copy.click();
            assertThat(driver.findElement(By.id("nta-clip")).getAttribute("value")).isEqualTo(f.path("filter").asText());
            assertThat(textOf(driver.findElement(By.id(copy.getAttribute("data-for"))))).isEqualTo(f.path("filter").asText());
        }
        // the script only toggles attributes: the live page has exactly the elements of the page parsed without scripts
        assertThat(js("return document.querySelectorAll('*').length"))
                .isEqualTo(js("return new DOMParser().parseFromString(arguments[0], 'text/html').querySelectorAll('*').length", p.html()));
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList()).as("console after clicks").isEmpty();
        if (name.startsWith("webshell-lab")) screenshots("webshell-lab");
    }

    @Test
    void payloadsFromTheCaptureAreShownAsTextAndNeverRun() throws IOException {
        needBrowser();
        ReportPages.Page p = page(HOSTILE);
        // the capture did carry each payload into the findings, so the page had something to refuse
        // (URI and User-Agent: <script>, javascript:; file name: alert(4); command: alert(5); shell output: alert(2))
        assertThat(p.json()).contains("<script>document.title", "javascript:alert(3)", "onerror=alert(4)", "onerror=alert(5)",
                "onerror=\\\"document.title='PWNED';alert(2)");
        JsonNode json = Json.mapper().readTree(p.json());
        assertThat(json.path("findings").size()).isGreaterThanOrEqualTo(3);
        open(HOSTILE, p);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.getTitle()).doesNotContain("PWNED").startsWith("NTA report: " + HOSTILE);
        // open every finding: its evidence (shell output, file names, headers) becomes visible, and still nothing runs
        for (WebElement s : driver.findElements(By.cssSelector(".frow > summary"))) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", s);
            s.click();
        }
        sleep(200);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.getTitle()).doesNotContain("PWNED");
        assertThat(js("return document.scripts.length")).isEqualTo(1L);
        assertThat(js("return document.querySelectorAll('img, iframe, object, embed, form, base, link').length")).isEqualTo(0L);
        assertThat(js("return Array.from(document.querySelectorAll('*')).filter(function (e) {"
                + " return Array.from(e.attributes).some(function (a) { return /^on/i.test(a.name); }); }).length")).isEqualTo(0L);
        assertThat(js("return Array.from(document.querySelectorAll('a[href]')).filter(function (a) {"
                + " var h = a.getAttribute('href'); return h.charAt(0) !== '#' && h.indexOf('data:text/csv;') !== 0; }).length")).isEqualTo(0L);
        String text = (String) js("return document.body.textContent");
        assertThat(text).contains("<script>document.title", "onerror=alert(4)", "onerror=alert(5)", "javascript:alert(3)");
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList()).as("console").isEmpty();
        screenshots("hostile-markup");
    }

    @Test
    void theSampleIsTheWebshellLabCaptureTestedHere() throws IOException {
        assertThat(Files.mismatch(Path.of("..", "samples", "webshell-lab.pcap.gz"), TestFiles.capture("webshell-lab.pcap.gz"))).isEqualTo(-1L);
    }

    @Test
    void theConsoleCheckWouldSeeAnError() {
        needBrowser();
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER);
        js("console.error('nta self-check')");
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).anyMatch(e -> e.getMessage().contains("nta self-check"));
    }

    @Test
    void theSameCaptureGivesTheSameBytes() {
        ReportPages.Page a = page(HOSTILE);
        ReportPages.Page b = ReportPages.of(TestFiles.capture("sqlmap-union-web-probes.pcap.gz"));
        ReportPages.Page c = ReportPages.of(TestFiles.capture("sqlmap-union-web-probes.pcap.gz"));
        assertThat(b.html()).isEqualTo(c.html());
        assertThat(HtmlReport.render(a.json())).isEqualTo(a.html());
    }

    static String textOf(WebElement e) {
        return e.getDomProperty("textContent");
    }

    /** Full-page screenshots at a desktop and a phone width. */
    static void screenshots(String name) throws IOException {
        for (int width : new int[] {1366, 412}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            long h = (Long) js("return Math.min(12000, document.documentElement.scrollHeight)");
            driver.manage().window().setSize(new Dimension(width, (int) h));
            Files.write(OUT.resolve(name + "-" + (width > 800 ? "desktop" : "narrow") + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        }
        driver.manage().window().setSize(new Dimension(1366, 900));
    }

    @Test
    void theTableSortsAndFiltersAndTheIndicatorsCopyAndDownload() throws IOException {
        needBrowser();
        ReportPages.Page p = page("webshell-lab.pcap.gz");
        JsonNode findings = Json.mapper().readTree(p.json()).path("findings");
        open("webshell-lab.pcap.gz", p);
        String visible = "return Array.from(document.querySelectorAll('#key-findings .frow'))"
                + ".filter(function (r) { return r.checkVisibility(); }).map(function (r) { return Number(r.getAttribute('data-n')); })";
        WebElement filter = driver.findElement(By.id("key-findings-filter"));
        filter.sendKeys("reverse_shell");
        List<?> rows = (List<?>) js(visible);
        assertThat(rows).hasSize(1);
        assertThat(findings.get(((Number) rows.get(0)).intValue()).path("type").asText()).isEqualTo("reverse_shell");
        assertThat(driver.findElement(By.cssSelector("#findings .fcount")).getText()).startsWith("1 of ");
        filter.clear();
        filter.sendKeys(" ");
        WebElement frames = driver.findElement(By.cssSelector("#key-findings .fhead button[data-col=frames]"));
        frames.click();
        rows = (List<?>) js(visible);
        long previous = 0;
        for (Object n : rows) {
            long first = findings.get(((Number) n).intValue()).path("first_frame").asLong();
            assertThat(first).isGreaterThanOrEqualTo(previous);
            previous = first;
        }
        frames.click();
        rows = (List<?>) js(visible);
        assertThat(findings.get(((Number) rows.get(0)).intValue()).path("first_frame").asLong()).isEqualTo(previous);

        driver.findElement(By.cssSelector("button.copy-iocs")).click();
        String copied = driver.findElement(By.id("nta-clip")).getAttribute("value");
        assertThat(copied.split("\n")).contains("10.251.96.4", "10.251.96.5", "7f132cd3059416d61807d2cf4dfdda86ef73d092213eb0f3a3dcb3d1fce9868b");
        String href = driver.findElement(By.id("ioc-csv")).getAttribute("href");
        assertThat(href).startsWith("data:text/csv;charset=utf-8,");
        String csv = java.net.URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("type,value,context\r\n").contains("attacker address,10.251.96.4,");
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList()).as("console").isEmpty();
    }

    @Test
    void thePrintStyleSheetHidesTheControlsAndShowsEveryFindingsEvidence() throws IOException {
        needBrowser();
        open("webshell-lab.pcap.gz", page("webshell-lab.pcap.gz"));
        WebElement closed = driver.findElements(By.cssSelector("#key-findings .frow")).get(1);
        assertThat(closed.getAttribute("open")).isNull();
        WebElement code = closed.findElement(By.cssSelector("code.flt"));
        // Selenium's isDisplayed() calls a closed <details>' content hidden whatever the style: ask the layout instead
        String rendered = "return arguments[0].checkVisibility()";
        assertThat(js(rendered, code)).isEqualTo(false);
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(js(rendered, code)).as("a closed finding's evidence in print").isEqualTo(true);
            assertThat(driver.findElement(By.cssSelector("nav.toc")).isDisplayed()).isFalse();
            assertThat(closed.findElement(By.cssSelector("button.copy")).isDisplayed()).isFalse();
            assertThat(js("return getComputedStyle(document.getElementById('findings')).breakBefore")).isEqualTo("page");
            driver.manage().window().setSize(new Dimension(1000, 3000));
            Files.write(OUT.resolve("webshell-lab-print.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
            driver.manage().window().setSize(new Dimension(1366, 900));
        }
    }
}
