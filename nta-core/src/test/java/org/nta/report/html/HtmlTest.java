package org.nta.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The builder escapes every text and attribute value and refuses names that could carry script. */
class HtmlTest {
    @Test
    void textAndAttributesAreEscaped() {
        String page = new Html(64).open("div", "title", "\"><script>alert(1)</script>")
                .text("<img src=x onerror=alert(2)> & 'q'").close().build();
        assertThat(page).isEqualTo("<div title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"
                + "&lt;img src=x onerror=alert(2)&gt; &amp; &#39;q&#39;</div>");
    }

    @Test
    void controlCharactersAndBrokenSurrogatesBecomeVisibleStandIns() {
        assertThat(Html.escape("a\u0000b\u001bc\td\ne\uD800f\uD83D\uDE00")).isEqualTo("a·b·c\td\ne\uFFFDf\uD83D\uDE00");
    }

    @Test
    void handlersStyleAttributesForeignElementsAndUrlsAreRefused() {
        assertThatThrownBy(() -> new Html(8).open("div", "onclick", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html(8).open("div", "style", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html(8).open("img")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html(8).open("iframe")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html(8).el("a", "x", "href", "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html(8).open("div").build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thePolicyHashesExactlyThePagesOwnScriptAndStyle() {
        String csp = Assets.contentSecurityPolicy();
        assertThat(csp).startsWith("default-src 'none';").contains("'" + Assets.hash(Assets.JS) + "'", "'" + Assets.hash(Assets.CSS) + "'")
                .doesNotContain("unsafe");
        String page = HtmlReport.render("{\"verdict\":{\"level\":\"benign\",\"reasons\":[]},\"summary\":{\"file\":\"x.pcap\"},\"findings\":[],\"incidents\":[]}");
        assertThat(page).contains("<script>" + Assets.JS + "</script>", "<style>" + Assets.CSS + "</style>", csp.replace("'", "&#39;"));
    }
}
