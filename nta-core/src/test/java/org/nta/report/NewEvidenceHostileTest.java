package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.app.AppConfig;
import org.nta.capture.CaptureSource;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.DetectionConfig;
import org.nta.detect.ad.AdConfig;
import org.nta.detect.ad.DirectoryEnumerationDetector;
import org.nta.detect.ad.RpcAttackConfig;
import org.nta.detect.names.NamePoisoningDetector;
import org.nta.detect.names.NamesConfig;
import org.nta.engine.Analysis;
import org.nta.engine.EngineConfig;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;
import org.nta.event.RpcCall;
import org.nta.incident.StoryBuilder;
import org.nta.report.html.HtmlReport;
import org.nta.testing.TestFiles;

/**
 * The strings this stop's findings carry from the capture (the account names a SAMR listing answered, the names a
 * poisoner answered over LLMNR) reach the terminal as text, never as escape sequences, and the HTML page as text,
 * never as markup.
 */
class NewEvidenceHostileTest {
    static final String ESC = "x\u001b[2J\u001b]0;pwned\u0007\u202e\r\nFAKE [CRITICAL] line";
    static final String MARKUP = "<img src=x onerror=alert(7)>";

    @Test
    void listedAccountsAndPoisonedNamesStayText() throws Exception {
        List<Finding> fs = new ArrayList<>();
        // a SAMR listing whose answer names hostile accounts
        DirectoryEnumerationDetector enumeration = new DirectoryEnumerationDetector(AdConfig.DEFAULTS, RpcAttackConfig.DEFAULTS);
        ConnInfo smb = new ConnInfo("tcp", 1, 4, "10.0.0.66", 49999, "10.0.0.2", 445);
        enumeration.onEvent(new RpcCall(smb, "smb-pipe samr", 3, "samr", "12345778-1234-abcd-ef00-0123456789ac", 1, 13,
                "EnumDomainUsers", 10, 1_000, 11, 2_000, false, 0, -1, -1, false,
                Map.of("names", "Administrator," + ESC + "," + MARKUP, "count", "3"), 40, 200));
        fs.addAll(enumeration.finish());
        // a poisoner answering two hostile names over LLMNR
        NamePoisoningDetector poisoning = new NamePoisoningDetector(NamesConfig.DEFAULTS);
        long frame = 20;
        for (String name : List.of(ESC, MARKUP)) {
            ConnInfo q = new ConnInfo("udp", (int) frame, 4, "10.0.0.10", 50000, "224.0.0.252", 5355);
            poisoning.onEvent(new DnsMessage(frame, frame * 1000, q, "udp", false, 1, 0, 0, 0,
                    List.of(new DnsMessage.Question(name, 1, 1)), List.of(), List.of(), List.of(), false));
            ConnInfo a = new ConnInfo("udp", (int) frame + 1, 4, "10.0.0.10", 50000, "10.0.0.66", 5355);
            poisoning.onEvent(new DnsMessage(frame + 1, frame * 1000 + 1, a, "udp", true, 1, 0, 0, 0x8000,
                    List.of(new DnsMessage.Question(name, 1, 1)), List.of(new DnsMessage.Record(name, 1, 1, 30, "10.0.0.66", "")),
                    List.of(), List.of(), false));
            frame += 2;
        }
        fs.addAll(poisoning.finish());
        assertThat(fs).extracting(Finding::type).contains(FindingType.USER_ENUMERATION, FindingType.NAME_POISONING);
        assertThat(fs).allSatisfy(f -> assertThat(f.summary()).contains(MARKUP));

        Analysis.Result base;
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("benign-lab.pcap.gz").toString(), false)) {
            base = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
        }
        Analysis.Result r = new Analysis.Result(base.capture(), StoryBuilder.verdict(fs), StoryBuilder.incidents(fs), fs,
                base.stats(), base.captureStartNs());

        String text = AnalysisText.render(r, TimeFormat.utc(r.capture().tsPrecisionDigits()), new Ansi(false), 100);
        assertThat(text).doesNotContain("\u001b", "\u0007", "\u202e", "\r");
        assertThat(text.lines().filter(l -> l.startsWith("FAKE"))).isEmpty();

        String page = HtmlReport.render(Json.write(AnalysisJson.build(r)));
        assertThat(page).doesNotContain(MARKUP).doesNotContain("\u001b");
        assertThat(page).contains("&lt;img src=x onerror=alert(7)&gt;");

        assertThat(markupOutsideCode(AnalysisMarkdown.render(r, TimeFormat.utc(r.capture().tsPrecisionDigits())))).isEmpty();
    }

    /** The lines of a Markdown report where capture text could be read as a tag, outside fenced blocks and code spans. */
    static List<String> markupOutsideCode(String md) {
        List<String> bad = new ArrayList<>();
        boolean fenced = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("```")) fenced = !fenced;
            if (fenced || line.startsWith("```")) continue;
            String text = line.replaceAll("`[^`]*`", "");
            if (text.replace("\\<", "").contains("<img")) bad.add(line);
        }
        return bad;
    }

    /** An account named by the capture (an LDAP answer, an NTLM logon) carries the story across hosts as text. */
    @Test
    void anAccountThatJoinsStoriesStaysText() throws Exception {
        String account = MARKUP + ESC;
        Finding roast = new Finding(FindingType.KERBEROASTING, org.nta.detect.Severity.HIGH, org.nta.detect.Phase.EXPLOITATION,
                "10.0.0.66", "10.0.0.10", 10, 12, 10_000, 12_000, List.of(8), "frame.number in {10, 12}", "roasted",
                Boolean.TRUE, List.of("T1558.003"), Map.of("roasted_accounts", List.of(account)));
        Finding move = new Finding(FindingType.LATERAL_MOVEMENT, org.nta.detect.Severity.HIGH, org.nta.detect.Phase.INSTALLATION,
                "10.0.0.41", "10.0.0.30", 30, 40, 30_000, 40_000, List.of(9), "frame.number in {30, 40}", "moved",
                Boolean.TRUE, List.of("T1021.002"), Map.of("users", List.of("LAB\\" + account)));
        List<Finding> fs = List.of(roast, move);
        Analysis.Result base;
        try (CaptureSource src = CaptureSource.open(TestFiles.capture("benign-lab.pcap.gz").toString(), false)) {
            base = Analysis.run(src, EngineConfig.DEFAULTS, AppConfig.all(), DetectionConfig.DEFAULTS, List.of());
        }
        Analysis.Result r = new Analysis.Result(base.capture(), StoryBuilder.verdict(fs), StoryBuilder.incidents(fs), fs,
                base.stats(), base.captureStartNs());
        assertThat(r.incidents()).singleElement().satisfies(i -> assertThat(i.pivots()).hasSize(1));
        String text = AnalysisText.render(r, TimeFormat.utc(r.capture().tsPrecisionDigits()), new Ansi(false), 100);
        assertThat(text).contains("Account ").doesNotContain("\u001b", "\u0007", "\u202e", "\r");
        assertThat(text.lines().filter(l -> l.startsWith("FAKE"))).isEmpty();
        String md = AnalysisMarkdown.render(r, TimeFormat.utc(r.capture().tsPrecisionDigits()));
        // the verdict line and the pivot line stay one line each (the evidence blocks are fenced code)
        String story = md.substring(0, md.indexOf("## Summary")) + md.lines().filter(l -> l.startsWith("- Account ")).findFirst().orElseThrow();
        assertThat(story).doesNotContain("\u001b", "\u0007", "\u202e", "\r");
        assertThat(md.lines().filter(l -> l.toLowerCase().startsWith("fake [critical] line:"))).isEmpty();
        assertThat(md.lines().filter(l -> l.startsWith("**Verdict")).findFirst().orElseThrow()).contains("from 10.0.0.41 to 10.0.0.30");
        String page = HtmlReport.render(Json.write(AnalysisJson.build(r)));
        assertThat(page).contains("class=\"pivots\"").doesNotContain(MARKUP).doesNotContain("\u001b");
        assertThat(markupOutsideCode(md)).isEmpty();
    }
}
