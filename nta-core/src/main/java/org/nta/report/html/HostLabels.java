package org.nta.report.html;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The page's names for hosts, read from the {@code hosts} array of the analysis JSON (the rows of {@code nta hosts}):
 * "DC1 10.0.0.2 (alice@CORP)" as {@link org.nta.hosts.HostNames#label} writes it for the terminal.
 */
final class HostLabels {
    private HostLabels() {}

    static String label(JsonNode hosts, String address) {
        for (JsonNode r : hosts) {
            boolean own = false;
            for (JsonNode a : r.path("addresses")) own |= a.asText().equals(address);
            if (!own) continue;
            StringBuilder sb = new StringBuilder();
            if (r.path("name").isTextual() && !r.path("name").asText().isEmpty()) sb.append(r.path("name").asText()).append(' ');
            sb.append(address);
            List<String> users = new ArrayList<>();
            for (JsonNode u : r.path("users")) users.add(u.asText());
            if (!users.isEmpty()) {
                sb.append(" (").append(String.join(", ", users.subList(0, Math.min(2, users.size()))));
                if (users.size() > 2) sb.append(", +").append(users.size() - 2).append(" more");
                sb.append(')');
            }
            return sb.toString();
        }
        return address;
    }

    static String join(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) out.add(n.asText());
        return String.join(", ", out);
    }
}
