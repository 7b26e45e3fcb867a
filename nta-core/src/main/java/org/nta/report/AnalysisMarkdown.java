package org.nta.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.engine.Analysis;
import org.nta.pipeline.CaptureSummary;
import org.nta.hosts.HostNames;
import org.nta.incident.Incident;

/**
 * The analyst's report ({@code --report FILE.md}): summary, key findings, timeline, one section per phase with
 * frames, filters and decoded evidence, indicators, recommendations. Only capture time appears in it, so the same
 * capture gives the same report byte for byte.
 */
public final class AnalysisMarkdown {
    private AnalysisMarkdown() {}

    public static String render(Analysis.Result r, TimeFormat tf) {
        return render(r, tf, HostNames.none());
    }

    /** With the incidents' hosts named and a "Hosts" section: who the attackers and victims are. */
    public static String render(Analysis.Result r, TimeFormat tf, HostNames names) {
        StringBuilder sb = new StringBuilder();
        CaptureSummary c = r.capture();
        long t0 = r.captureStartNs();
        sb.append("# Network traffic analysis: ").append(fileName(c.file())).append("\n\n");
        sb.append("**Verdict: ").append(r.verdict().level().id().toUpperCase()).append("** — ").append(md(AnalysisText.headline(r).substring(r.verdict().level().id().length() + 2))).append("\n\n");
        sb.append("## Summary\n\n");
        sb.append("| | |\n|---|---|\n");
        row(sb, "Capture", "`" + codeSpan(c.file()) + "` (" + c.format() + (c.compression().equals("none") ? "" : ", " + c.compression()) + ")");
        row(sb, "Frames", Numbers.count(c.packets()) + (c.problem() != null ? " (read up to a damaged point: " + md(c.problem().describe()) + ")" : ""));
        if (c.packets() > 0) {
            row(sb, "Time", tf.format(c.firstNs(), t0) + " → " + tf.format(c.lastNs(), t0) + " (" + Numbers.decimal(c.durationSeconds(), 1) + " s)");
        }
        row(sb, "TCP / UDP streams", c.tcpStreams() + " / " + c.udpStreams());
        if (!c.limitsReached().isEmpty()) {
            List<String> hit = new ArrayList<>();
            c.limitsReached().forEach((kind, n) -> hit.add("`" + kind + "` ×" + Numbers.count(n)));
            row(sb, "Limits reached", String.join(", ", hit) + " (less was analysed than the capture carries; "
                    + "the options of `nta analyze --help` raise them)");
        }
        List<Finding> attack = new ArrayList<>(), context = new ArrayList<>();
        for (Finding f : r.findings()) (f.attacker() != null ? attack : context).add(f);
        row(sb, "Incidents", String.valueOf(r.incidents().size()));
        row(sb, "Findings", attack.size() + " of attack activity, " + context.size() + " other observations");
        sb.append('\n');
        sb.append("Why this verdict:\n\n");
        for (String reason : r.verdict().reasons()) sb.append("- ").append(md(reason)).append('\n');
        sb.append('\n');
        if (SecretsNote.masked(r.findings())) sb.append(SecretsNote.TEXT).append("\n\n");
        for (Incident i : r.incidents()) {
            sb.append("**").append(md(AnalysisText.party(i.attacker(), i.attackerAddresses(), names))).append(" → ")
                    .append(md(AnalysisText.party(i.victim(), i.victimAddresses(), names))).append("** (").append(i.verdict().level().id()).append("): ");
            List<String> steps = new ArrayList<>();
            for (Incident.PhaseSummary p : i.phases()) steps.add(p.phase().title() + " (" + p.status().id() + ")");
            sb.append(String.join(" → ", steps)).append("\n\n");
            for (Incident.Pivot p : i.pivots()) {
                sb.append("- Account ").append(md(TerminalText.safe(p.describe(a -> a == null ? "many hosts" : names.shortLabel(a))))).append('\n');
            }
            if (!i.pivots().isEmpty()) sb.append('\n');
        }

        hosts(sb, names.rows(Parties.of(r)));
        sb.append("## Key findings\n\n");
        if (attack.isEmpty()) sb.append("No attack activity was found.\n\n");
        else {
            List<Finding> key = new ArrayList<>(attack);
            key.sort(AnalysisText.BY_SEVERITY);
            sb.append("| # | Severity | Type | Summary | Frames | Streams | Time |\n|---|---|---|---|---|---|---|\n");
            int k = 1;
            for (Finding f : key) {
                sb.append("| ").append(k++).append(" | ").append(f.severity().id()).append(" | ").append(f.type().id()).append(" | ")
                        .append(md(f.summary())).append(" | ").append(f.firstFrame()).append("–").append(f.lastFrame()).append(" | ")
                        .append(md(AnalysisText.streamText(f))).append(" | ").append(tf.format(f.firstTimeNs(), t0)).append(" |\n");
            }
            sb.append('\n');

            sb.append("## Timeline\n\n");
            for (Finding f : attack) {
                sb.append("- ").append(tf.format(f.firstTimeNs(), t0)).append(" — frame ").append(f.firstFrame()).append(" — *")
                        .append(f.phase().title()).append("* — ").append(md(f.summary())).append('\n');
            }
            sb.append('\n');
        }

        for (Phase phase : Phase.values()) {
            List<Finding> fs = new ArrayList<>();
            for (Finding f : attack) if (f.phase() == phase) fs.add(f);
            if (fs.isEmpty()) continue;
            sb.append("## ").append(phase.title()).append("\n\n");
            for (Finding f : fs) section(sb, f, tf, t0, r.capture().parts());
        }
        if (!context.isEmpty()) {
            sb.append("## Other observations\n\n");
            sb.append("Activity worth knowing that no attacker is behind (ordinary users' logins and uploads, banners): ")
                    .append("not counted in the verdict.\n\n");
            for (Finding f : context) section(sb, f, tf, t0, r.capture().parts());
        }

        sb.append("## Indicators\n\n");
        indicators(sb, attack);
        sb.append("## Recommendations\n\n");
        recommendations(sb, attack, context);
        return sb.toString();
    }

