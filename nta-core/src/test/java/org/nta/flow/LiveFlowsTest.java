package org.nta.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** LiveFlows against the LinkedHashMap in access order it replaced, on random lookups, adds and removals. */
class LiveFlowsTest {
    private static FlowKey key(int n) {
        FlowKey k = new FlowKey();
        // few distinct addresses and ports, so keys collide in their home slots and removals shift runs back
        k.set(n % 3 == 0 ? 17 : 6, 4, 0, 0x0a000000L + n % 7, 1024 + n / 7, 0, 0x0a000001L, 80);
        return k.copy();
    }

    @Test
    void behavesAsAnAccessOrderedMap() {
        Random rnd = new Random(42);
        LiveFlows live = new LiveFlows();
        LinkedHashMap<FlowKey, Flow> model = new LinkedHashMap<>(16, 0.75f, true);
        List<Flow> made = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            int op = rnd.nextInt(10);
            FlowKey k = key(rnd.nextInt(20_000));
            if (op < 5) {
                assertThat(live.get(k)).isSameAs(model.get(k));
            } else if (op < 8) {
                if (model.containsKey(k)) continue;
                Flow f = new Flow(k, made.size(), true);
                made.add(f);
                live.add(f);
                model.put(k, f);
            } else if (op < 9) {
                Flow f = model.remove(k);
                if (f != null) live.remove(f);
            } else if (!model.isEmpty()) { // the sweep's and a full table's way: the eldest goes first
                Flow eldest = model.values().iterator().next();
                assertThat(live.eldest()).isSameAs(eldest);
                model.remove(eldest.key);
                live.remove(eldest);
            }
            assertThat(live.size()).isEqualTo(model.size());
            if (step % 10_000 == 0) assertThat(live.values()).containsExactlyElementsOf(model.values());
        }
        assertThat(live.values()).containsExactlyElementsOf(model.values());
        List<Flow> walked = new ArrayList<>();
        for (Flow f = live.eldest(); f != null; f = f.lruNext) walked.add(f);
        assertThat(walked).containsExactlyElementsOf(model.values());
        live.clear();
        assertThat(live.size()).isZero();
        assertThat(live.eldest()).isNull();
        assertThat(live.get(made.get(0).key)).isNull();
    }

    @Test
    void growsPastItsFirstCapacityAndFindsEveryFlow() {
        LiveFlows live = new LiveFlows();
        List<Flow> all = new ArrayList<>();
        for (int n = 0; n < 50_000; n++) {
            Flow f = new Flow(key(n), n, true);
            all.add(f);
            live.add(f);
        }
        for (Flow f : all) assertThat(live.get(f.key)).isSameAs(f);
        assertThat(live.values()).containsExactlyElementsOf(all); // each lookup made its flow the newest, in order
        for (int n = 0; n < all.size(); n += 2) live.remove(all.get(n));
        for (int n = 0; n < all.size(); n++) assertThat(live.get(all.get(n).key)).isSameAs(n % 2 == 0 ? null : all.get(n));
    }

    @Test
    void removingAFlowThatIsNotThereFails() {
        LiveFlows live = new LiveFlows();
        Flow in = new Flow(key(1), 0, true), out = new Flow(key(2), 1, true);
        live.add(in);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> live.remove(out)).isInstanceOf(IllegalStateException.class);
        assertThat(live.get(in.key)).isSameAs(in);
    }
}
