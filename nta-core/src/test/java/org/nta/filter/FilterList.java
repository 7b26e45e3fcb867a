package org.nta.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The filters of src/test/resources/filters/filters.txt. */
record FilterList(List<String> packet, List<String> app) {
    static FilterList load() {
        try (InputStream in = FilterList.class.getResourceAsStream("/filters/filters.txt")) {
            List<String> packet = new ArrayList<>(), app = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                if (l.startsWith("[app]")) app.add(l.substring(5).strip());
                else packet.add(l);
            }
            return new FilterList(packet, app);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