    /** @param parts the files, when the capture was read from several: the frames are then also named in their file */
    private static void section(StringBuilder sb, Finding f, TimeFormat tf, long t0, List<org.nta.capture.CapturePart> parts) {
        sb.append("### ").append(f.type().id()).append(": ").append(md(f.summary())).append("\n\n");
        sb.append("- Severity: ").append(f.severity().id()).append(f.succeeded() == null ? "" : f.succeeded() ? ", succeeded" : ", attempted (no sign of success)").append('\n');
        if (f.attacker() != null) {
            sb.append("- Attacker: ").append(f.attacker()).append(f.victim() != null ? "; victim: " + f.victim() : "").append('\n');
        } else {
            Object client = f.evidence().get("client");
            sb.append("- ").append(client != null ? "Client: " + md(String.valueOf(client)) + "; " : "")
                    .append(f.victim() != null ? "server: " + f.victim() : "").append('\n');
        }
        String inFiles = FileFrames.text(parts, f.firstFrame(), f.lastFrame());
        sb.append("- Frames ").append(f.firstFrame()).append("–").append(f.lastFrame())
                .append(inFiles == null ? "" : " (" + md(inFiles) + ")").append(", ")
                .append(tf.format(f.firstTimeNs(), t0)).append(" → ").append(tf.format(f.lastTimeNs(), t0)).append('\n');
        if (!f.streams().isEmpty()) sb.append("- ").append(AnalysisText.streamText(f)).append('\n');
        if (!f.techniques().isEmpty()) sb.append("- MITRE ATT&CK: ").append(String.join(", ", f.techniques())).append('\n');
        sb.append("- Wireshark filter: `").append(f.filter().replace("`", "'")).append("`\n\n");
        if (!f.evidence().isEmpty()) {
            sb.append("Evidence:\n\n```\n");
            evidence(sb, f.evidence(), "");
            sb.append("```\n\n");
        }
    }

