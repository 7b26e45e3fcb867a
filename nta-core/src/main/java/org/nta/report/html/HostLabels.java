package org.nta.report.html;

import java.util.ArrayList;
import java.util.List;

import org.nta.hosts.HostNames;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The page's names for hosts, read from the {@code hosts} array of the analysis JSON (the rows of {@code nta hosts}):
 * "DC1 10.0.0.2 (alice@CORP)" as {@link org.nta.hosts.HostNames#label} writes it for the terminal.
 */
final class HostLabels {
    private HostLabels() {}

    static String label(JsonNode hosts, String address) {
        return label(hosts, address, true);
    }

    /** "DC1 10.0.0.2": the name and the address, without the users. */
    static String shortLabel(JsonNode hosts, String address) {
        return label(hosts, address, false);
    }

    private static String label(JsonNode hosts, String address, boolean withUsers) {
        for (JsonNode r : hosts) {
            boolean own = false;
            for (JsonNode a : r.path("addresses")) own |= a.asText().equals(address);
            if (!own) continue;
            List<String> users = new ArrayList<>();
            if (withUsers) for (JsonNode u : r.path("users")) users.add(u.asText());
            return HostNames.label(r.path("name").isTextual() ? r.path("name").asText() : null, address, users);
        }
        return address;
    }

    static String join(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) out.add(n.asText());
        return String.join(", ", out);
    }
}
