package org.nta.app.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.app.dcerpc.RpcBytes.W;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The NDR argument decoders on stubs built to [MS-TSCH], [MS-RRP], [MS-NRPC], and on random bytes (never thrown). */
class RpcArgsTest {
    static Map<String, String> req(String uuid, int opnum, byte[] stub, RpcArgs.Handles h) {
        Map<String, String> out = new LinkedHashMap<>();
        assertThat(RpcArgs.request(uuid, opnum, new NdrReader(stub, 0, stub.length, 8192), out, h)).isTrue();
        return out;
    }

    @Test
    void taskRegistrationSaysWhatItRuns() {
        String xml = "<?xml version=\"1.0\"?><Task><Actions><Exec><Command>cmd.exe</Command>"
                + "<Arguments>/C whoami &gt; %windir%\\Temp\\x.tmp 2&gt;&amp;1</Arguments></Exec></Actions></Task>";
        byte[] stub = new W().uniqueStr("\\qWeRtY").str(xml).u32(6).u32(0).u32(3).u32(0).u32(0).bytes();
        assertThat(req(DceRpcNames.TASKSCHD, 1, stub, new RpcArgs.Handles(4)))
                .containsEntry("path", "\\qWeRtY").containsEntry("command", "cmd.exe /C whoami > %windir%\\Temp\\x.tmp 2>&1");
    }

    @Test
    void atJobCommand() {
        byte[] stub = new W().uniqueStr("\\\\DC1").u32(0).u32(0).u8(0).u8(0x11).u32(0x20000).str("c:\\x.exe").bytes();
        assertThat(req(DceRpcNames.ATSVC, 0, stub, new RpcArgs.Handles(4))).containsEntry("command", "c:\\x.exe");
    }

