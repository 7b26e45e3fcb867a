package org.nta.app.ldap;

import org.nta.app.asn1.Ber;
import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.asn1.Tlv;
import org.nta.app.gss.Spnego;
import org.nta.app.ntlm.Ntlmssp;

/** Decodes one LDAPMessage ([RFC 4511] 4.2) from a byte slice holding exactly it. */
public final class LdapDecoder {
    private LdapDecoder() {}

    public static final int BIND_REQUEST = 0, BIND_RESPONSE = 1, UNBIND = 2, SEARCH_REQUEST = 3, SEARCH_ENTRY = 4,
            EXTENDED_REQUEST = 23, EXTENDED_RESPONSE = 24;
    public static final String START_TLS = "1.3.6.1.4.1.1466.20037";

    /** How a bindRequest authenticates. */
    public enum Auth { NONE, SIMPLE, SASL, SICILY_DISCOVERY, SICILY_NEGOTIATE, SICILY_RESPONSE }

    /**
     * One message.
     *
     * @param auth      a bindRequest's authentication choice, else NONE
     * @param ntlmOff   offset of an NTLMSSP message carried (SASL credentials, serverSaslCreds, sicily, or a
     *                  sicily CHALLENGE in a bindResponse's matchedDN), or -1
     * @param extName   an extendedRequest's requestName, or null
     * @param account   a searchResEntry's sAMAccountName, or null
     * @param spns      a searchResEntry's servicePrincipalName values (at most {@link #MAX_SPNS}), else empty
     */
    public record Decoded(long messageId, int op, String name, Auth auth, String mechanism, String simple,
                          String filter, int scope, int resultCode, String errorMessage, int ntlmOff, int ntlmLen,
                          String extName, String account, java.util.List<String> spns) {
    }

    /** The most servicePrincipalName values kept from one entry (an account rarely has more than a dozen). */
    public static final int MAX_SPNS = 64;

    public static Decoded decode(byte[] b, int off, int len, LdapConfig cfg) throws BerException {
        BerReader msg = Ber.reader(b, off, len, cfg.maxDepth()).sequence();
        long id = msg.readLong();
        Tlv op = msg.next();
        if (op.tagClass() != Ber.APPLICATION) throw new BerException(BerException.Problem.UNEXPECTED_TAG, op.start());
        int n = op.tag();
        String name = null, mech = null, simple = null, filter = null, err = null, ext = null, account = null;
        java.util.List<String> spns = java.util.List.of();
        int scope = -1, result = -1;
        int[] ntlm = null;
        Auth auth = Auth.NONE;
        switch (n) {
            case BIND_REQUEST -> {
                BerReader r = op.children();
                r.readInt(); // version
                name = r.readOctets().asUtf8();
                Tlv a = r.next();
                if (a.tagClass() != Ber.CONTEXT) throw new BerException(BerException.Problem.UNEXPECTED_TAG, a.start());
                switch (a.tag()) {
                    case 0 -> {
                        auth = Auth.SIMPLE;
                        simple = a.asUtf8();
                    }
                    case 3 -> {
                        auth = Auth.SASL;
                        BerReader s = a.children();
                        mech = s.readOctets().asUtf8();
                        Tlv cred = s.hasNext() ? s.readOctets() : null;
                        if (cred != null) ntlm = Spnego.ntlmssp(b, cred.valueOffset(), cred.length());
                    }
                    case 9 -> auth = Auth.SICILY_DISCOVERY;
                    case 10, 11 -> {
                        auth = a.tag() == 10 ? Auth.SICILY_NEGOTIATE : Auth.SICILY_RESPONSE;
                        ntlm = Spnego.ntlmssp(b, a.valueOffset(), a.length());
                    }
                    default -> { }
                }
            }
            case SEARCH_REQUEST -> {
                BerReader r = op.children();
                name = r.readOctets().asUtf8();
                scope = r.expect(Ber.UNIVERSAL, Ber.ENUMERATED).asInt();
                r.next(); // derefAliases
                r.next(); // sizeLimit
                r.next(); // timeLimit
                r.next(); // typesOnly
                StringBuilder sb = new StringBuilder();
                LdapFilter.append(r.next(), sb, cfg.maxFilterChars());
                filter = sb.toString();
            }
            case SEARCH_ENTRY -> {
                BerReader r = op.children();
                name = r.readOctets().asUtf8();
                Entry e = entry(r);
                account = e.account;
                spns = e.spns;
            }
            case EXTENDED_REQUEST -> {
                Tlv req = op.children().optionalContext(0);
                if (req != null) ext = req.asLatin1();
            }
            case UNBIND, 16, 19 -> { } // unbindRequest, abandonRequest, searchResRef
            default -> {
                if (n == 1 || n == 5 || n == 7 || n == 9 || n == 11 || n == 13 || n == 15 || n == 24) { // LDAPResult
                    BerReader r = op.children();
                    result = r.expect(Ber.UNIVERSAL, Ber.ENUMERATED).asInt();
                    Tlv matched = r.readOctets();
                    err = r.readOctets().asUtf8();
                    if (n == BIND_RESPONSE) {
                        if (Ntlmssp.startsWithSignature(b, matched.valueOffset(), matched.length())) {
                            ntlm = new int[]{matched.valueOffset(), matched.length()}; // sicily CHALLENGE
                        }
                        while (r.hasNext()) {
                            Tlv t = r.next();
                            if (t.isContext(7)) ntlm = Spnego.ntlmssp(b, t.valueOffset(), t.length());
                        }
                    }
                }
            }
        }
        return new Decoded(id, n, name, auth, mech, simple, filter, scope, result, err, ntlm == null ? -1 : ntlm[0],
                ntlm == null ? 0 : ntlm[1], ext, account, spns);
    }

    private record Entry(String account, java.util.List<String> spns) {
    }

    /**
     * The account name and service principal names of a searchResEntry's attributes ([RFC 4511] 4.5.2:
     * PartialAttributeList, each a type and a SET OF values), what a Kerberoaster learns before asking for tickets.
     * A malformed attribute list ends the reading there: the entry's name still counts.
     */
    private static Entry entry(BerReader r) {
        String account = null;
        java.util.List<String> spns = new java.util.ArrayList<>();
        try {
            if (!r.hasNext()) return new Entry(null, java.util.List.of());
            BerReader attrs = r.next().children();
            while (attrs.hasNext()) {
                BerReader pa = attrs.next().children();
                String type = pa.readOctets().asUtf8();
                boolean sam = type.equalsIgnoreCase("sAMAccountName"), spn = type.equalsIgnoreCase("servicePrincipalName");
                if (!sam && !spn || !pa.hasNext()) continue;
                BerReader vals = pa.next().children();
                while (vals.hasNext()) {
                    String v = vals.readOctets().asUtf8();
                    if (sam && account == null) account = v;
                    else if (spn && spns.size() < MAX_SPNS) spns.add(v);
                }
            }
        } catch (BerException e) {
            // keep what was read
        }
        return new Entry(account, java.util.List.copyOf(spns));
    }
}
