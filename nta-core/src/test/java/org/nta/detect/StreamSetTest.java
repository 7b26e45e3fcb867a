package org.nta.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StreamSetTest {
    @Test
    void countsDistinctStreamsWhateverTheOrder() {
        StreamSet s = new StreamSet();
        for (int i : new int[] {1099, 1100, 1099, 1500, 1050, -1, 1729, 1050}) s.add(i);
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.all()).containsExactly(1050, 1099, 1100, 1500, 1729);
    }

    @Test
    void aSampleKeepsTheLowestAndTheHighest() {
        StreamSet s = new StreamSet();
        for (int i = 1729; i >= 1099; i--) s.add(i);
        assertThat(s.size()).isEqualTo(631);
        List<Integer> sample = s.sample(300);
        assertThat(sample).hasSize(300).startsWith(1099, 1100).endsWith(1397, 1729);
        assertThat(s.sample(631)).hasSize(631);
        assertThat(s.sample(0)).isEmpty();
    }

    @Test
    void aFindingListsASampleAndCountsThemAll() {
        StreamSet s = new StreamSet();
        for (int i = 0; i < 5000; i++) s.add(i * 2);
        Finding f = new Finding(FindingType.PORT_SCAN, Severity.MEDIUM, Phase.RECONNAISSANCE, "a", "b", 1, 2, 0, 0, s,
                "frame.number == 1", "x", null, List.of(), java.util.Map.of());
        assertThat(f.streamCount()).isEqualTo(5000);
        assertThat(f.streams()).hasSize(Finding.MAX_LISTED_STREAMS).endsWith(9998);
    }

    @Test
    void mergesSets() {
        StreamSet a = new StreamSet(), b = new StreamSet();
        a.add(10);
        a.add(12);
        b.add(3);
        b.add(12);
        a.addAll(b);
        assertThat(a.all()).containsExactly(3, 10, 12);
    }
}
