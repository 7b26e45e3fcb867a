package org.nta.app.snmp;

import org.nta.app.asn1.Ber;
import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.asn1.Tlv;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one SNMP message ([RFC 1157], [RFC 3416]): version, community and the PDU's type, request-id,
 * error-status and variable-binding names. v3 messages are recognised (version 3) but their PDU is not read.
 */
public final class SnmpDecoder {
    private SnmpDecoder() {}

    /** What a datagram said. {@code varbindsDropped}: names past the limit, not kept. */
    public record Decoded(int version, String community, int pduType, long requestId, int errorStatus,
                          List<String> oids, int varbindsDropped) {
    }

    /** Whether {@code b[off, off+len)} starts like an SNMP message: a SEQUENCE holding INTEGER 0, 1 or 3. */
    public static boolean looksLikeSnmp(byte[] b, int off, int len) {
        if (len < 8 || b[off] != 0x30) return false;
        int p = off + 1;
        int lb = b[p] & 0xff;
        p += lb < 0x80 ? 1 : 1 + (lb & 0x7f);
        if (p + 3 > off + len) return false;
        return b[p] == 0x02 && b[p + 1] == 0x01 && (b[p + 2] == 0 || b[p + 2] == 1 || b[p + 2] == 3);
    }

    /** Whether {@code b[off, off+len)} decodes whole as an SNMP v1 or v2c message (for recognition off port 161/162). */
    public static boolean decodesAsV1OrV2c(byte[] b, int off, int len, SnmpConfig cfg) {
        if (!looksLikeSnmp(b, off, len)) return false;
        try {
            Decoded d = decode(b, off, len, cfg);
            return d.version() != 3 && d.pduType() >= 0 && d.pduType() <= 8;
        } catch (BerException e) {
            return false;
        }
    }

    public static Decoded decode(byte[] b, int off, int len, SnmpConfig cfg) throws BerException {
        BerReader msg = Ber.reader(b, off, len, cfg.maxDepth()).sequence();
        int version = msg.readInt();
        if (version == 3) return new Decoded(3, null, -1, 0, 0, List.of(), 0);
        if (version != 0 && version != 1) throw new BerException(BerException.Problem.BAD_VALUE, off);
        String community = msg.readOctets().asLatin1();
        Tlv pdu = msg.next();
        if (pdu.tagClass() != Ber.CONTEXT || !pdu.constructed()) throw new BerException(BerException.Problem.UNEXPECTED_TAG, pdu.start());
        int type = pdu.tag();
        BerReader p = pdu.children();
        long requestId = 0;
        int errorStatus = 0;
        if (type == 4) { // v1 Trap-PDU: enterprise, agent-addr, generic-trap, specific-trap, time-stamp
            p.expect(Ber.UNIVERSAL, Ber.OID);
            p.next();
            p.readInt();
            p.readInt();
            p.next();
        } else {
            requestId = p.readLong();
            errorStatus = p.readInt(); // non-repeaters for getBulkRequest
            p.readInt();
            if (type == 5) errorStatus = 0;
        }
        List<String> oids = new ArrayList<>();
        int dropped = 0;
        BerReader vbs = p.sequence();
        while (vbs.hasNext()) {
            BerReader vb = vbs.sequence();
            String oid = vb.expect(Ber.UNIVERSAL, Ber.OID).asOid();
            if (oids.size() < cfg.maxVarbinds()) oids.add(oid);
            else dropped++;
        }
        return new Decoded(version, community, type, requestId, errorStatus, oids, dropped);
    }
}