    private static void evidence(StringBuilder sb, Map<String, Object> ev, String indent) {
        for (Map.Entry<String, Object> e : ev.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                sb.append(indent).append(e.getKey()).append(":\n");
                @SuppressWarnings("unchecked")
                Map<String, Object> mm = (Map<String, Object>) m;
                evidence(sb, mm, indent + "  ");
            } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
                sb.append(indent).append(e.getKey()).append(":\n");
                for (Object o : l) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> mm = (Map<String, Object>) o;
                    sb.append(indent).append("  -\n");
                    evidence(sb, mm, indent + "    ");
                }
            } else {
                sb.append(indent).append(e.getKey()).append(": ").append(printable(String.valueOf(v))).append('\n');
            }
        }
    }

    private static void indicators(StringBuilder sb, List<Finding> attack) {
        Set<String> attackers = new TreeSet<>(), victims = new TreeSet<>(), ports = new TreeSet<>(), agents = new LinkedHashSet<>(),
                urls = new LinkedHashSet<>(), files = new LinkedHashSet<>(), accounts = new LinkedHashSet<>();
        for (Finding f : attack) {
            attackers.add(f.attacker());
            if (f.victim() != null) victims.add(f.victim());
            Map<String, Object> ev = f.evidence();
            if (ev.get("user_agent") instanceof String ua) agents.add(ua);
            if (f.type() == FindingType.REVERSE_SHELL && ev.get("port") != null) ports.add(ev.get("port") + "/tcp (shell)");
            if (f.type() == FindingType.PORT_SCAN && ev.get("open_ports") instanceof List<?> l) for (Object p : l) ports.add(p + "/tcp open on " + f.victim());
            if (ev.get("uri") instanceof String u) urls.add(u);
            if (f.type() == FindingType.FILE_UPLOAD && ev.get("filename") != null) files.add(ev.get("filename") + " — SHA-256 " + ev.get("sha256"));
            if (Boolean.TRUE.equals(f.succeeded()) && ev.get("username") instanceof String user && f.victim() != null
                    && (f.type() == FindingType.LOGIN_BRUTEFORCE || f.type() == FindingType.CREDENTIAL_REUSE
                    || f.type() == FindingType.POST_LOGIN_ACTIVITY || f.type() == FindingType.CLEARTEXT_CREDENTIALS)) {
                Object protocol = f.type() == FindingType.CREDENTIAL_REUSE && ev.get("used") instanceof Map<?, ?> u ? u.get("protocol")
                        : f.type() == FindingType.POST_LOGIN_ACTIVITY ? ev.get("login_protocol") : ev.get("protocol");
                accounts.add(user + " on " + f.victim() + (protocol != null ? " (" + protocol + ")" : ""));
            }
        }
        list(sb, "Attacker addresses", attackers);
        list(sb, "Victim addresses", victims);
        list(sb, "Ports", ports);
        list(sb, "Files", files);
        list(sb, "Accounts the attacker logged in with (rotate their passwords)", accounts);
        list(sb, "User-Agents", agents);
        list(sb, "URLs", urls);
        if (attackers.isEmpty()) sb.append("None: no attack was found.\n\n");
    }

    private static void list(StringBuilder sb, String title, Set<String> items) {
        if (items.isEmpty()) return;
        sb.append("**").append(title).append("**\n\n");
        int n = 0;
        for (String s : items) {
            if (n++ == 50) {
                sb.append("- … ").append(items.size() - 50).append(" more\n");
                break;
            }
            sb.append("- `").append(printable(s).replace("`", "'")).append("`\n");
        }
        sb.append('\n');
    }

    private static void recommendations(StringBuilder sb, List<Finding> attack, List<Finding> context) {
        Set<FindingType> types = new LinkedHashSet<>();
        for (Finding f : attack) types.add(f.type());
        boolean clearText = false;
        for (Finding f : context) clearText |= f.type() == FindingType.CLEARTEXT_CREDENTIALS;
        if (types.isEmpty()) {
            sb.append("No incident response needed for this capture.\n");
            if (clearText) sb.append("- Hygiene: logins travel in clear text (see Other observations); move them to HTTPS.\n");
            return;
        }
        for (FindingType t : types) {
            String rec = switch (t) {
                case PORT_SCAN, HOST_SWEEP -> "Block or rate-limit the scanning source; check that only intended services are exposed (close or firewall the open ports that need not be reachable).";
                case CONTENT_DISCOVERY -> "Review what the brute force found (2xx/3xx/401/403 answers): remove backups, version files and listings from the web root; rate-limit 404 storms.";
                case ATTACK_TOOL -> "Block the attacking address; alert on offensive tool User-Agents at the proxy or WAF.";
                case WEB_ATTACK -> "Fix the vulnerable parameters (parameterised queries, output encoding, path canonicalisation); review the application's logs for the same payloads.";
                case LOGIN_BRUTEFORCE -> "Lock or throttle the targeted account, enforce MFA, and rotate the password if a login succeeded.";
                case FILE_UPLOAD -> "Remove the uploaded file, restrict uploads to safe types stored outside the web root without execute rights, and look for other dropped files.";
                case WEBSHELL_COMMAND -> "Treat the web server as compromised: isolate it, preserve evidence, remove the web shell, and investigate what the commands did.";
                case REVERSE_SHELL -> "Isolate the host, block egress to the shell's address and port, and reconstruct the attacker's actions from the transcript; rebuild from a known-good image.";
                case INFO_DISCLOSURE -> "Suppress version banners and error details; rotate any credentials that were leaked.";
                case CLEARTEXT_CREDENTIALS -> "Move logins to encrypted protocols (HTTPS, FTPS/SFTP, IMAPS/POP3S, SMTP with STARTTLS, LDAPS, SNMPv3) and rotate the credentials seen in clear text; change default credentials and communities.";
                case CREDENTIAL_REUSE -> "Rotate the reused password everywhere it is valid, look for other logins with it, and stop sharing passwords between services.";
                case POST_LOGIN_ACTIVITY -> "Disable the compromised account, review what it downloaded, uploaded or sent (the files are in the evidence), and remove uploaded files from the server.";
                case BEACON -> "Isolate the beaconing host, block its destination at the egress, and find the program that calls out (process, scheduled task, service) before cleaning it.";
                case DNS_TUNNEL -> "Block the tunnel's domain at the resolver, isolate the host that used it, and force DNS through the internal resolvers only.";
                case EXFILTRATION -> "Treat the data sent as lost: identify what it was (see the file and its hash), block the destination, and rotate any secrets it held.";
                case PAYLOAD_DELIVERY -> "Quarantine the downloaded file (hash in the evidence), look for it on the host and others, and block the server it came from.";
                case INTEL_MATCH -> "Follow the indicator's source guidance: block the matched indicator and hunt for it on the hosts involved.";
                case KERBEROASTING -> "Rotate the password of every service account whose ticket was requested (long random passwords or gMSA), disable RC4 for Kerberos (msDS-SupportedEncryptionTypes = AES only), and investigate the account that asked.";
                case ASREP_ROASTING -> "Require Kerberos pre-authentication on every account (clear DONT_REQ_PREAUTH), rotate the password of any account answered without it, and investigate the client that asked.";
                case USER_ENUMERATION -> "Block or investigate the client guessing account names, and watch the valid names it found for password spraying or roasting.";
                case SUSPICIOUS_CERTIFICATE -> "Check who runs the server and why its certificate is self-signed, short-lived or names another host; if nobody does, block it and look at the clients that talk to it.";
                case CLIENT_IMPERSONATION -> "Find the program on the host that claims to be a browser (its TLS fingerprint is in the evidence): a scripted client hiding behind a browser User-Agent is how implants blend in.";
                case LATERAL_MOVEMENT -> "Treat the target as compromised: isolate it, remove the uploaded binary and any service created for it, disable or reset the account used, and restrict admin shares and remote service control to management hosts.";
                case DCSYNC -> "Treat every domain secret as stolen: reset krbtgt twice and the passwords of privileged accounts, find the account that held replication rights (DS-Replication-Get-Changes-All) and remove them from it, and isolate the host that asked.";
                case NAME_POISONING -> "Disable LLMNR (Group Policy: Turn off multicast name resolution) and NetBIOS over TCP/IP on the clients, require SMB signing, isolate the poisoning host, and reset the passwords of the accounts that logged on to it (their NTLM responses are crackable offline).";
                case ZEROLOGON -> "Patch the domain controller (CVE-2020-1472, enforce secure RPC for Netlogon); if an attempt succeeded, treat the domain as compromised: restore the DC's machine account password and reset krbtgt.";
            };
            sb.append("- **").append(t.id()).append("**: ").append(rec).append('\n');
        }
    }

    /** Who the attackers and victims are: names with their source, MAC and vendor, users, OS hints, roles. */
    private static void hosts(StringBuilder sb, List<java.util.Map<String, Object>> rows) {
        if (rows.isEmpty()) return;
        sb.append("## Hosts\n\n");
        sb.append("| Addresses | Names | MAC | Users | OS hints | Roles | Frames |\n|---|---|---|---|---|---|---|\n");
        for (java.util.Map<String, Object> h : rows) {
            Object mac = h.get("mac"), vendor = h.get("vendor");
            String macText = mac == null ? "" : mac + (vendor != null ? " (" + vendor + ")" : Boolean.TRUE.equals(h.get("mac_local")) ? " (locally administered)" : "");
            sb.append("| ").append(cell(h.get("addresses"))).append(" | ").append(cell(h.get("names"))).append(" | ").append(md(macText))
                    .append(" | ").append(cell(h.get("users"))).append(" | ").append(cell(h.get("os_hints"))).append(" | ")
                    .append(cell(h.get("roles"))).append(" | ").append(h.get("first_frame")).append("–").append(h.get("last_frame")).append(" |\n");
        }
        sb.append('\n');
    }

    /** A table cell: one line, whatever the host names hold. */
    private static String cell(Object list) {
        return md(String.join(", ", ((List<?>) list).stream().map(String::valueOf).toList())).replace('\n', '·');
    }

    /** A summary row; {@code v} is Markdown already, its capture text escaped by the caller. */
    private static void row(StringBuilder sb, String k, String v) {
        sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String md(String s) {
        return MarkdownText.text(s);
    }

    /** Text in a code span inside a table cell: no backtick to end the span, no bar to end the cell. */
    private static String codeSpan(String s) {
        return printable(s).replace('`', '\'').replace('\n', '·').replace("|", "\\|");
    }

    /** For code spans and fenced blocks, where markup is not read: only control characters are made visible. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) out.append(ch < 0x20 && ch != '\n' ? '·' : ch);
        return out.toString();
    }

    private static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i >= 0 ? path.substring(i + 1) : path;
    }
}
