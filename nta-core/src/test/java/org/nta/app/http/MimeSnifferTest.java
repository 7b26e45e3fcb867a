package org.nta.app.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MimeSnifferTest {
    static String sniff(String s) {
        return MimeSniffer.sniff(Conv.bytes(s));
    }

    static String sniff(int... b) {
        byte[] x = new byte[b.length + 16];
        for (int i = 0; i < b.length; i++) x[i] = (byte) b[i];
        return MimeSniffer.sniff(x);
    }

    @Test
    void magicNumbers() {
        assertThat(sniff(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)).isEqualTo("image/png");
        assertThat(sniff(0xff, 0xd8, 0xff, 0xe0)).isEqualTo("image/jpeg");
        assertThat(sniff("GIF89a\u0001\u0000")).isEqualTo("image/gif");
        assertThat(sniff("%PDF-1.7\n")).isEqualTo("application/pdf");
        assertThat(sniff('P', 'K', 3, 4)).isEqualTo("application/zip");
        assertThat(sniff(0x1f, 0x8b, 8)).isEqualTo("application/gzip");
        assertThat(sniff(0x7f, 'E', 'L', 'F', 2, 1)).isEqualTo("application/x-executable");
        assertThat(sniff('M', 'Z', 0x90, 0)).isEqualTo("application/vnd.microsoft.portable-executable");
        assertThat(sniff(0xca, 0xfe, 0xba, 0xbe)).isEqualTo("application/java-vm");
        assertThat(sniff(0xd4, 0xc3, 0xb2, 0xa1)).isEqualTo("application/vnd.tcpdump.pcap");
    }

    @Test
    void scriptsAndMarkup() {
        assertThat(sniff(Samples.WEBSHELL)).isEqualTo("application/x-httpd-php");
        assertThat(sniff("\u00ef\u00bb\u00bf<?PHP echo 1; ?>")).isEqualTo("application/x-httpd-php");
        assertThat(sniff("  \n<?php eval($_POST['x']);")).isEqualTo("application/x-httpd-php");
        assertThat(sniff("GIF89a;<?php system($_GET['c']); ?>")).isEqualTo("application/x-httpd-php");
        assertThat(sniff("hello <?php echo 1 ?> world")).isEqualTo("application/x-httpd-php");
        assertThat(sniff("#!/bin/sh\nid\n")).isEqualTo("text/x-shellscript");
        assertThat(sniff(Samples.PAGE)).isEqualTo("text/html");
        assertThat(sniff(Samples.APACHE_404_BODY)).isEqualTo("text/html");
        assertThat(sniff("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")).isEqualTo("image/svg+xml");
        assertThat(sniff("<?xml version=\"1.0\"?><rss/>")).isEqualTo("application/xml");
        assertThat(sniff(" {\"user\": \"root\"}")).isEqualTo("application/json");
        assertThat(sniff("[1, 2]")).isEqualTo("application/json");
        assertThat(sniff("{not json")).isEqualTo("text/plain");
        assertThat(sniff("User-agent: *\nDisallow: /uploads/\n")).isEqualTo("text/plain");
        assertThat(sniff("uid=33(www-data) gid=33(www-data) groups=33(www-data)\n")).isEqualTo("text/plain");
    }

    @Test
    void binaryAndEmpty() {
        assertThat(MimeSniffer.sniff(new byte[0])).isEqualTo(MimeSniffer.EMPTY);
        byte[] junk = new byte[256];
        new java.util.Random(5).nextBytes(junk);
        junk[0] = 1;
        assertThat(MimeSniffer.sniff(junk)).isEqualTo(MimeSniffer.OCTET_STREAM);
        assertThat(sniff("text\u0000with nul")).isEqualTo(MimeSniffer.OCTET_STREAM);
        assertThat(MimeSniffer.sniff(Conv.bytes("%PDF-1.7"), 0, 3)).isEqualTo("text/plain");
    }
}
