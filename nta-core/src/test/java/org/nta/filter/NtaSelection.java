package org.nta.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nta.testing.FilterPass;

/** Runs many compiled filters over one capture in a single engine pass and keeps the frame numbers each selects. */
final class NtaSelection {
    private NtaSelection() {}

    static List<List<Long>> select(Path capture, List<DisplayFilter> filters) throws Exception {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) out.add(new ArrayList<>());
        FilterPass.run(capture, (view, p, flow) -> {
            for (int i = 0; i < filters.size(); i++) if (filters.get(i).matches(view)) out.get(i).add(p.frame.number);
        });
        return out;
    }
}
