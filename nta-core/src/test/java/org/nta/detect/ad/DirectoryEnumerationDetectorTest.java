package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.detect.ad.RpcAttackDetectorsTest.call;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;

/** Account and group enumeration over samr and lsarpc, on RpcCall events built as the DCE/RPC parser emits them. */
class DirectoryEnumerationDetectorTest {
    private static final AdConfig C = AdConfig.DEFAULTS;
    private static final RpcAttackConfig R = RpcAttackConfig.DEFAULTS;

    static List<Finding> run(Kdc k) {
        return k.run(new DirectoryEnumerationDetector(C, R));
    }

    @Test
    void listingTheDomainsUsersFromAWorkstationIsEnumeration() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        call(k, c, "samr", "Connect", 0, false, 40, Map.of());
        call(k, c, "samr", "LookupDomain", 0, false, 60, Map.of());
        call(k, c, "samr", "OpenDomain", 0, false, 40, Map.of());
        var list = call(k, c, "samr", "EnumDomainUsers", 0, false, 900, Map.of());
        List<Finding> fs = run(k);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.type()).isEqualTo(FindingType.USER_ENUMERATION);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.phase()).isEqualTo(Phase.ENUMERATION);
        assertThat(f.attacker()).isEqualTo("10.0.0.66");
        assertThat(f.victim()).isEqualTo(Kdc.KDC);
        assertThat(f.succeeded()).isTrue();
        assertThat(f.techniques()).containsExactly("T1087.002");
        assertThat(f.firstFrame()).isEqualTo(list.requestFrame());
        assertThat(f.lastFrame()).isEqualTo(list.frame());
        assertThat(f.evidence()).containsEntry("protocol", "samr").containsEntry("listing_calls", 1)
                .containsEntry("rid_cycling", false);
        assertThat(f.summary()).contains("listed the accounts of " + Kdc.KDC + " over samr").contains("EnumDomainUsers");
    }

    @Test
    void groupsAndMembersAddTheGroupTechnique() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        call(k, c, "samr", "EnumDomainGroups", 0, false, 300, Map.of());
        call(k, c, "samr", "QueryGroupMember", 0, false, 100, Map.of());
        call(k, c, "samr", "QueryGroupMember", 0xc0000022L, false, 40, Map.of());
        Finding f = run(k).get(0);
        assertThat(f.techniques()).containsExactly("T1087.002", "T1069.002");
        assertThat(f.summary()).contains("accounts and groups").contains("QueryGroupMember ×2");
        assertThat(f.evidence()).containsEntry("answered", 2).containsEntry("refused", 1);
    }

    @Test
    void ridCyclingIsManySidLookupsNotAFew() {
        Kdc few = new Kdc();
        ConnInfo c = few.conn("10.0.0.23", 445);
        call(few, c, "lsarpc", "lsa_OpenPolicy2", 0, false, 40, Map.of());
        for (int i = 0; i < R.ridCyclingMinLookups() - 1; i++) call(few, c, "lsarpc", "lsa_LookupSids2", 0, false, 80, Map.of());
        assertThat(run(few)).isEmpty();

        Kdc many = new Kdc();
        ConnInfo d = many.conn("10.0.0.66", 445);
        for (int i = 0; i < R.ridCyclingMinLookups(); i++) call(many, d, "lsarpc", "lsa_LookupSids2", 0, false, 80, Map.of());
        Finding f = run(many).get(0);
        assertThat(f.evidence()).containsEntry("rid_cycling", true).containsEntry("lookup_calls", R.ridCyclingMinLookups());
        assertThat(f.summary()).contains("RID cycling");
    }

    /** rpcclient-style recon: the finding names what the answers listed, resolved and were asked, and the members. */
    @Test
    void theFindingNamesTheAccountsLearned() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.66", 445);
        String sep = String.valueOf(org.nta.event.RpcCall.SEP);
        call(k, c, "samr", "QueryDisplayInfo", 0, false, 900, Map.of("disp_level", "1", "disp_names", String.join(sep, "alice", "svc_sql"),
                "disp_full_names", "Alice Meyer"));
        call(k, c, "lsarpc", "lsa_LookupNames", 0, false, 100, Map.of("lsa_lookup_names", String.join(sep, "administrator", "svc_sql")));
        call(k, c, "lsarpc", "lsa_LookupSids", 0x107, false, 300, Map.of("lsa_names", String.join(sep, "krbtgt", "000001F3", "Domain Admins"),
                "resolved_names", String.join(sep, "krbtgt", "Domain Admins")));
        call(k, c, "samr", "LookupRids", 0, false, 200, Map.of("samr_rid_names", String.join(sep, "Administrator", "Guest")));
        call(k, c, "samr", "QueryGroupMember", 0, false, 60, Map.of("member_rids", String.join(sep, "500", "1105")));
        call(k, c, "samr", "GetMembersInAlias", 0, false, 90, Map.of("member_sids", "S-1-5-21-1-2-3-512"));
        Finding f = run(k).get(0);
        assertThat(f.evidence()).containsEntry("names_listed", 2).containsEntry("listed", List.of("alice", "svc_sql"))
                .containsEntry("names_resolved", 4).containsEntry("resolved", List.of("krbtgt", "Domain Admins", "Administrator", "Guest"))
                .containsEntry("names_asked", List.of("administrator", "svc_sql"))
                .containsEntry("members", List.of("500", "1105", "S-1-5-21-1-2-3-512"));
        // the name lookup is kept for its names, not counted as a listing or a lookup
        assertThat(f.evidence()).containsEntry("listing_calls", 3).containsEntry("lookup_calls", 2);
        assertThat(f.summary()).contains("2 names (alice, svc_sql)").contains("4 names resolved (krbtgt, Domain Admins, Administrator, Guest)");
    }

    @Test
    void joiningADomainOrLookingUpOnesOwnIsNoEnumeration() {
        Kdc k = new Kdc();
        ConnInfo c = k.conn("10.0.0.30", 445);
        for (String op : List.of("lsa_OpenPolicy", "lsa_QueryInfoPolicy2", "lsa_LookupNames4", "lsa_Close")) {
            call(k, c, "lsarpc", op, 0, false, 60, Map.of());
        }
        for (String op : List.of("Connect5", "LookupDomain", "OpenDomain", "CreateUser2", "SetUserInfo2", "Close")) {
            call(k, c, "samr", op, 0, false, 60, Map.of());
        }
        call(k, c, "samr", null, 0, false, 60, Map.of()); // an opnum beyond the interface's: no name
        assertThat(run(k)).isEmpty();
    }

    @Test
    void domainControllersAskingEachOtherAreNotJudged() {
        Kdc k = new Kdc();
        k.kinit("10.0.0.23", "carol");
        ConnInfo kdc2 = new ConnInfo("tcp", 99, 4, "10.0.0.23", 50000, "10.0.0.11", 88);
        k.tgsRep(kdc2, "carol", "cifs/dc2", 18); // 10.0.0.11 answers Kerberos: a domain controller
        ConnInfo c = new ConnInfo("tcp", 100, 4, "10.0.0.11", 50001, Kdc.KDC, 445);
        call(k, c, "samr", "EnumDomainUsers", 0, false, 900, Map.of());
        assertThat(run(k)).isEmpty();
    }
}
