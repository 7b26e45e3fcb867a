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

    static final Path RECON = TestFiles.resources().resolve("captures").resolve("ad-rpc-recon.pcap.gz");

    /** rpcclient's and impacket's SAMR and LSA calls over SMB2 pipes (NTLM, stubs in the clear), lookupsid's two batches. */
    @Test
    void rpcReconRecordingAgreesWithTshark() throws Exception {
        compare(RECON, 200);
    }

    /** One field of the recon recording on the frames {@code filter} selects, tshark against NTA, at least {@code atLeast} frames. */
    static Map<Long, List<String>> compareField(String field, String filter, int atLeast) throws Exception {
        SmbDifferentialTest.requireTshark();
        List<String> fields = List.of(field);
        Map<Long, List<String>> theirs = WinTshark.tshark(RECON, field + " && (" + filter + ")", fields);
        Map<Long, List<String>> ours = WinTshark.nta(RECON, List.of(field), fields);
        assertThat(theirs).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(WinTshark.differences(theirs, ours, 10)).isEmpty();
        return theirs;
    }

    /**
     * LSA lookups: the names rpcclient and impacket asked (LookupNames, 2, 3), the domains and names the DC answered
     * (LookupSids, 2 and lookupsid's RID cycling, whose unknown RIDs come back as hex), every lsa_String in order.
     */
    @Test
    void lsaLookupStringsAgreeWithTshark() throws Exception {
        Map<Long, List<String>> t = compareField("lsarpc.lsa.string", "lsarpc.opnum in {14,15,57,58,68,76,77}", 9);
        assertThat(String.valueOf(t.values())).contains("administrator,svc_sql", "carol,svc_backup", "LAB,alice,carol,Domain Users",
                "DnsUpdateProxy,alice,carol,svc_sql,svc_backup,00000453");
    }

    /** SIDs asked by LookupSids/2 requests, domain SIDs and LookupNames3's SIDs in answers, GetMembersInAlias's members. */
    @Test
    void domainSidsAgreeWithTshark() throws Exception {
        Map<Long, List<String>> t = compareField("dcerpc.nt.domain_sid", "lsarpc.opnum in {14,15,57,58,68,76,77} || samr.opnum == 33", 8);
        assertThat(String.valueOf(t.values())).contains("-519", "S-1-5-32-544");
    }

    /** QueryDisplayInfo, 2 and 3 at levels 1 (users), 2 (machines), 3 (groups) and 4 (OEM names). */
    @Test
    void displayInformationAgreesWithTshark() throws Exception {
        compareField("samr.samr_DispEntryGeneral.account_name", "samr", 2);
        assertThat(String.valueOf(compareField("samr.samr_DispEntryGeneral.full_name", "samr", 2).values()))
                .contains("=Alice Meyer,Carol Novak]"); // the empty full names are not values
        compareField("samr.samr_DispEntryGeneral.description", "samr", 2);
        assertThat(String.valueOf(compareField("samr.samr_DispEntryFull.account_name", "samr", 1).values())).contains("DC1$");
        compareField("samr.samr_DispEntryFull.description", "samr", 0); // DC1$ has none: no value on either side
        Map<Long, List<String>> groups = compareField("samr.samr_DispEntryFullGroup.account_name", "samr", 1);
        assertThat(String.valueOf(groups.values())).contains("Domain Admins");
        compareField("samr.samr_DispEntryFullGroup.description", "samr", 1);
        compareField("samr.samr_DispEntryAscii.account_name", "samr", 1);
    }

    /** SAMR LookupNames (names asked), LookupRids (names answered), GetMembersInGroup (member RIDs). */
    @Test
    void samrLookupsAndMembersAgreeWithTshark() throws Exception {
        assertThat(String.valueOf(compareField("samr.samr_LookupNames.names", "samr", 1).values())).contains("administrator,svc_sql,nosuchuser");
        Map<Long, List<String>> rids = compareField("samr.lsa_Strings.names", "samr", 1);
        assertThat(String.valueOf(rids.values())).contains("Administrator,Guest,krbtgt,Domain Admins");
        assertThat(String.valueOf(compareField("samr.rid", "samr.opnum == 25", 1).values())).contains("=500,1105]");
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
