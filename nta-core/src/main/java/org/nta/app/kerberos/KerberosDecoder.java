package org.nta.app.kerberos;

import java.util.ArrayList;
import java.util.List;

import org.nta.app.asn1.Ber;
import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.asn1.Tlv;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.KerberosMessage;

/**
 * Decodes one Kerberos message (RFC 4120 5.4–5.9: KDC-REQ, KDC-REP, AP-REQ, AP-REP, KRB-ERROR) with the shared BER
 * reader, every length checked against its parent and nesting bounded. Nested messages are followed as Wireshark
 * follows them: the AP-REQ in a PA-TGS-REQ or a FAST armor, the padata a KRB-ERROR's e-data lists, the tickets of
 * a reply or of additional-tickets. A message that does not decode is counted ({@code kerberos.malformed}).
 */
public final class KerberosDecoder {
    private static final int PA_TGS_REQ = 1, PA_ENC_TIMESTAMP = 2, PA_ETYPE_INFO = 11, PA_ETYPE_INFO2 = 19, PA_FX_FAST = 136;

    private final KerberosConfig config;
    private final AnomalyCounter anomalies;

    public KerberosDecoder(KerberosConfig config, AnomalyCounter anomalies) {
        this.config = config;
        this.anomalies = anomalies;
    }

    /** Whether these bytes open a Kerberos message: an APPLICATION tag of a message type, constructed. */
    public static boolean looksLikeKerberos(byte[] b, int off, int len) {
        if (len < 8) return false;
        int t = b[off] & 0xff;
        return t == 0x6a || t == 0x6b || t == 0x6c || t == 0x6d || t == 0x7e;
    }

    /** What the walk collects. */
    private static final class Acc {
        final List<Integer> msgTypes = new ArrayList<>(), etypes = new ArrayList<>(), requested = new ArrayList<>(),
                padata = new ArrayList<>();
        final List<String> cname = new ArrayList<>(), realms = new ArrayList<>(), snames = new ArrayList<>();
        String crealm, spn;
        int error = -1, preauthEtype = -1, ticketEtype = -1, encEtype = -1;
        byte[] preauth, ticketCipher, encCipher;
    }

    private record Enc(int etype, byte[] cipher) {
    }

    /** The message in b[off, off + len), or null (counted) when it does not decode. */
    public KerberosMessage decode(byte[] b, int off, int len, ConnInfo conn, long frame, long timeNs) {
        Acc a = new Acc();
        int type;
        try {
            Tlv app = Ber.reader(b, off, len, config.maxDepth()).next();
            type = app.tagClass() == Ber.APPLICATION ? app.tag() : -1;
            switch (type) {
                case 10, 12 -> kdcReq(app, a);
                case 11, 13 -> kdcRep(app, a, true);
                case 14 -> apReq(app, a);
                case 15 -> apRep(app, a);
                case 30 -> krbError(app, a);
                default -> throw new BerException(BerException.Problem.UNEXPECTED_TAG, off);
            }
        } catch (BerException | RuntimeException e) {
            anomalies.add(Anomaly.KERBEROS_MALFORMED, frame);
            return null;
        }
        String user = a.cname.isEmpty() ? "" : String.join("/", a.cname);
        KerberosHashes.Line line = null;
        if (type == 10 && a.preauth != null && !a.realms.isEmpty()) {
            line = KerberosHashes.preauth(a.preauthEtype, user, a.realms.get(a.realms.size() - 1), a.preauth);
        } else if (type == 11 && a.encCipher != null && a.crealm != null) {
            line = KerberosHashes.asrep(a.encEtype, user, a.crealm, a.encCipher);
        } else if (type == 13 && a.ticketCipher != null && a.spn != null && !a.realms.isEmpty()) {
            line = KerberosHashes.tgs(a.ticketEtype, a.spn, a.realms.get(a.realms.size() - 1), a.ticketCipher);
        }
        return new KerberosMessage(frame, timeNs, conn, type, a.msgTypes, a.cname, a.crealm, a.realms, a.snames, a.spn,
                a.etypes, a.requested, a.padata, a.error, a.preauthEtype, a.ticketEtype, a.encEtype,
                line == null ? null : line.text(), line == null ? 0 : line.mode());
    }

