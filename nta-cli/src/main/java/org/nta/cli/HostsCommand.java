package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.engine.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.hosts.HostTable;
import org.nta.report.Csv;
import org.nta.report.Json;
import org.nta.report.TextTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Who each host is. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "One row per host (Ethernet station): MAC, addresses, host names with their source (DHCP, NBNS, NTLMSSP, Kerberos), users seen logging on, OS hints, services answered, roles, first and last frame.")
final class HostsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("mac", "addresses", "names", "users", "os_hints", "services", "roles",
            "first_frame", "last_frame");

    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "JSON array of hosts (documented field names).")
    boolean json;

    @Option(names = "--csv", description = "CSV with the JSON field names as header.")
    boolean csv;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    static Map<String, Object> row(HostTable.Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mac", h.mac);
        m.put("addresses", List.copyOf(h.addresses));
        List<String> names = new ArrayList<>();
        h.names.forEach((n, sources) -> names.add(n + " (" + String.join(", ", sources) + ")"));
        m.put("names", names);
        m.put("users", List.copyOf(h.users));
        m.put("os_hints", List.copyOf(h.osHints));
        m.put("services", List.copyOf(h.services));
        m.put("roles", List.copyOf(h.roles));
        m.put("first_frame", h.firstFrame);
        m.put("last_frame", h.lastFrame);
        return m;
    }

    @Override
    public Integer call() {
        if (json && csv) throw new CliError("--json and --csv exclude each other", Main.EXIT_UNREADABLE);
        HostTable table = new HostTable(100_000);
        CaptureSummary s = Captures.run(file, limits.engine(EngineConfig.DEFAULTS), List.of(table),
                new AppDispatcher(limits.app(AppConfig.all())));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HostTable.Host h : table.hosts()) rows.add(row(h));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(rows));
        } else if (csv) {
            List<Map<String, Object>> flat = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                Map<String, Object> f = new LinkedHashMap<>();
                r.forEach((k, v) -> f.put(k, v instanceof List<?> l ? String.join("; ", l.stream().map(String::valueOf).toList()) : v));
                flat.add(f);
            }
            out.print(Csv.write(COLUMNS, flat));
        } else {
            out.println("Hosts: " + rows.size());
            TextTable t = new TextTable("MAC", "Addresses", "Names", "Users", "Roles", "Services", "OS hints", "Frames");
            for (Map<String, Object> r : rows) {
                t.add(r.get("mac") == null ? "" : r.get("mac"), join(r.get("addresses")), join(r.get("names")), join(r.get("users")),
                        join(r.get("roles")), join(r.get("services")), join(r.get("os_hints")), r.get("first_frame") + "–" + r.get("last_frame"));
            }
            out.print(t.render());
        }
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }

    private static String join(Object list) {
        return String.join(", ", ((List<?>) list).stream().map(String::valueOf).toList());
    }
}
