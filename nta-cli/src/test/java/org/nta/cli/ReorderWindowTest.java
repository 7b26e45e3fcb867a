package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** ReorderWindow against the priority queue it replaced, on keys that arrive nearly in order and in disorder. */
class ReorderWindowTest {
    private record Row(long key, long seq) {}

    @Test
    void rowsLeaveInThePriorityQueuesOrder() {
        for (int disorder : new int[] {0, 3, 50, 100_000}) {
            Random rnd = new Random(disorder);
            ReorderWindow<Row> w = new ReorderWindow<>();
            PriorityQueue<Row> model = new PriorityQueue<>((a, b) -> a.key != b.key ? Long.compare(a.key, b.key) : Long.compare(a.seq, b.seq));
            List<Row> got = new ArrayList<>(), want = new ArrayList<>();
            long base = 0;
            for (int i = 0; i < 50_000; i++) {
                base += rnd.nextInt(3); // equal keys happen: arrival order must break the tie
                long key = Math.max(0, base - (disorder == 0 ? 0 : rnd.nextInt(disorder + 1)));
                Row r = new Row(key, i);
                w.add(key, r);
                model.add(r);
                if (w.size() > 64) {
                    got.add(w.poll());
                    want.add(model.poll());
                }
                assertThat(w.size()).isEqualTo(model.size());
            }
            while (!w.isEmpty()) got.add(w.poll());
            while (!model.isEmpty()) want.add(model.poll());
            assertThat(got).containsExactlyElementsOf(want);
        }
    }

    @Test
    void rowsListsWhatWaits() {
        ReorderWindow<String> w = new ReorderWindow<>();
        w.add(5, "b");
        w.add(3, "a");
        w.add(7, "c");
        assertThat(w.rows()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(w.poll()).isEqualTo("a");
        assertThat(w.poll()).isEqualTo("b");
        assertThat(w.poll()).isEqualTo("c");
        assertThat(w.isEmpty()).isTrue();
    }
}
