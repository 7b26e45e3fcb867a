package org.nta.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class MacVendorsTest {
    static long mac(String s) {
        return Long.parseLong(s.replace(":", ""), 16);
    }

    @Test
    void vendorsOfTheIeeeRegistryShippedInTheJar() {
        MacVendors v = MacVendors.standard();
        assertThat(v.vendor(mac("08:00:27:5e:01:10"))).isEqualTo("PCS Systemtechnik GmbH");   // VirtualBox NICs
        assertThat(v.vendor(mac("00:50:56:c0:00:08"))).isEqualTo("VMware, Inc.");
        assertThat(v.vendor(mac("b8:27:eb:12:34:56"))).isEqualTo("Raspberry Pi Foundation");
        assertThat(v.vendor(mac("00:00:00:00:00:01"))).isEqualTo("XEROX CORPORATION");
    }

    @Test
    void theLongestAssignmentWins() {
        MacVendors v = MacVendors.standard();
        // 70:B3:D5 is the IEEE's own MA-L, cut into 36-bit MA-S blocks
        assertThat(v.vendor(mac("70:b3:d5:00:1a:bc"))).isEqualTo("SOREDI touch systems GmbH");
        // 00:55:DA is cut into 28-bit MA-M blocks
        assertThat(v.vendor(mac("00:55:da:1f:ff:ff"))).isEqualTo("KoolPOS Inc.");
    }

    @Test
    void locallyAdministeredAndGroupAddressesBelongToNobody() {
        MacVendors v = MacVendors.standard();
        assertThat(MacVendors.isLocal(mac("02:42:ac:11:00:02"))).isTrue();         // docker
        assertThat(v.vendor(mac("02:42:ac:11:00:02"))).isNull();
        assertThat(v.vendor(mac("da:a1:19:00:00:01"))).isNull();                   // a randomised phone address
        assertThat(v.vendor(mac("ff:ff:ff:ff:ff:ff"))).isNull();
        assertThat(v.vendor(mac("01:00:5e:00:00:fb"))).isNull();                   // IPv4 multicast
        assertThat(MacVendors.isLocal(mac("08:00:27:5e:01:10"))).isFalse();
    }

    @Test
    void badLinesInTheTableAreSkipped() throws Exception {
        String table = "080027\tPCS\nZZZZZZ\tnot hex\n0800\tshort\n\nAABBCCDDE\tMA-S\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(table.getBytes(StandardCharsets.UTF_8));
        }
        MacVendors v = MacVendors.read(new ByteArrayInputStream(gz.toByteArray()));
        assertThat(v.vendor(mac("08:00:27:00:00:01"))).isEqualTo("PCS");
        assertThat(v.vendor(mac("a8:bb:cc:dd:e0:00"))).isNull();
        assertThat(v.vendor(mac("a8:bb:cc:dd:ef:00"))).isNull();
    }

    /** Every block of the shipped registry gets the vendor a plain map of all its lines gives (longest match). */
    @Test
    void everyAssignmentInTheRegistryIsFoundAsAPlainMapFindsIt() throws Exception {
        java.util.Map<String, String> plain = new java.util.HashMap<>();
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                MacVendors.class.getResourceAsStream(MacVendors.RESOURCE)), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                plain.put(line.substring(0, tab), line.substring(tab + 1));
                lines.add(line);
            }
        }
        MacVendors v = MacVendors.standard();
        int checked = 0;
        for (String line : lines) {
            int tab = line.indexOf('\t');
            long mac = Long.parseLong(line.substring(0, tab), 16) << (48 - tab * 4);
            if (MacVendors.isLocal(mac) || MacVendors.isGroup(mac)) continue;
            String hex = String.format("%012X", mac), want = null;
            for (int digits : new int[]{9, 7, 6}) if (want == null) want = plain.get(hex.substring(0, digits));
            assertThat(v.vendor(mac)).as(line).isEqualTo(want);
            checked++;
        }
        assertThat(checked).isGreaterThan(40_000);
    }
}
