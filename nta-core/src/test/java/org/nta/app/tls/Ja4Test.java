package org.nta.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** JA4 against the examples of FoxIO's technical_details/JA4.md and the reference implementation's tests. */
class Ja4Test {
    // the specification's example ClientHello
    static final List<Integer> CIPHERS = List.of(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
            0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035);
    static final List<Integer> EXTENSIONS = List.of(0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d,
            0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015);
    static final List<Integer> SIG_ALGS = List.of(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601);
    static final byte[] H2 = {'h', '2'};

    @Test
    void specificationExample() {
        assertThat(Ja4.fingerprint('t', 0x0303, List.of(0x0304, 0x0303), CIPHERS, EXTENSIONS, H2, SIG_ALGS))
                .isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
    }

    @Test
    void withoutSignatureAlgorithmsTheStringEndsWithoutUnderscore() {
        assertThat(Ja4.fingerprint('t', 0x0303, List.of(0x0304), CIPHERS, EXTENSIONS, H2, List.of()))
                .endsWith("_6d807ffa2a79");
    }

    @Test
    void greaseIsIgnoredEverywhere() {
        List<Integer> c = new ArrayList<>(CIPHERS), e = new ArrayList<>(EXTENSIONS), s = new ArrayList<>(SIG_ALGS);
        c.add(0, 0x0a0a);
        e.add(0, 0x2a2a);
        e.add(0xfafa);
        s.add(3, 0x5a5a);
        assertThat(Ja4.fingerprint('t', 0x0303, List.of(0x7a7a, 0x0304, 0x0303), c, e, H2, s))
                .isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
    }

    @Test
    void chromeWithPostQuantumSignatureAlgorithms() {
        // FoxIO ja4 python/test/testdata/sigalg-grease.pcapng.json, from its JA4_ro raw fingerprint
        List<Integer> ext = List.of(0xfe0d, 0x0010, 0x0017, 0x0033, 0x44cd, 0xff01, 0x000a, 0x000d, 0x0023, 0x002b,
                0x000b, 0xca34, 0x002d, 0x0000, 0x0005, 0x001b, 0x0012);
        List<Integer> sig = List.of(0x0904, 0x0905, 0x0906, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806,
                0x0601);
        assertThat(Ja4.fingerprint('t', 0x0303, List.of(0x0304, 0x0303), CIPHERS, ext, H2, sig))
                .isEqualTo("t13d1517h2_8daaf6152771_cb7bf5808d99");
    }

    @Test
    void versionComesFromSupportedVersionsElseTheHello() {
        assertThat(Ja4.fingerprint('t', 0x0303, List.of(), CIPHERS, EXTENSIONS, H2, SIG_ALGS)).startsWith("t12d");
        assertThat(Ja4.fingerprint('t', 0x0301, List.of(), CIPHERS, EXTENSIONS, H2, SIG_ALGS)).startsWith("t10d");
        assertThat(Ja4.versionCode(0x0300)).isEqualTo("s3");
        assertThat(Ja4.versionCode(0x0002)).isEqualTo("s2");
        assertThat(Ja4.versionCode(0xfefd)).isEqualTo("d2");
        assertThat(Ja4.versionCode(0x7f17)).isEqualTo("00");
    }

    @Test
    void noSniIsIAndCountsCapAt99() {
        List<Integer> many = new ArrayList<>();
        for (int i = 1; i <= 120; i++) many.add(i);
        String fp = Ja4.fingerprint('t', 0x0303, List.of(), many, List.of(0x000d), null, List.of());
        assertThat(fp).startsWith("t12i990100_");
    }

    @Test
    void emptyListsHashToZeros() {
        assertThat(Ja4.fingerprint('t', 0x0303, List.of(), List.of(), List.of(0x0000, 0x0010), H2, SIG_ALGS))
                .isEqualTo("t12d0002h2_000000000000_000000000000");
    }

    @Test
    void alpnCharactersFollowTheSpecificationExamples() {
        assertThat(Ja4.alpnCode("http/1.1".getBytes())).isEqualTo("h1");
        assertThat(Ja4.alpnCode("h".getBytes())).isEqualTo("hh");
        assertThat(Ja4.alpnCode(null)).isEqualTo("00");
        assertThat(Ja4.alpnCode(new byte[0])).isEqualTo("00");
        assertThat(Ja4.alpnCode(new byte[] {(byte) 0xab})).isEqualTo("ab");
        assertThat(Ja4.alpnCode(new byte[] {(byte) 0xab, (byte) 0xcd})).isEqualTo("ad");
        assertThat(Ja4.alpnCode(new byte[] {0x30, (byte) 0xab})).isEqualTo("3b");
        assertThat(Ja4.alpnCode(new byte[] {0x30, 0x31, (byte) 0xab, (byte) 0xcd})).isEqualTo("3d");
        assertThat(Ja4.alpnCode(new byte[] {0x30, (byte) 0xab, (byte) 0xcd, 0x31})).isEqualTo("01");
    }
}