    private void kdcReq(Tlv app, Acc a) throws BerException {
        BerReader seq = app.children().sequence();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(2)) a.msgTypes.add(f.explicit().asInt());
            else if (f.isContext(3)) padataList(f.children().sequence(), a, true);
            else if (f.isContext(4)) reqBody(f.children().sequence(), a);
        }
    }

    private void reqBody(BerReader body, Acc a) throws BerException {
        while (body.hasNext()) {
            Tlv f = body.next();
            switch (f.tag() + (f.tagClass() == Ber.CONTEXT ? 0 : 1000)) {
                case 1 -> principal(f, a.cname);
                case 2 -> a.realms.add(realm(f));
                case 3 -> {
                    List<String> s = new ArrayList<>();
                    principal(f, s);
                    a.snames.addAll(s);
                    a.spn = String.join("/", s);
                }
                case 8 -> {
                    BerReader list = f.children().sequence();
                    while (list.hasNext()) a.requested.add(list.readInt());
                }
                case 10 -> encData(f, a);
                case 11 -> {
                    BerReader tickets = f.children().sequence();
                    while (tickets.hasNext()) ticket(tickets.next(), a);
                }
                default -> {
                }
            }
        }
    }

    private void kdcRep(Tlv app, Acc a, boolean top) throws BerException {
        BerReader seq = app.children().sequence();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            switch (f.tag() + (f.tagClass() == Ber.CONTEXT ? 0 : 1000)) {
                case 1 -> a.msgTypes.add(f.explicit().asInt());
                case 2 -> padataList(f.children().sequence(), a, false);
                case 3 -> a.crealm = realm(f);
                case 4 -> principal(f, a.cname);
                case 5 -> {
                    Enc e = ticket(f.explicit(), a);
                    if (top && e != null) {
                        a.ticketEtype = e.etype();
                        a.ticketCipher = e.cipher();
                    }
                }
                case 6 -> {
                    Enc e = encData(f, a);
                    if (top) {
                        a.encEtype = e.etype();
                        a.encCipher = e.cipher();
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0], realm [1], sname [2], enc-part [3] }; returns its enc-part. */
    private Enc ticket(Tlv t, Acc a) throws BerException {
        if (!t.isApplication(1)) throw new BerException(BerException.Problem.UNEXPECTED_TAG, t.start());
        BerReader seq = t.children().sequence();
        Enc enc = null;
        List<String> sname = new ArrayList<>();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(1)) a.realms.add(realm(f));
            else if (f.isContext(2)) {
                principal(f, sname);
                a.snames.addAll(sname);
            } else if (f.isContext(3)) enc = encData(f, a);
        }
        if (a.spn == null && !sname.isEmpty()) a.spn = String.join("/", sname);
        return enc;
    }

    private void apReq(Tlv app, Acc a) throws BerException {
        BerReader seq = app.children().sequence();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(1)) a.msgTypes.add(f.explicit().asInt());
            else if (f.isContext(3)) ticket(f.explicit(), a);
            else if (f.isContext(4)) encData(f, a);
        }
    }

    private void apRep(Tlv app, Acc a) throws BerException {
        BerReader seq = app.children().sequence();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(1)) a.msgTypes.add(f.explicit().asInt());
            else if (f.isContext(2)) encData(f, a);
        }
    }

    private void krbError(Tlv app, Acc a) throws BerException {
        BerReader seq = app.children().sequence();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            switch (f.tag() + (f.tagClass() == Ber.CONTEXT ? 0 : 1000)) {
                case 1 -> a.msgTypes.add(f.explicit().asInt());
                case 6 -> a.error = f.explicit().asInt();
                case 7 -> a.crealm = realm(f);
                case 8 -> principal(f, a.cname);
                case 9 -> a.realms.add(realm(f));
                case 10 -> {
                    List<String> s = new ArrayList<>();
                    principal(f, s);
                    a.snames.addAll(s);
                    a.spn = String.join("/", s);
                }
                case 12 -> {
                    // e-data is METHOD-DATA (SEQUENCE OF PA-DATA) after PREAUTH_REQUIRED, PREAUTH_FAILED and
                    // ETYPE_NOSUPP, where Wireshark reads it; other errors' e-data is left alone, as there
                    if (a.error != 24 && a.error != 25 && a.error != 14) continue;
                    Tlv d = f.explicit();
                    try {
                        padataList(Ber.reader(d.buf(), d.valueOffset(), d.length(), config.maxDepth()).sequence(), a, false);
                    } catch (BerException e) {
                        // not METHOD-DATA
                    }
                }
                default -> {
                }
            }
        }
    }

    private void padataList(BerReader list, Acc a, boolean request) throws BerException {
        while (list.hasNext()) {
            BerReader pa = list.sequence();
            int type = -1;
            Tlv value = null;
            while (pa.hasNext()) {
                Tlv f = pa.next();
                if (f.isContext(1)) type = f.explicit().asInt();
                else if (f.isContext(2)) value = f.explicit();
            }
            a.padata.add(type);
            if (value == null || value.length() == 0) continue;
            BerReader v = Ber.reader(value.buf(), value.valueOffset(), value.length(), config.maxDepth());
            switch (type) {
                case PA_TGS_REQ -> apReq(v.next(), a);
                case PA_ENC_TIMESTAMP -> {
                    Enc e = encData(v.next(), a, false);
                    if (request && a.preauth == null) {
                        a.preauthEtype = e.etype();
                        a.preauth = e.cipher();
                    }
                }
                case PA_ETYPE_INFO, PA_ETYPE_INFO2 -> {
                    BerReader entries = v.sequence();
                    while (entries.hasNext()) {
                        BerReader entry = entries.sequence();
                        Tlv e = entry.optionalContext(0);
                        if (e != null) a.etypes.add(e.explicit().asInt());
                        entry.skipRest();
                    }
                }
                case PA_FX_FAST -> fast(v.next(), a, request);
                default -> {
                }
            }
        }
    }

    /** PA-FX-FAST (RFC 6113): armored-data [0] KrbFastArmoredReq / KrbFastArmoredRep. */
    private void fast(Tlv choice, Acc a, boolean request) throws BerException {
        if (!choice.isContext(0)) return;
        BerReader seq = choice.children().sequence();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (request && f.isContext(0)) { // armor: KrbFastArmor { armor-type [0], armor-value [1] (an AP-REQ) }
                BerReader armor = f.children().sequence();
                while (armor.hasNext()) {
                    Tlv x = armor.next();
                    if (x.isContext(1)) {
                        Tlv v = x.explicit();
                        apReq(Ber.reader(v.buf(), v.valueOffset(), v.length(), config.maxDepth()).next(), a);
                    }
                }
            } else if (request && f.isContext(2) || !request && f.isContext(0)) {
                encData(f, a);
            }
        }
    }

    private Enc encData(Tlv ctx, Acc a) throws BerException {
        return encData(ctx.explicit(), a, false);
    }

    /** EncryptedData ::= SEQUENCE { etype [0], kvno [1] OPTIONAL, cipher [2] OCTET STRING }. */
    private Enc encData(Tlv seqTlv, Acc a, boolean unused) throws BerException {
        BerReader seq = seqTlv.children();
        int etype = -1;
        byte[] cipher = new byte[0];
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(0)) {
                etype = f.explicit().asInt();
                a.etypes.add(etype);
            } else if (f.isContext(2)) {
                cipher = f.explicit().copyValue();
            }
        }
        return new Enc(etype, cipher);
    }

    /** PrincipalName ::= SEQUENCE { name-type [0], name-string [1] SEQUENCE OF KerberosString }. */
    private static void principal(Tlv ctx, List<String> out) throws BerException {
        BerReader seq = ctx.children().sequence();
        while (seq.hasNext()) {
            Tlv f = seq.next();
            if (f.isContext(1)) {
                BerReader names = f.children().sequence();
                while (names.hasNext() && out.size() < 16) out.add(names.next().asUtf8());
            }
        }
    }

    private static String realm(Tlv ctx) throws BerException {
        String s = ctx.explicit().asUtf8();
        return s.isEmpty() ? "<unspecified realm>" : s;
    }
}
