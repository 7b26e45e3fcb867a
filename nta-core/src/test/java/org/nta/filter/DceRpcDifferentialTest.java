package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nta.testing.TestFiles;

/**
 * DCE/RPC fields per frame against {@code tshark -2}: the psexec recording (srvsvc and svcctl over SMB2 named pipes:
 * binds, OpenSCManagerW, CreateServiceW and its faults) and the corpus captures with DCE/RPC over TCP and SMB.
 */
@Tag("tshark")
class DceRpcDifferentialTest {
    static final List<String> FIELDS = List.of("dcerpc.pkt_type", "dcerpc.cn_call_id", "dcerpc.opnum",
            "dcerpc.cn_bind_to_uuid", "dcerpc.cn_ctx_id", "dcerpc.cn_flags", "dcerpc.auth_type", "dcerpc.auth_level",
            "dcerpc.cn_status", "ntlmssp.messagetype", "ntlmssp.auth.username", "ntlmssp.auth.domain",
            "ntlmssp.auth.hostname", "ntlmssp.ntlmserverchallenge");

    static void compare(Path f, int atLeast) throws Exception {
        SmbDifferentialTest.requireTshark();
        Map<Long, List<String>> theirs = WinTshark.tshark(f, "dcerpc", FIELDS);
        Map<Long, List<String>> ours = WinTshark.nta(f, List.of("dcerpc"), FIELDS);
        assertThat(theirs).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(WinTshark.differences(theirs, ours, 10)).isEmpty();
    }

    @Test
    void psexecRecordingAgreesWithTshark() throws Exception {
        compare(TestFiles.resources().resolve("captures").resolve("ad-roast-psexec.pcap.gz"), 18);
    }

    /** DRSUAPI sealed at packet privacy over TCP (two-fragment answers), the endpoint mapper, SAMR over SMB2, 256 Netlogon calls. */
    @Test
    void dcsyncZerologonRecordingAgreesWithTshark() throws Exception {
        compare(TestFiles.resources().resolve("captures").resolve("ad-dcsync-zerologon.pcap.gz"), 1000);
    }

    /** secretsdump's SAMR EnumDomainUsers answer: every account name it listed, in order, as tshark reads them. */
    @Test
    void samrEnumerationNamesAgreeWithTshark() throws Exception {
        SmbDifferentialTest.requireTshark();
        Path f = TestFiles.resources().resolve("captures").resolve("ad-dcsync-zerologon.pcap.gz");
        List<String> fields = List.of("samr.samr_SamEntry.name");
        Map<Long, List<String>> theirs = WinTshark.tshark(f, "samr.samr_SamEntry.name", fields);
        Map<Long, List<String>> ours = WinTshark.nta(f, List.of("samr.samr_SamEntry.name"), fields);
        assertThat(theirs).hasSize(1);
        assertThat(theirs.values().iterator().next().get(0)).contains("krbtgt", "svc_sql");
        assertThat(WinTshark.differences(theirs, ours, 10)).isEmpty();
    }

    /** Kerberos-sealed DRSUAPI replication between two DCs, DsReplicaSync, Netlogon over an SMB pipe and over TCP. */
    @Test
    void replicationRecordingAgreesWithTshark() throws Exception {
        compare(TestFiles.resources().resolve("captures").resolve("ad-replication-benign.pcap.gz"), 50);
    }

    /**
     * The only tcpdump corpus capture in which tshark finds DCE/RPC: one SMB1 TRANSACTION TransactNmPipe request (a
     * srvsvc-style opnum 16 on a pipe opened before the capture) inside WCCP-redirected GRE.
     */
    @Test
    void corpusSmb1TransactNmPipeAgreesWithTshark() throws Exception {
        compare(TestFiles.resources().resolve("corpus").resolve("tcpdump").resolve("wccp_redirect_gre.pcap.gz"), 1);
    }
}
