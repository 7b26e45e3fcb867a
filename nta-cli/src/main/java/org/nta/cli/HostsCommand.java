package org.nta.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.EngineConfig;
import org.nta.hosts.HostNames;
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
        description = "One row per host (Ethernet station): MAC and its vendor (IEEE registry), addresses, host names with their source (DHCP, DHCPv6, NBNS, NetBIOS browser, LLMNR, mDNS, NTLMSSP, Kerberos, DNS PTR), users seen logging on, OS hints, services answered, roles, first and last frame, DHCPv6 client DUIDs.")
final class HostsCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("mac", "addresses", "names", "users", "os_hints", "services", "roles",
            "first_frame", "last_frame", "vendor", "mac_local", "name", "duids");

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
        return HostNames.row(h);
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
        out.print(render(rows, json, csv));
        out.flush();
        return Captures.exitCode(s, spec.commandLine().getErr(), limits);
    }

    /**
     * The rows as JSON, CSV or a terminal table. Names, users and OS hints come from DHCP, NBNS, browser, NTLMSSP and
     * Kerberos fields an attacker writes, so the CSV and the table show control characters (C0, DEL, C1 — ESC starts an ANSI
     * sequence) and Unicode format characters (bidi overrides) as {@code \xNN} / {@code \\uXXXX} escapes, and a
     * CSV cell that a spreadsheet would run as a formula gets a leading apostrophe ({@link Csv}); JSON escapes them itself.
     */
    static String render(List<Map<String, Object>> rows, boolean json, boolean csv) {
        if (json) return Json.write(rows) + "\n";
        if (csv) {
            List<Map<String, Object>> flat = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                Map<String, Object> f = new LinkedHashMap<>();
                r.forEach((k, v) -> f.put(k, v instanceof List<?> l ? String.join("; ", l.stream().map(HostsCommand::safe).toList())
                        : v instanceof String s ? safe(s) : v));
                flat.add(f);
            }
            return Csv.write(COLUMNS, flat);
        }
        StringBuilder sb = new StringBuilder("Hosts: ").append(rows.size()).append('\n');
        TextTable t = new TextTable("MAC", "Vendor", "Addresses", "Names", "Users", "Roles", "Services", "OS hints", "Frames");
        for (Map<String, Object> r : rows) {
            Object vendor = r.get("vendor");
            String v = vendor != null ? safe(vendor) : Boolean.TRUE.equals(r.get("mac_local")) ? "(locally administered)" : "";
            t.add(r.get("mac") == null ? "" : safe(r.get("mac")), v, join(r.get("addresses")), join(r.get("names")), join(r.get("users")),
                    join(r.get("roles")), join(r.get("services")), join(r.get("os_hints")), r.get("first_frame") + "–" + r.get("last_frame"));
        }
        return sb.append(t.render()).toString();
    }

    private static String join(Object list) {
        return String.join(", ", ((List<?>) list).stream().map(HostsCommand::safe).toList());
    }

    /** Control and format characters as visible escapes; everything else as it is. */
    static String safe(Object o) {
        String s = String.valueOf(o);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || (c >= 0x7f && c <= 0x9f)
                    || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
            if (!bad) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            sb.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
        }
        return sb == null ? s : sb.toString();
    }
}
