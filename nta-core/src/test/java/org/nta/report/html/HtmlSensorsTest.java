package org.nta.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Over several sensors the page's conversation table says whose each conversation is; over one it does not. */
class HtmlSensorsTest {
    private static String page(String conversation) {
        return HtmlReport.render("{\"verdict\":{\"level\":\"benign\",\"reasons\":[]},\"summary\":{\"file\":\"2 files\",\"packets\":10},"
                + "\"findings\":[],\"incidents\":[],\"traffic\":{\"conversation_count\":1,\"conversations\":[" + conversation + "],"
                + "\"protocols\":[],\"histogram\":{\"bucket_s\":1.0,\"packets\":[10],\"bytes\":[1000]}}}");
    }

    private static final String ROW = "\"proto\":\"tcp\",\"stream\":3,\"a\":\"10.0.0.1\",\"a_port\":1234,\"b\":\"10.0.0.2\",\"b_port\":80,"
            + "\"frames\":10,\"bytes\":1000,\"bytes_ab\":100,\"bytes_ba\":900,\"first_frame\":1,\"rel_start_s\":0.0,\"duration_s\":1.0,\"state\":\"SF\"";

    @Test
    void aConversationNamesItsSensorAndFileWhenThereAreSeveral() {
        String p = page("{" + ROW + ",\"sensor\":2,\"file\":\"/data/b/<eth1>-0001.pcap\"}");
        assertThat(p).contains("<th>Sensor, file</th>", "2: &lt;eth1&gt;-0001.pcap").doesNotContain("<eth1>");
    }

    @Test
    void oneSensorsTableHasNoSuchColumn() {
        assertThat(page("{" + ROW + "}")).doesNotContain("Sensor, file").contains("conversations-table");
    }
}
