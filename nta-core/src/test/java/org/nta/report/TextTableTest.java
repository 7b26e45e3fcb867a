package org.nta.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TextTableTest {
    static Object[] row(int i) {
        return new Object[] {"10.0.0." + i, i * 1000, i % 3 == 0 ? null : "S" + i, "x".repeat(i % 7)};
    }

    static TextTable table() {
        return new TextTable("Address", "Bytes", "State", "Note").rightAlign(1);
    }

    @Test
    void streamingPrintsWhatTheKeptTablePrints() throws IOException {
        TextTable kept = table();
        for (int i = 0; i < 50; i++) kept.add(row(i));
        StringBuilder streamed = new StringBuilder();
        table().stream(streamed, 50, TextTableTest::row);
        assertThat(streamed.toString()).isEqualTo(kept.render());
        assertThat(streamed.toString().lines().skip(1).findFirst().orElseThrow()).isEqualTo("10.0.0.0       0"); // trailing blanks dropped, numbers right-aligned
    }

    @Test
    void cellsAreFormattedOnceWhileTheyFitAndAgainPastTheBudget() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        StringBuilder once = new StringBuilder(), twice = new StringBuilder();
        table().stream(once, 50, i -> {
            calls.incrementAndGet();
            return row(i);
        });
        assertThat(calls.get()).isEqualTo(50);
        calls.set(0);
        table().stream(twice, 50, i -> {
            calls.incrementAndGet();
            return row(i);
        }, 100);
        assertThat(calls.get()).isEqualTo(100); // past 100 kept bytes every row is asked for again
        assertThat(twice.toString()).isEqualTo(once.toString());
    }
}
