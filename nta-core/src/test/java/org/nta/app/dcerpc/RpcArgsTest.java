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

    @Test
    void randomStubsNeverThrow() {
        Random r = new Random(3);
        String[] ifaces = {DceRpcNames.SVCCTL, DceRpcNames.NETLOGON, DceRpcNames.ATSVC, DceRpcNames.TASKSCHD, DceRpcNames.WINREG,
                DceRpcNames.SAMR};
        RpcArgs.Handles h = new RpcArgs.Handles(16);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (b.length > 8 && r.nextBoolean()) b[r.nextInt(4)] = 0; // small counts now and then
            String u = ifaces[r.nextInt(ifaces.length)];
            int op = r.nextInt(40);
            RpcArgs.request(u, op, new NdrReader(b, 0, b.length, 64), new LinkedHashMap<>(), h);
            RpcArgs.response(u, op, new NdrReader(b, 0, b.length, 64), Map.of(), new LinkedHashMap<>(), h);
        }
    }
}
