package org.nta.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.decode.Addresses;
import org.nta.report.ConversationReport;

/**
 * The compact table gives the rows, merges and orders that rows kept as {@link ConversationRow} objects gave: the
 * reference is the former way (a row object a stream, merged as {@link #merge} does, listed by first frame then
 * stream, sorted by {@link ConversationReport#sort}).
 */
class ConversationTableTest {
    private static final long CAPTURE_START = 1_700_000_000_000_000_000L;

    @Test
    void rowsMergesAndEverySortMatchTheRowObjects() {
        Random rnd = new Random(7);
        for (int round = 0; round < 20; round++) {
            ConversationTable table = new ConversationTable("tcp");
            Map<Integer, ConversationRow> reference = new LinkedHashMap<>();
            int streams = 1 + rnd.nextInt(round < 10 ? 50 : 9000); // past one block of rows
            for (int e = 0; e < streams * 3 / 2; e++) {
                int stream = rnd.nextInt(streams);
                long aLo = 0x0a000000L + rnd.nextInt(6), bLo = 0x0a000100L + rnd.nextInt(3);
                int aPort = rnd.nextInt(65536), bPort = rnd.nextInt(4) == 0 ? 80 : rnd.nextInt(65536);
                long fAB = rnd.nextInt(5), bAB = fAB * 60, fBA = rnd.nextInt(4), bBA = fBA * 1500;
                long start = CAPTURE_START + rnd.nextInt(1000) * 1_000_000L, end = start + rnd.nextInt(5000) * 1_000L;
                long first = 1 + rnd.nextInt(20_000), last = first + rnd.nextInt(50);
                String state = List.of("SF", "S0", "REJ", "RSTO").get(rnd.nextInt(4));
                String history = rnd.nextBoolean() ? null : List.of("ShADadFf", "S", "Sr").get(rnd.nextInt(3));
                table.add(table.address(4, 0, aLo), aPort, table.address(4, 0, bLo), bPort, fAB, bAB, fBA, bBA, start,
                        end, stream, state, history, first, last);
                ConversationRow row = new ConversationRow("tcp", Addresses.format(4, 0, aLo), aPort,
                        Addresses.format(4, 0, bLo), bPort, fAB, bAB, fBA, bBA, start, start - CAPTURE_START, end - start,
                        stream, state, history, first, last);
                reference.merge(stream, row, ConversationTableTest::merge);
            }
            List<ConversationRow> rows = new ArrayList<>(reference.values());
            rows.sort(Comparator.comparingLong(ConversationRow::firstFrame).thenComparingInt(ConversationRow::stream));
            assertThat(table.size()).isEqualTo(rows.size());
            assertThat(table.sorted(null, CAPTURE_START)).as("first-frame order, round %d", round).containsExactlyElementsOf(rows);
            for (String by : ConversationReport.SORTS) {
                assertThat(table.sorted(by, CAPTURE_START)).as("sorted by %s, round %d", by, round)
                        .containsExactlyElementsOf(ConversationReport.sort(rows, by));
            }
        }
    }

    /** The former merge of a stream's two rows: counts summed, the span widened, the later state, the first history. */
    private static ConversationRow merge(ConversationRow x, ConversationRow o) {
        long start = Math.min(x.startNs(), o.startNs());
        long end = Math.max(x.startNs() + x.durationNs(), o.startNs() + o.durationNs());
        return new ConversationRow(x.type(), x.aAddr(), x.aPort(), x.bAddr(), x.bPort(), x.framesAB() + o.framesAB(),
                x.bytesAB() + o.bytesAB(), x.framesBA() + o.framesBA(), x.bytesBA() + o.bytesBA(), start,
                start - CAPTURE_START, end - start, x.stream(), o.state(), x.history(),
                Math.min(x.firstFrame(), o.firstFrame()), Math.max(x.lastFrame(), o.lastFrame()));
    }

    @Test
    void mergeSortIsStable() {
        Random rnd = new Random(3);
        int[] keys = new int[10_000];
        for (int i = 0; i < keys.length; i++) keys[i] = rnd.nextInt(7);
        int[] order = new int[keys.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        ConversationTable.mergeSort(order, (x, y) -> Integer.compare(keys[x], keys[y]));
        for (int i = 1; i < order.length; i++) {
            int a = order[i - 1], b = order[i];
            assertThat(keys[a] < keys[b] || keys[a] == keys[b] && a < b).as("position %d", i).isTrue();
        }
    }
}
