package org.nta.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The capture fixtures under {@code captures/} and their answer keys agree with each other: the capture
 * is there, small, and is the file the key was written for (hash, frame count, first and last time as
 * this reader sees them); the key is well formed, so whole-investigation tests can trust it.
 */
class CaptureFixturesTest {
    private static final long MAX_GZ_BYTES = 3L * 1024 * 1024;
    /** The finding types every benign key must cover, as allowed or absent (those of the first recordings). */
    private static final Set<String> COVERED_TYPES = Set.of("port_scan", "host_sweep", "content_discovery", "attack_tool",
            "web_attack", "login_bruteforce", "file_upload", "webshell_command", "reverse_shell", "info_disclosure",
            "cleartext_credentials", "credential_reuse", "post_login_activity", "beacon", "dns_tunnel", "exfiltration",
            "payload_delivery", "intel_match");
    /** Every finding type NTA has: a key may name any of them, as a finding or as absent. */
    private static final Set<String> TYPES = java.util.Arrays.stream(org.nta.detect.FindingType.values())
            .map(org.nta.detect.FindingType::id).collect(java.util.stream.Collectors.toSet());
    private static final Set<String> SCAN_TYPES = Set.of("syn", "connect", "fin", "null", "xmas", "ack", "udp");
    private static final Set<String> ATTACK_KINDS = Set.of("sqli", "xss", "path_traversal", "cmd_injection",
            "template_injection", "jndi");
    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path dir() throws URISyntaxException {
        return Path.of(CaptureFixturesTest.class.getResource("/captures/README.md").toURI()).getParent();
    }

