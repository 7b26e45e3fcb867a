package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * Kerberos fields per frame against {@code tshark -2} on the Kerberos lab recording (UDP and TCP, errors, FAST,
 * AS and TGS exchanges in RC4 and AES). Kerberos carried inside SMB session setups (port 445) is not decoded by NTA
 * and is left out of the comparison by the filter.
 */
@Tag("tshark")
class KerberosDifferentialTest {
    static final List<String> FIELDS = List.of("kerberos.msg_type", "kerberos.CNameString", "kerberos.SNameString",
            "kerberos.realm", "kerberos.crealm", "kerberos.etype", "kerberos.error_code", "kerberos.padata_type");

    @Test
    void kerberosLabAgreesWithTshark() throws Exception {
        assumeTrue(Tools.has("tshark"), "tshark not installed: differential tests skipped");
        Path f = TestFiles.resources().resolve("win").resolve("kerberos-lab.pcap.gz");
        var theirs = WinTshark.tshark(f, "kerberos && (udp.port == 88 || tcp.port == 88)", FIELDS);
        var ours = WinTshark.nta(f, List.of("kerberos"), FIELDS);
        assertThat(theirs).hasSizeGreaterThan(25);
        assertThat(WinTshark.differences(theirs, ours, 10)).isEmpty();
    }
}
