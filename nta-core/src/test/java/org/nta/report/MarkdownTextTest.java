package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Capture text in the Markdown reports is shown as characters, never read as HTML, a link or a table cell. */
class MarkdownTextTest {
    @Test
    void tagsEntitiesLinksAndCellsAreEscaped() {
        assertThat(MarkdownText.text("<img src=x onerror=alert(7)>")).isEqualTo("\\<img src=x onerror=alert(7)\\>");
        assertThat(MarkdownText.text("[click](javascript:alert(1))")).isEqualTo("\\[click\\](javascript:alert(1))");
        assertThat(MarkdownText.text("a&lt;b | c `d`")).isEqualTo("a\\&lt;b \\| c \\`d\\`");
        assertThat(MarkdownText.text("<https://evil.example/>")).startsWith("\\<");
    }

    @Test
    void controlsAreVisibleAndABackslashStaysOne() {
        assertThat(MarkdownText.text("x\u001b[2J\ry\u007f")).isEqualTo("x·\\[2J·y·");
        assertThat(MarkdownText.text("line1\nline2")).isEqualTo("line1\nline2");
        assertThat(MarkdownText.text("LAB\\svc_sql")).isEqualTo("LAB\\svc_sql");   // before a letter: read as itself
        assertThat(MarkdownText.text("C:\\*.exe")).isEqualTo("C:\\\\*.exe");        // before punctuation: doubled
    }
}
