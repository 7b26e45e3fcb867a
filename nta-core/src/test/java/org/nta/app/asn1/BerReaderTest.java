package org.nta.app.asn1;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class BerReaderTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static BerException.Problem problemOf(ThrowingRead r) {
        try {
            r.run();
        } catch (BerException e) {
            return e.problem();
        }
        return fail("no error");
    }

    interface ThrowingRead {
        void run() throws BerException;
    }

    /** An SNMP v2c GetRequest for sysDescr.0 with community "public". */
    static final byte[] SNMP_GET = hex("30 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 2a 02 01 00 02 01 00"
            + " 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00");

    @Test
    void readsANestedSnmpMessage() throws BerException {
        BerReader top = Ber.reader(SNMP_GET);
        BerReader msg = top.sequence();
        assertThat(top.hasNext()).isFalse();
        assertThat(msg.readInt()).isEqualTo(1);
        assertThat(msg.readOctets().asLatin1()).isEqualTo("public");
        Tlv pdu = msg.next();
        assertThat(pdu.tagClass()).isEqualTo(Ber.CONTEXT);
        assertThat(pdu.constructed()).isTrue();
        assertThat(pdu.tag()).isZero();
        BerReader p = pdu.children();
        assertThat(p.depth()).isEqualTo(2);
        assertThat(p.readLong()).isEqualTo(42);
        assertThat(p.readInt()).isZero();
        assertThat(p.readInt()).isZero();
        BerReader vbs = p.sequence();
        BerReader vb = vbs.sequence();
        assertThat(vb.expect(Ber.UNIVERSAL, Ber.OID).asOid()).isEqualTo("1.3.6.1.2.1.1.1.0");
        assertThat(vb.next().is(Ber.UNIVERSAL, Ber.NULL)).isTrue();
        assertThat(vb.hasNext()).isFalse();
        assertThat(vbs.hasNext()).isFalse();
    }

    @Test
    void valuesAreViewsIntoTheBuffer() throws BerException {
        BerReader msg = Ber.reader(SNMP_GET).sequence();
        msg.next();
        Tlv c = msg.next();
        assertThat(c.buf()).isSameAs(SNMP_GET);
        assertThat(c.valueOffset()).isEqualTo(7);
        assertThat(c.length()).isEqualTo(6);
        assertThat(c.hex()).isEqualTo("7075626c6963");
    }

    @Test
    void integersAreTwosComplement() throws BerException {
        assertThat(Ber.reader(hex("02 01 ff")).next().asLong()).isEqualTo(-1);
        assertThat(Ber.reader(hex("02 02 00 ff")).next().asLong()).isEqualTo(255);
        assertThat(Ber.reader(hex("02 04 7f ff ff ff")).next().asInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Ber.reader(hex("02 09 00 ff ff ff ff ff ff ff ff")).next().asUnsignedLong()).isEqualTo(-1L);
        assertThat(problemOf(() -> Ber.reader(hex("02 05 7f ff ff ff ff")).next().asInt())).isEqualTo(BerException.Problem.BAD_VALUE);
        assertThat(problemOf(() -> Ber.reader(hex("02 00")).next().asLong())).isEqualTo(BerException.Problem.BAD_VALUE);
        assertThat(problemOf(() -> Ber.reader(hex("02 09 01 00 00 00 00 00 00 00 00")).next().asLong()))
                .isEqualTo(BerException.Problem.BAD_VALUE);
        assertThat(Ber.reader(hex("0a 01 31")).expect(Ber.UNIVERSAL, Ber.ENUMERATED).asInt()).isEqualTo(49);
    }

    @Test
    void booleansAndStrings() throws BerException {
        assertThat(Ber.reader(hex("01 01 ff")).next().asBoolean()).isTrue();
        assertThat(Ber.reader(hex("01 01 00")).next().asBoolean()).isFalse();
        assertThat(problemOf(() -> Ber.reader(hex("01 00")).next().asBoolean())).isEqualTo(BerException.Problem.BAD_VALUE);
        assertThat(Ber.reader(hex("0c 03 c3 a9 21")).next().asUtf8()).isEqualTo("é!");
        assertThat(Ber.reader(hex("1b 04 43 4f 52 50")).next().asLatin1()).isEqualTo("CORP");
    }

    @Test
    void oids() throws BerException {
        assertThat(Ber.reader(hex("06 06 2b 06 01 05 05 02")).next().asOid()).isEqualTo("1.3.6.1.5.5.2");
        assertThat(Ber.reader(hex("06 0a 2b 06 01 04 01 82 37 02 02 0a")).next().asOid()).isEqualTo("1.3.6.1.4.1.311.2.2.10");
        assertThat(Ber.reader(hex("06 09 2a 86 48 86 f7 12 01 02 02")).next().asOid()).isEqualTo("1.2.840.113554.1.2.2");
        assertThat(Ber.reader(hex("06 03 88 37 03")).next().asOid()).isEqualTo("2.999.3");
        assertThat(problemOf(() -> Ber.reader(hex("06 02 2b 86")).next().asOid())).isEqualTo(BerException.Problem.BAD_VALUE);
        assertThat(problemOf(() -> Ber.reader(hex("06 00")).next().asOid())).isEqualTo(BerException.Problem.BAD_VALUE);
        assertThat(problemOf(() -> Ber.reader(hex("06 0b 2b ff ff ff ff ff ff ff ff ff 01")).next().asOid()))
                .isEqualTo(BerException.Problem.BAD_VALUE);
    }

    @Test
    void longFormLengthsAndHighTagNumbers() throws BerException {
        byte[] b = new byte[4 + 300];
        b[0] = 0x04;
        b[1] = (byte) 0x82;
        b[2] = 0x01;
        b[3] = 0x2c;
        Tlv t = Ber.reader(b).next();
        assertThat(t.length()).isEqualTo(300);
        assertThat(t.valueOffset()).isEqualTo(4);
        assertThat(BerReader.frameLength(b, 0, 4)).isEqualTo(304);
        assertThat(BerReader.frameLength(b, 0, 3)).isEqualTo(-1);
        Tlv high = Ber.reader(hex("7f 81 00 00")).next(); // [APPLICATION 128]
        assertThat(high.tagClass()).isEqualTo(Ber.APPLICATION);
        assertThat(high.constructed()).isTrue();
        assertThat(high.tag()).isEqualTo(128);
        assertThat(Ber.reader(hex("9f 1f 01 05")).next().tag()).isEqualTo(31);
        assertThat(problemOf(() -> Ber.reader(hex("1f ff ff ff ff 01 00")).next())).isEqualTo(BerException.Problem.TAG_TOO_LARGE);
    }

    @Test
    void everyLengthIsCheckedAgainstItsParent() {
        // the inner OCTET STRING says 5 octets but its SEQUENCE holds only 4 after its header
        byte[] b = hex("30 06 04 05 61 62 63 64 ff ff");
        assertThat(problemOf(() -> Ber.reader(b).sequence().next())).isEqualTo(BerException.Problem.BAD_LENGTH);
        // outer length past the end of the input
        assertThat(problemOf(() -> Ber.reader(hex("30 10 02 01 01")).next())).isEqualTo(BerException.Problem.TRUNCATED);
        // long-form lengths: 5 octets, 0x7f octets, 2^31
        assertThat(problemOf(() -> Ber.reader(hex("04 85 00 00 00 00 01 00")).next())).isEqualTo(BerException.Problem.BAD_LENGTH);
        assertThat(problemOf(() -> Ber.reader(hex("04 ff 00")).next())).isEqualTo(BerException.Problem.BAD_LENGTH);
        assertThat(problemOf(() -> Ber.reader(hex("04 84 80 00 00 00 00")).next())).isEqualTo(BerException.Problem.BAD_LENGTH);
        assertThat(problemOf(() -> Ber.reader(hex("04 84 ff ff ff ff 00")).next())).isEqualTo(BerException.Problem.BAD_LENGTH);
        assertThat(problemOf(() -> BerReader.frameLength(hex("04 85 00 00 00 00 01"), 0, 7))).isEqualTo(BerException.Problem.BAD_LENGTH);
        // indefinite length is refused
        assertThat(problemOf(() -> Ber.reader(hex("30 80 02 01 01 00 00")).next())).isEqualTo(BerException.Problem.INDEFINITE_LENGTH);
        // truncated inside the header
        assertThat(problemOf(() -> Ber.reader(hex("30")).next())).isEqualTo(BerException.Problem.TRUNCATED);
        assertThat(problemOf(() -> Ber.reader(hex("04 82 01")).next())).isEqualTo(BerException.Problem.TRUNCATED);
        assertThat(problemOf(() -> Ber.reader(hex("")).next())).isEqualTo(BerException.Problem.TRUNCATED);
        // a sub-range reader never sees the bytes after its range
        assertThat(problemOf(() -> Ber.reader(hex("04 03 61 62 63"), 0, 4).next())).isEqualTo(BerException.Problem.BAD_LENGTH);
    }

    @Test
    void wrongTagsAreReportedNotSkipped() {
        assertThat(problemOf(() -> Ber.reader(hex("04 01 00")).readInt())).isEqualTo(BerException.Problem.UNEXPECTED_TAG);
        assertThat(problemOf(() -> Ber.reader(hex("04 01 00")).next().children())).isEqualTo(BerException.Problem.UNEXPECTED_TAG);
    }

    @Test
    void optionalAndContextFields() throws BerException {
        // SEQUENCE { [0] INTEGER 5, [2] OCTET STRING "x" }
        BerReader r = Ber.reader(hex("30 0a a0 03 02 01 05 a2 03 04 01 78")).sequence();
        assertThat(r.optionalContext(1)).isNull();
        assertThat(r.optionalContext(0).explicit().asInt()).isEqualTo(5);
        assertThat(r.optionalContext(1)).isNull();
        assertThat(r.findContext(2).explicit().asLatin1()).isEqualTo("x");
        assertThat(r.hasNext()).isFalse();
        assertThat(r.optionalContext(3)).isNull();
    }

    @Test
    void deepNestingStopsAtTheLimit() throws BerException {
        byte[] b = nested(200);
        BerReader r = Ber.reader(b);
        int depth = 0;
        try {
            while (true) {
                r = r.next().children();
                depth++;
            }
        } catch (BerException e) {
            assertThat(e.problem()).isEqualTo(BerException.Problem.TOO_DEEP);
        }
        assertThat(depth).isEqualTo(Ber.DEFAULT_MAX_DEPTH);
        BerReader shallow = Ber.reader(b, 0, b.length, 3);
        assertThat(problemOf(() -> shallow.next().children().next().children().next().children().next().children()))
                .isEqualTo(BerException.Problem.TOO_DEEP);
    }

    /** {@code n} nested SEQUENCEs around an empty one, lengths in long form where needed. */
    static byte[] nested(int n) {
        byte[] inner = hex("30 00");
        for (int i = 0; i < n; i++) {
            int len = inner.length;
            byte[] out;
            if (len < 128) {
                out = new byte[len + 2];
                out[1] = (byte) len;
                System.arraycopy(inner, 0, out, 2, len);
            } else {
                out = new byte[len + 4];
                out[1] = (byte) 0x82;
                out[2] = (byte) (len >> 8);
                out[3] = (byte) len;
                System.arraycopy(inner, 0, out, 4, len);
            }
            out[0] = 0x30;
            inner = out;
        }
        return inner;
    }

    @Test
    void randomBytesNeverThrowAnythingButBerException() {
        java.util.Random rnd = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(40)];
            rnd.nextBytes(b);
            if (b.length > 0 && rnd.nextBoolean()) b[0] = 0x30;
            try {
                walk(Ber.reader(b));
            } catch (BerException expected) {
                // counted by callers
            }
        }
        byte[] msg = SNMP_GET.clone();
        for (int i = 0; i < msg.length; i++) {
            for (int v : new int[]{0, 0x7f, 0x80, 0x81, 0x84, 0xff}) {
                byte[] m = msg.clone();
                m[i] = (byte) v;
                try {
                    walk(Ber.reader(m));
                } catch (BerException expected) {
                    // counted by callers
                }
            }
        }
    }

    static void walk(BerReader r) throws BerException {
        while (r.hasNext()) {
            Tlv t = r.next();
            if (t.constructed()) walk(t.children());
            else if (t.is(Ber.UNIVERSAL, Ber.OID)) t.asOid();
            else if (t.is(Ber.UNIVERSAL, Ber.INTEGER)) t.asLong();
            else t.asUtf8();
        }
    }
}
