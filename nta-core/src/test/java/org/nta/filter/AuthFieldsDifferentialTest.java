package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.testing.FilterPass;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;
import org.nta.testing.Tshark;

/**
 * The authentication fields (HTTP auth, NTLMSSP, LDAP, SNMP) frame by frame against {@code tshark -2 -T fields}: on
 * the captures recorded for them (src/test/resources/auth) and on the tcpdump corpus files that carry these
 * protocols (listed in auth/corpus-files.txt, copied under corpus/tcpdump). Differences are listed with a reason in
 * auth/known-differences.txt. tshark's output is cached by testing/Tshark.
 */
@Tag("tshark")
class AuthFieldsDifferentialTest {
    static final String[] FIELDS = {"http.authbasic", "ntlmssp.messagetype", "ntlmssp.auth.username", "ntlmssp.auth.domain",
            "ntlmssp.auth.hostname", "ntlmssp.ntlmserverchallenge", "ntlmssp.ntlmv2_response.ntproofstr", "ldap.protocolOp",
            "ldap.messageID", "ldap.name", "ldap.simple", "ldap.mechanism", "ldap.baseObject", "ldap.scope", "ldap.resultCode",
            "snmp.version", "snmp.community", "snmp.data", "snmp.request_id", "snmp.error_status", "snmp.name"};
    static final String DISPLAY = "(http.authorization || ntlmssp || ldap || snmp) && !icmp && !icmpv6";

    @TestFactory
    Stream<DynamicTest> authFieldsAgreeWithTshark() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci && !Tools.has("tshark")) throw new IllegalStateException("CI must install tshark for differential tests");
        assumeTrue(Tools.has("tshark"), "tshark not installed");
        Path dir = TestFiles.resources().resolve("auth");
        List<Path> files = new ArrayList<>(List.of(dir.resolve("http-auth.pcap"), dir.resolve("http6-auth.pcap"), dir.resolve("ldap-auth.pcap"), dir.resolve("ldap-samba.pcap"), dir.resolve("snmp.pcap")));
        for (String l : Files.readAllLines(dir.resolve("corpus-files.txt"))) {
            if (!l.isBlank() && !l.startsWith("#")) files.add(TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve(l.trim()));
        }
        Map<String, String> known = new LinkedHashMap<>();
        for (String l : Files.readAllLines(dir.resolve("known-differences.txt"))) {
            if (l.isBlank() || l.startsWith("#")) continue;
            int sep = l.indexOf(':');
            known.put(l.substring(0, sep).trim(), l.substring(sep + 1).trim());
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String diff = firstDifference(tshark(f), nta(f));
            String name = f.getFileName().toString();
            if (known.containsKey(name)) {
                assertThat(diff).as("%s is listed as differing (%s) but now agrees: remove it", name, known.get(name)).isNotNull();
            } else {
                assertThat(diff).as("%s differs from tshark -2", name).isNull();
            }
        }));
    }

    static Map<Long, String> tshark(Path capture) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-2", "-n", "-r", capture.toString(), "-Y", DISPLAY, "-T", "fields",
                "-E", "separator=|", "-E", "aggregator=,", "-e", "frame.number"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        String out = Tshark.cached(capture, cmd);
        Map<Long, String> m = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] c = line.split("\\|", -1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < FIELDS.length; i++) {
                if (!c[i + 1].isEmpty()) sb.append(' ').append(FIELDS[i]).append('=').append(c[i + 1]);
            }
            if (sb.length() > 0) m.put(Long.parseLong(c[0]), sb.toString().trim());
        }
        return m;
    }

    static Map<Long, String> nta(Path capture) throws Exception {
        FieldRegistry reg = AppFields.all();
        FieldFormat fmt = new FieldFormat();
        List<Field> fields = new ArrayList<>();
        for (String f : FIELDS) fields.add(reg.get(f));
        Map<Long, String> m = new TreeMap<>();
        FilterPass.run(capture, (view, p, flow) -> {
            StringBuilder sb = new StringBuilder();
            for (Field f : fields) {
                // tshark -T fields prints an empty string as nothing at all: compare non-empty values only
                List<String> vs = fmt.values(f, view).stream().filter(x -> !x.isEmpty()).toList();
                if (!vs.isEmpty()) sb.append(' ').append(f.name()).append('=').append(String.join(",", vs));
            }
            if (sb.length() > 0) m.put(p.frame.number, sb.toString().trim());
        });
        return m;
    }

    static String firstDifference(Map<Long, String> theirs, Map<Long, String> ours) {
        TreeSet<Long> frames = new TreeSet<>(theirs.keySet());
        frames.addAll(ours.keySet());
        for (long f : frames) {
            String t = theirs.get(f), o = ours.get(f);
            if (t == null) return "frame " + f + ": only NTA has " + o;
            if (o == null) return "frame " + f + ": only tshark has " + t;
            if (!t.equals(o)) return "frame " + f + ": tshark " + t + " | NTA " + o;
        }
        return null;
    }
}