    static Stream<String> names() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".answers.json"))
                    .map(n -> n.substring(0, n.length() - ".answers.json".length()))
                    .sorted().toList().stream();
        }
    }

    @Test
    void everyCaptureHasBothKeysAndTheReferenceCapturesAreThere() throws Exception {
        List<String> captures;
        try (Stream<Path> files = Files.list(dir())) {
            captures = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap.gz"))
                    .map(n -> n.substring(0, n.length() - ".pcap.gz".length())).sorted().toList();
        }
        assertThat(captures).contains("webshell-lab", "benign-lab").hasSizeGreaterThanOrEqualTo(7);
        // new lab recordings whose JSON key is still to be written are listed in KEYS-PENDING.txt
        Path pendingFile = dir().resolve("KEYS-PENDING.txt");
        List<String> pending = Files.exists(pendingFile) ? Files.readAllLines(pendingFile).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList() : List.of();
        assertThat(captures).as("every pending name is a capture without a key").containsAll(pending);
        if (!pending.isEmpty()) assertThat(names().toList()).doesNotContainAnyElementsOf(pending);
        assertThat(names().toList()).containsExactlyElementsOf(captures.stream().filter(c -> !pending.contains(c)).toList());
        for (String n : captures) assertThat(dir().resolve(n + ".md")).exists();
    }

    @ParameterizedTest
    @MethodSource("names")
    void keyDescribesThisVeryCapture(String name) throws Exception {
        JsonNode key = JSON.readTree(dir().resolve(name + ".answers.json").toFile());
        Path gz = dir().resolve(key.get("capture").asText());
        assertThat(gz.getFileName().toString()).isEqualTo(name + ".pcap.gz");
        assertThat(Files.size(gz)).isLessThan(MAX_GZ_BYTES);
        assertThat(sha256OfGunzipped(gz)).isEqualTo(key.get("sha256_decompressed").asText());

        long frames = 0;
        long firstNs = 0;
        long lastNs = 0;
        try (CaptureSource src = CaptureSource.open(gz.toString(), false)) {
            assertThat(src.compression()).isEqualTo("gzip");
            assertThat(src.reader().format().toString()).containsIgnoringCase(key.get("format").asText());
            Frame f = new Frame();
            while (src.reader().next(f)) {
                if (frames++ == 0) firstNs = f.epochNanos();
                lastNs = f.epochNanos();
            }
            assertThat(src.reader().problem()).isNull();
        }
        assertThat(frames).isEqualTo(key.get("frames").asLong());
        assertThat(micros(firstNs)).isEqualTo(key.get("first_time_utc").asText());
        assertThat(micros(lastNs)).isEqualTo(key.get("last_time_utc").asText());
    }

    @ParameterizedTest
    @MethodSource("names")
    void keyIsWellFormed(String name) throws Exception {
        JsonNode key = JSON.readTree(dir().resolve(name + ".answers.json").toFile());
        assertThat(key.get("schema").asText()).isEqualTo("nta-answers/1");
        long frames = key.get("frames").asLong();
        String verdict = key.get("verdict").asText();
        // suspicious: attack activity without a compromise (reconnaissance with a phished account)
        assertThat(verdict).isIn("malicious", "suspicious", "benign");
        Set<String> attackers = texts(key.get("attackers"));
        Set<String> benign = texts(key.get("benign_hosts"));
        assertThat(attackers).doesNotContainAnyElementsOf(benign);
        Set<String> absent = texts(key.get("absent_findings"));
        assertThat(TYPES).containsAll(absent);

        List<JsonNode> findings = new ArrayList<>();
        key.get("findings").forEach(findings::add);
        for (JsonNode f : findings) {
            String type = f.get("type").asText();
            assertThat(TYPES).as(name + " finding type").contains(type);
            assertThat(absent).as(name + ": " + type + " is both a finding and absent").doesNotContain(type);
            assertThat(f.get("required").isBoolean()).isTrue();
            for (long frame : frameNumbers(f)) assertThat(frame).as(name + " " + type).isBetween(1L, frames);
            checkTypeSpecific(name, f);
        }
        for (long frame : frameNumbers(key.path("facts"))) assertThat(frame).as(name + " facts").isBetween(1L, frames);
        List<JsonNode> required = findings.stream().filter(f -> f.get("required").asBoolean()).toList();
        if (!verdict.equals("benign")) {
            assertThat(attackers).isNotEmpty();
            assertThat(required).isNotEmpty();
            for (JsonNode f : required) assertThat(attackers).contains(f.get("attacker").asText());
        } else {
            assertThat(attackers).isEmpty();
            assertThat(required).isEmpty();
            Set<String> covered = new HashSet<>(absent);
            covered.addAll(texts(key.get("allowed_findings")));
            assertThat(covered).containsAll(COVERED_TYPES);
        }
    }

    private static void checkTypeSpecific(String name, JsonNode f) {
        switch (f.get("type").asText()) {
            case "port_scan" -> {
                assertThat(SCAN_TYPES).contains(f.get("scan_type").asText());
                assertThat(f.get("open_ports").isArray()).isTrue();
                assertThat(f.get("first_frame").asLong()).isLessThanOrEqualTo(f.get("last_frame").asLong());
            }
            case "web_attack" -> assertThat(ATTACK_KINDS).containsAll(texts(f.get("kinds")));
            case "file_upload" -> {
                assertThat(f.get("sha256").asText()).matches("[0-9a-f]{64}");
                assertThat(f.get("filename").asText()).isNotBlank();
                assertThat(f.get("stream").asLong()).isNotNegative();
            }
            case "webshell_command" -> {
                assertThat(f.get("param").asText()).isNotBlank();
                assertThat(f.get("command").asText()).isNotBlank();
            }
            case "reverse_shell" -> {
                assertThat(f.get("port").asInt()).isBetween(1, 65535);
                assertThat(f.get("commands").size()).isEqualTo(f.get("command_frames").size()).isPositive();
                assertThat(f.get("syn_frame").asLong()).isLessThan(f.get("command_frames").get(0).asLong());
            }
            case "login_bruteforce" -> {
                assertThat(f.get("attempts").asInt()).isGreaterThan(f.get("failed").asInt() - 1);
                if (f.get("success").asBoolean()) assertThat(f.get("success_frame").asLong()).isPositive();
            }
            case "attack_tool" -> assertThat(f.get("tool").asText()).as(name).isNotBlank();
            case "payload_delivery", "exfiltration" -> {
                if (f.has("sha256")) assertThat(f.get("sha256").asText()).matches("[0-9a-f]{64}");
                assertThat(f.get("bytes") != null ? f.get("bytes").asLong() : f.get("size").asLong()).isPositive();
            }
            case "beacon" -> {
                assertThat(f.get("count").asInt()).isGreaterThan(2);
                assertThat(f.get("first_frame").asLong()).isLessThan(f.get("last_frame").asLong());
            }
            case "dns_tunnel" -> assertThat(f.get("zone").asText()).endsWith(f.get("domain").asText());
            case "asrep_roasting" -> {
                assertThat(f.get("usernames").size()).as(name).isPositive().isEqualTo(f.get("as_req_frames").size());
                assertThat(f.get("answer_frames").size()).as(name).isEqualTo(f.get("as_req_frames").size());
                assertThat(f.get("etypes_offered").size()).as(name).isPositive();
                // a hash was obtained exactly when some request without pre-authentication got an AS-REP
                assertThat(f.get("succeeded").isBoolean()).as(name).isTrue();
                assertThat(f.get("as_rep_without_preauth").isEmpty()).as(name).isEqualTo(!f.get("succeeded").asBoolean());
            }
            case "user_enumeration" -> assertThat(f.has("unknown_users") ? f.get("unknown_users") : f.get("users"))
                    .as(name).isNotEmpty();
            case "kerberoasting" -> {
                assertThat(f.get("spn").asText()).as(name).contains("/");
                assertThat(f.get("etypes_requested").size()).as(name).isPositive();
                assertThat(f.get("tgs_req_frames").size()).as(name).isPositive();
                assertThat(f.get("succeeded").isBoolean()).as(name).isTrue();
                if (f.get("succeeded").asBoolean()) {
                    assertThat(f.get("ticket_etype").asInt()).as(name).isPositive();
                    assertThat(f.get("tgs_rep_frames").get(0).asLong()).isGreaterThan(f.get("tgs_req_frames").get(0).asLong());
                }
            }
            case "lateral_movement" -> {
                assertThat(f.get("share").asText()).as(name).isNotBlank();
                assertThat(f.get("pipe").asText()).as(name).isNotBlank();
                assertThat(f.get("attempted").asBoolean()).as(name).isTrue();
                assertThat(f.get("rpc_calls").size()).as(name).isPositive();
                boolean accepted = false;
                for (JsonNode c : f.get("rpc_calls")) {
                    assertThat(c.get("operation").asText()).isNotBlank();
                    assertThat(c.get("status").asText()).isNotBlank();
                    assertThat(c.get("request_frame").asLong()).isLessThan(c.get("response_frame").asLong());
                    if (c.get("operation").asText().startsWith("Create")) accepted |= c.get("succeeded").asBoolean();
                }
                // a refused creation is an attempt: the key says so rather than dropping it
                assertThat(f.get("succeeded").asBoolean()).as(name).isEqualTo(accepted);
                if (f.has("file")) assertThat(f.get("file").get("sha256").asText()).matches("[0-9a-f]{64}");
            }
            case "dcsync" -> {
                assertThat(f.get("getncchanges_frames").size()).as(name).isPositive().isEqualTo(f.get("requests").asInt());
                assertThat(f.get("ds_bind_frames").get(0).asLong()).isLessThan(f.get("getncchanges_frames").get(0).asLong());
                assertThat(f.get("client_is_dc").isBoolean()).as(name).isTrue();
                assertThat(f.get("accounts").size()).as(name).isPositive();
                assertThat(f.get("succeeded").isBoolean()).as(name).isTrue();
            }
            case "zerologon" -> {
                int attempts = f.get("attempts").asInt();
                assertThat(attempts).as(name).isPositive();
                assertThat(f.get("zero_client_credentials").asInt()).as(name).isBetween(1, attempts);
                assertThat(f.get("first_authenticate_frame").asLong()).isLessThanOrEqualTo(f.get("last_authenticate_frame").asLong());
                assertThat(f.get("accounts").size()).as(name).isPositive();
                int answered = 0;
                for (JsonNode n : f.get("statuses")) answered += n.asInt();
                assertThat(answered).as(name + " statuses").isEqualTo(attempts);
                assertThat(f.get("succeeded").isBoolean()).as(name).isTrue();
            }
            case "suspicious_certificate" -> {
                assertThat(f.get("sha256").asText()).matches("[0-9a-f]{64}");
                assertThat(f.get("subject").asText()).as(name).isNotBlank();
                assertThat(f.get("signals").size()).as(name).isPositive();
                assertThat(f.get("certificate_frames").size()).as(name).isEqualTo(f.get("connections").asInt());
            }
            case "client_impersonation" -> {
                assertThat(f.get("user_agent").asText()).as(name).isNotBlank();
                assertThat(f.get("hello_frames").size()).as(name).isPositive().isEqualTo(f.get("hellos").asInt());
                assertThat(f.get("contradictions").size()).as(name).isPositive();
            }
            case "name_poisoning" -> {
                assertThat(f.get("answer_frames").size()).as(name).isPositive().isEqualTo(f.get("answers").size());
                assertThat(f.get("names").size()).as(name).isGreaterThanOrEqualTo(2);
                for (JsonNode c : f.get("credentials")) assertThat(c.get("user").asText()).as(name).isNotBlank();
                assertThat(f.get("credential_frames").size()).as(name).isEqualTo(f.get("credentials").size());
            }
            default -> { }
        }
    }

    /**
     * Every frame number a finding names, at any depth: numbers under {@code frame} or a name ending in {@code _frame},
     * and arrays (also of arrays) under a name ending in {@code _frames} (command_frames, tgs_req_frames …).
     */
    private static List<Long> frameNumbers(JsonNode f) {
        List<Long> out = new ArrayList<>();
        collectFrames(f, out);
        return out;
    }

    private static void collectFrames(JsonNode node, List<Long> out) {
        if (node.isArray()) {
            node.forEach(n -> collectFrames(n, out));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            if ((k.equals("frame") || k.endsWith("_frame")) && v.isNumber()) out.add(v.asLong());
            else if (k.endsWith("_frames") && v.isArray()) addNumbers(v, out);
            else if (v.isContainerNode()) collectFrames(v, out);
        }
    }

    private static void addNumbers(JsonNode array, List<Long> out) {
        for (JsonNode n : array) {
            if (n.isArray()) addNumbers(n, out);
            else if (n.isNumber()) out.add(n.asLong());
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        if (array != null) array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String micros(long epochNanos) {
        return UTC_MICROS.format(Instant.ofEpochSecond(0, epochNanos));
    }

    private static String sha256OfGunzipped(Path gz) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(gz)), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
