package org.nta.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CsvTest {
    private static Map<String, Object> row(Object name, Object n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("n", n);
        return m;
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        String csv = Csv.write(List.of("name", "n"), List.of(
                row("=HYPERLINK(\"http://x\",\"y\")", 1), row("+1+cmd|' /C calc'!A0", 2), row("-2+3", 3), row("@SUM(A1)", 4),
                row("\tx", 5), row("plain-name", -7), row("", 0.5)));
        assertThat(csv.split("\r\n")).containsExactly(
                "name,n",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1",
                "'+1+cmd|' /C calc'!A0,2",
                "'-2+3,3",
                "'@SUM(A1),4",
                "'\tx,5",
                "plain-name,-7", // numbers are numbers, and a dash inside text is harmless
                ",0.5");
    }

    @Test
    void theStreamingWriterNeutralisesFormulasToo() throws Exception {
        StringWriter w = new StringWriter();
        Csv.write(w, List.of("name", "n"), List.of("=1+1", "ok"), s -> row(s, -1));
        assertThat(w.toString()).isEqualTo("name,n\r\n'=1+1,-1\r\nok,-1\r\n");
    }
}