    @Test
    void registryWriteNamesTheKeyFromTheHandlesOpened() {
        RpcArgs.Handles h = new RpcArgs.Handles(8);
        Map<String, String> none = new LinkedHashMap<>();
        byte[] hklm = new W().handle(1).u32(0).bytes();
        RpcArgs.response(DceRpcNames.WINREG, 2, new NdrReader(hklm, 0, hklm.length, 100), Map.of(), none, h);
        String run = "Software\\Microsoft\\Windows\\CurrentVersion\\Run";
        byte[] c = (run + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] open = new W().handle(1).u16(c.length).u16(c.length).u32(0x20000).u32(c.length / 2).u32(0).u32(c.length / 2)
                .raw(c).u32(0).u32(0x2001f).bytes();
        Map<String, String> o = req(DceRpcNames.WINREG, 15, open, h);
        assertThat(o).containsEntry("key", "HKLM\\" + run);
        byte[] key = new W().handle(2).u32(0).bytes();
        RpcArgs.response(DceRpcNames.WINREG, 15, new NdrReader(key, 0, key.length, 100), o, none, h);
        byte[] name = "evil\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] data = "c:\\evil.exe\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] set = new W().handle(2).u16(name.length).u16(name.length).u32(0x20000).u32(name.length / 2).u32(0)
                .u32(name.length / 2).raw(name).u32(1).u32(data.length).raw(data).u32(data.length).bytes();
        assertThat(req(DceRpcNames.WINREG, 22, set, h)).containsEntry("key", "HKLM\\" + run)
                .containsEntry("value_name", "evil").containsEntry("value", "c:\\evil.exe");
    }

    @Test
    void reqChallengeAndPasswordSet() {
        byte[] rc = new W().uniqueStr("\\\\DC1").str("DC1").raw(new byte[8]).bytes();
        assertThat(req(DceRpcNames.NETLOGON, 4, rc, new RpcArgs.Handles(4))).containsEntry("computer_name", "DC1")
                .containsEntry("client_challenge", "0000000000000000");
        byte[] ps = new W().uniqueStr("\\\\DC1").str("DC1$").u16(6).str("DC1").raw(new byte[8]).u32(0).raw(new byte[516]).bytes();
        assertThat(req(DceRpcNames.NETLOGON, 30, ps, new RpcArgs.Handles(4))).containsEntry("new_password_zero", "true");
    }

    /** EnumDomainUsers' answer: context, buffer pointer, EntriesRead, array pointer, max count, entries, strings, count. */
    static byte[] enumeration(long maxCount, String... names) {
        W w = new W().u32(0).u32(0x20000).u32(names.length).u32(0x20004).u32(maxCount);
        for (int i = 0; i < names.length; i++) w.u32(500 + i).u16(names[i].length() * 2).u16(names[i].length() * 2).u32(0x20008 + i);
        for (String n : names) {
            byte[] c = n.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
            w.u32(n.length()).u32(0).u32(n.length()).raw(c).align(4);
        }
        return w.u32(names.length).u32(0).bytes();
    }

    @Test
    void samrEnumerationsGiveTheNamesAndRidsTheyListed() {
        byte[] stub = enumeration(3, "Administrator", "krbtgt", "svc_sql");
        Map<String, String> out = new LinkedHashMap<>();
        assertThat(RpcArgs.response(DceRpcNames.SAMR, 13, new NdrReader(stub, 0, stub.length, 64), Map.of(), out, new RpcArgs.Handles(4))).isTrue();
        assertThat(out).containsEntry("names", "Administrator,krbtgt,svc_sql").containsEntry("rids", "500,501,502").containsEntry("count", "3");
        // a max count that disagrees with the entries read, or more entries than the bytes could hold: refused
        for (byte[] bad : new byte[][] {enumeration(4, "a", "b", "c"), java.util.Arrays.copyOf(stub, 40)}) {
            Map<String, String> none = new LinkedHashMap<>();
            assertThat(RpcArgs.response(DceRpcNames.SAMR, 13, new NdrReader(bad, 0, bad.length, 64), Map.of(), none, new RpcArgs.Handles(4))).isFalse();
            assertThat(none).doesNotContainKey("names");
        }
    }

    /** An RPC_SID pointee: conformance, revision 1, the count, authority 5, the sub-authorities. */
    static W sid(W w, long... subs) {
        w.u32(subs.length).u8(1).u8(subs.length).raw(new byte[] {0, 0, 0, 0, 0, 5});
        for (long x : subs) w.u32(x);
        return w;
    }

    /** An RPC_UNICODE_STRING's header (Length, MaximumLength, a referent id), or a null pointer. */
    static W ustr(W w, String s, int id) {
        return s == null ? w.u16(0).u16(0).u32(0) : w.u16(s.length() * 2).u16(s.length() * 2).u32(id);
    }

    /** LsarLookupSids2's answer: one referenced domain (LAB), then names with their Use, then MappedCount and the status. */
    static byte[] lookupSids2Answer(long entries, Object... useName) {
        W w = new W().u32(0x20000).u32(1).u32(0x20004).u32(32).u32(1);
        ustr(w, "LAB", 0x20008).u32(0x2000c);
        w.str("LAB");
        sid(w, 21, 1, 2, 3);
        int n = useName.length / 2;
        w.u32(entries).u32(0x20010).u32(n);
        for (int i = 0; i < n; i++) {
            w.u16((Integer) useName[2 * i]);
            ustr(w, (String) useName[2 * i + 1], 0x20014 + i).u32(0).u32(0);
        }
        for (int i = 0; i < n; i++) if (useName[2 * i + 1] != null) w.str((String) useName[2 * i + 1]);
        return w.u32(n).u32(0x107).bytes();
    }

    static Map<String, String> resp(String uuid, int opnum, byte[] stub) {
        Map<String, String> out = new LinkedHashMap<>();
        assertThat(RpcArgs.response(uuid, opnum, new NdrReader(stub, 0, stub.length, 64), Map.of(), out, new RpcArgs.Handles(4))).isTrue();
        return out;
    }

    @Test
    void lsaLookupSidsGivesTheDomainsAndTheNamesItResolved() {
        byte[] stub = lookupSids2Answer(3, 1, "alice", 8, "000001F3", 2, "Domain Users");
        assertThat(resp(DceRpcNames.LSARPC, 57, stub)).containsEntry("lsa_domains", "LAB")
                .containsEntry("lsa_domain_sids", "S-1-5-21-1-2-3").containsEntry("lsa_names", "alice\0" + "000001F3\0Domain Users")
                .containsEntry("resolved_names", "alice\0Domain Users").containsEntry("count", "3");
    }

    @Test
    void lsaLookupNamesRequestGivesTheNamesAsked() {
        W w = new W().handle(1).u32(2).u32(2);
        ustr(w, "administrator", 0x20000);
        ustr(w, "svc_sql", 0x20004);
        byte[] stub = w.str("administrator").align(4).str("svc_sql").align(4).u32(0).u32(0).u16(1).u32(0).bytes();
        for (int op : new int[] {14, 58, 68}) {
            assertThat(req(DceRpcNames.LSARPC, op, stub, new RpcArgs.Handles(4))).containsEntry("lsa_lookup_names", "administrator\0svc_sql");
        }
    }

    /** QueryDisplayInfo level 1: TotalAvailable, TotalReturned, level, EntriesRead, buffer, users, their strings. */
    static byte[] displayUsers(long maxCount, String[]... users) {
        W w = new W().u32(100).u32(100).u16(1).u32(users.length).u32(0x20000).u32(maxCount);
        int id = 0x20004;
        for (int i = 0; i < users.length; i++) {
            w.u32(i + 1).u32(1103 + i).u32(0x10);
            for (String x : users[i]) ustr(w, x, id++);
        }
        for (String[] u : users) for (String x : u) if (x != null) w.str(x).align(4);
        return w.u32(0).bytes();
    }

    @Test
    void displayInformationGivesNamesFullNamesAndDescriptions() {
        byte[] stub = displayUsers(2, new String[] {"alice", null, "Alice Meyer"}, new String[] {"svc_sql", "SQL service, prod", ""});
        assertThat(resp(DceRpcNames.SAMR, 40, stub)).containsEntry("disp_level", "1").containsEntry("disp_names", "alice\0svc_sql")
                .containsEntry("disp_full_names", "Alice Meyer").containsEntry("disp_descriptions", "SQL service, prod");
    }

    @Test
    void groupAndAliasMembers() {
        byte[] group = new W().u32(0x20000).u32(2).u32(0x20004).u32(0x20008).u32(2).u32(500).u32(1105).u32(2).u32(7).u32(7).u32(0).bytes();
        assertThat(resp(DceRpcNames.SAMR, 25, group)).containsEntry("member_rids", "500\0" + "1105");
        W alias = new W().u32(2).u32(0x20000).u32(2).u32(0x20004).u32(0x20008);
        sid(alias, 21, 1, 2, 3, 512);
        sid(alias, 21, 1, 2, 3, 500);
        assertThat(resp(DceRpcNames.SAMR, 33, alias.u32(0).bytes())).containsEntry("member_sids", "S-1-5-21-1-2-3-512\0S-1-5-21-1-2-3-500");
    }

    /** Every prefix of each stub, and counts that promise more than the stub holds: refused, never thrown. */
    @Test
    void truncatedAndOverCountedLookupsAreRefusedNotThrown() {
        byte[][] stubs = {lookupSids2Answer(2, 1, "alice", 1, "carol"), displayUsers(1, new String[] {"alice", "x", "Alice"}),
                new W().u32(0x20000).u32(1).u32(0x20004).u32(0).u32(1).u32(500).u32(0).bytes()};
        Object[][] calls = {{DceRpcNames.LSARPC, 57}, {DceRpcNames.SAMR, 48}, {DceRpcNames.SAMR, 25}};
        for (int k = 0; k < stubs.length; k++) {
            for (int len = 0; len < stubs[k].length - 8; len++) { // short of the last value (MappedCount and the status may go)
                byte[] cut = java.util.Arrays.copyOf(stubs[k], len);
                Map<String, String> out = new LinkedHashMap<>();
                RpcArgs.response((String) calls[k][0], (Integer) calls[k][1], new NdrReader(cut, 0, cut.length, 64), Map.of(), out, new RpcArgs.Handles(4));
                assertThat(out).doesNotContainKeys("lsa_names", "disp_names", "member_rids");
            }
        }
        // counts far beyond the bytes: the array's conformance says 100000 or 2^32-1 entries
        byte[] huge = lookupSids2Answer(2, 1, "alice", 1, "carol");
        for (long n : new long[] {100000, 0xffffffffL}) {
            byte[] b = huge.clone();
            int at = 4 * 5 + 8 + 4 + (4 + 4 + 4 + 8) + (4 + 24) + 8; // the names' conformance
            b[at] = (byte) n;
            b[at + 1] = (byte) (n >> 8);
            b[at + 2] = (byte) (n >> 16);
            b[at + 3] = (byte) (n >> 24);
            Map<String, String> out = new LinkedHashMap<>();
            assertThat(RpcArgs.response(DceRpcNames.LSARPC, 57, new NdrReader(b, 0, b.length, 64), Map.of(), out, new RpcArgs.Handles(4))).isFalse();
            assertThat(out).doesNotContainKey("lsa_names");
        }
        byte[] overDisplay = displayUsers(0x7fffffff, new String[] {"alice", "x", "Alice"});
        Map<String, String> out = new LinkedHashMap<>();
        assertThat(RpcArgs.response(DceRpcNames.SAMR, 51, new NdrReader(overDisplay, 0, overDisplay.length, 64), Map.of(), out, new RpcArgs.Handles(4))).isFalse();
        assertThat(out).doesNotContainKey("disp_names");
        // a SID claiming 200 sub-authorities
        byte[] badSid = new W().u32(1).u32(0x20000).u32(1).u32(0x20004).u32(200).u8(1).u8(200).raw(new byte[6]).u32(0).bytes();
        assertThat(RpcArgs.response(DceRpcNames.SAMR, 33, new NdrReader(badSid, 0, badSid.length, 64), Map.of(), new LinkedHashMap<>(), new RpcArgs.Handles(4))).isFalse();
    }

    @Test
    void randomStubsNeverThrow() {
        Random r = new Random(3);
        String[] ifaces = {DceRpcNames.SVCCTL, DceRpcNames.NETLOGON, DceRpcNames.ATSVC, DceRpcNames.TASKSCHD, DceRpcNames.WINREG,
                DceRpcNames.SAMR, DceRpcNames.LSARPC};
        RpcArgs.Handles h = new RpcArgs.Handles(16);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (b.length > 8 && r.nextBoolean()) b[r.nextInt(4)] = 0; // small counts now and then
            String u = ifaces[r.nextInt(ifaces.length)];
            int op = r.nextInt(80);
            RpcArgs.request(u, op, new NdrReader(b, 0, b.length, 64), new LinkedHashMap<>(), h);
            RpcArgs.response(u, op, new NdrReader(b, 0, b.length, 64), Map.of(), new LinkedHashMap<>(), h);
        }
    }
}
