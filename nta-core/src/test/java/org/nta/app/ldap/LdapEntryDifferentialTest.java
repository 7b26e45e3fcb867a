package org.nta.app.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nta.app.auth.AuthCaptures;
import org.nta.event.LdapMessage;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;
import org.nta.testing.Tshark;

/**
 * Each searchResEntry's sAMAccountName and servicePrincipalName values (what the Kerberoasting detector maps SPNs to
 * accounts with) against tshark's dissection ({@code -T pdml}: each {@code ldap.type} followed by its
 * {@code ldap.AttributeValue}s), entry by entry, on every recording whose directory answers are in the clear.
 */
@Tag("tshark")
class LdapEntryDifferentialTest {
    private static final Pattern FIELD = Pattern.compile("<packet>|name=\"num\"[^>]* show=\"(\\d+)\"|name=\"ldap\\.protocolOp\"[^>]* show=\"(\\d+)\""
            + "|name=\"ldap\\.type\"[^>]* show=\"([^\"]*)\"|name=\"ldap\\.AttributeValue\"[^>]* value=\"([0-9a-f]*)\"");

    @ParameterizedTest
    @ValueSource(strings = {"ad-roast-psexec.pcap.gz", "ad-roast-pivot.pcap.gz", "ad-service-account-benign.pcap.gz", "ad-benign.pcap.gz"})
    void accountsAndSpnsOfEachEntryAgreeWithTshark(String name) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci && !Tools.has("tshark")) throw new IllegalStateException("CI must install tshark for differential tests");
        assumeTrue(Tools.has("tshark"), "tshark not installed");
        Path capture = TestFiles.capture(name);
        String pdml = Tshark.cached(capture, List.of("tshark", "-2", "-n", "-r", capture.toString(), "-Y", "ldap.protocolOp == 4", "-T", "pdml"));
        List<String> want = new ArrayList<>();
        Matcher m = FIELD.matcher(pdml);
        String frame = null, type = null, account = null;
        List<String> spns = new ArrayList<>();
        boolean entry = false;
        while (m.find()) {
            if (m.group(1) != null) frame = m.group(1);
            else if (m.group(2) != null) { // a new LDAPMessage: close the last entry
                if (entry) want.add(frame + " " + account + " " + spns);
                entry = m.group(2).equals("4");
                account = null;
                spns = new ArrayList<>();
                type = null;
            } else if (m.group(3) != null) type = m.group(3);
            else if (m.group(4) != null && entry && type != null) {
                String v = new String(HexFormat.of().parseHex(m.group(4)), StandardCharsets.UTF_8);
                if (type.equalsIgnoreCase("sAMAccountName") && account == null) account = v;
                else if (type.equalsIgnoreCase("servicePrincipalName")) spns.add(v);
            } else if (m.group(0).equals("<packet>") && entry) {
                want.add(frame + " " + account + " " + spns);
                entry = false;
            }
        }
        if (entry) want.add(frame + " " + account + " " + spns);
        List<String> got = AuthCaptures.of(AuthCaptures.events(capture), LdapMessage.class).stream()
                .filter(l -> l.protocolOp() == 4).map(l -> l.frame() + " " + l.account() + " " + l.spns()).toList();
        assertThat(want).as("tshark's entries").isNotEmpty();
        assertThat(got).containsExactlyElementsOf(want);
    }
}
