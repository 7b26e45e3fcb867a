package org.nta.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FtpAddressesTest {
    @Test
    void portAndPasvNumbers() {
        assertThat(FtpAddresses.sixNumbers("10,77,0,1,186,125")).isEqualTo(new FtpAddresses.HostPort("10.77.0.1", 47741));
        assertThat(FtpAddresses.sixNumbers("Entering Passive Mode (192,168,150,90,195,149).")).isEqualTo(new FtpAddresses.HostPort("192.168.150.90", 50069));
        assertThat(FtpAddresses.sixNumbers("=127,0,0,1,4,1")).isEqualTo(new FtpAddresses.HostPort("127.0.0.1", 1025));
        assertThat(FtpAddresses.sixNumbers("1,2,3,4,5")).isNull();
        assertThat(FtpAddresses.sixNumbers("256,2,3,4,5,6")).isNull();
        assertThat(FtpAddresses.sixNumbers("1,2,3,4,0,0")).isNull();
        assertThat(FtpAddresses.sixNumbers("1234,2,3,4,5,6")).isNull();
        assertThat(FtpAddresses.sixNumbers("")).isNull();
    }

    @Test
    void eprtAndEpsv() {
        assertThat(FtpAddresses.eprt("|1|132.235.1.2|6275|")).isEqualTo(new FtpAddresses.HostPort("132.235.1.2", 6275));
        assertThat(FtpAddresses.eprt("|2|1080::8:800:200C:417A|5282|")).isEqualTo(new FtpAddresses.HostPort("1080::8:800:200c:417a", 5282));
        assertThat(FtpAddresses.eprt("!2!fd77:0:0:0:0:0:0:1!42121!")).isEqualTo(new FtpAddresses.HostPort("fd77::1", 42121));
        assertThat(FtpAddresses.eprt("|2|::ffff:10.0.0.1|80|")).isEqualTo(new FtpAddresses.HostPort("::ffff:10.0.0.1", 80));
        assertThat(FtpAddresses.eprt("|3|x|1|")).isNull();
        assertThat(FtpAddresses.eprt("|2|1::2::3|1|")).isNull();
        assertThat(FtpAddresses.eprt("|2|host.example|1|")).isNull();
        assertThat(FtpAddresses.eprt("|1|1.2.3.4|70000|")).isNull();
        assertThat(FtpAddresses.eprt("||")).isNull();
        assertThat(FtpAddresses.epsvPort("Entering Extended Passive Mode (|||6446|)")).isEqualTo(6446);
        assertThat(FtpAddresses.epsvPort("(!!!1!)")).isEqualTo(1);
        assertThat(FtpAddresses.epsvPort("(|||x|)")).isEqualTo(-1);
        assertThat(FtpAddresses.epsvPort("(||")).isEqualTo(-1);
    }
}
