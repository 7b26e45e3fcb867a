package org.nta.app.ldap;

import org.nta.app.asn1.Ber;
import org.nta.app.asn1.BerException;
import org.nta.app.asn1.BerReader;
import org.nta.app.asn1.Tlv;

/** A search Filter ([RFC 4511] 4.5.1.7) as RFC 4515 text, bounded in length; nesting is bounded by the reader. */
final class LdapFilter {
    private LdapFilter() {}

    static void append(Tlv f, StringBuilder sb, int max) throws BerException {
        if (sb.length() >= max) return;
        if (f.tagClass() != Ber.CONTEXT) throw new BerException(BerException.Problem.UNEXPECTED_TAG, f.start());
        switch (f.tag()) {
            case 0, 1 -> {
                sb.append(f.tag() == 0 ? "(&" : "(|");
                BerReader r = f.children();
                while (r.hasNext() && sb.length() < max) append(r.next(), sb, max);
                sb.append(')');
            }
            case 2 -> {
                sb.append("(!");
                append(f.children().next(), sb, max);
                sb.append(')');
            }
            case 3, 5, 6, 8 -> {
                BerReader r = f.children();
                String attr = r.readOctets().asUtf8();
                String op = f.tag() == 3 ? "=" : f.tag() == 5 ? ">=" : f.tag() == 6 ? "<=" : "~=";
                sb.append('(').append(attr).append(op).append(value(r.readOctets())).append(')');
            }
            case 4 -> {
                BerReader r = f.children();
                sb.append('(').append(r.readOctets().asUtf8()).append('=');
                BerReader subs = r.sequence();
                boolean first = true;
                while (subs.hasNext()) {
                    Tlv s = subs.next();
                    if (first && s.tag() != 0) sb.append('*');
                    sb.append(value(s));
                    if (s.tag() != 2) sb.append('*');
                    first = false;
                }
                sb.append(')');
            }
            case 7 -> sb.append('(').append(f.asUtf8()).append("=*)");
            case 9 -> {
                BerReader r = f.children();
                StringBuilder e = new StringBuilder("(");
                String rule = null, type = null, val = "";
                boolean dn = false;
                while (r.hasNext()) {
                    Tlv t = r.next();
                    switch (t.tag()) {
                        case 1 -> rule = t.asUtf8();
                        case 2 -> type = t.asUtf8();
                        case 3 -> val = value(t);
                        case 4 -> dn = t.asBoolean();
                        default -> { }
                    }
                }
                if (type != null) e.append(type);
                if (dn) e.append(":dn");
                if (rule != null) e.append(':').append(rule);
                sb.append(e).append(":=").append(val).append(')');
            }
            default -> sb.append("(?)");
        }
        if (sb.length() > max) sb.setLength(max);
    }

    /** An assertion value with RFC 4515's escapes for the characters that would end or split it. */
    private static String value(Tlv t) {
        String s = t.asUtf8();
        StringBuilder o = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*' -> o.append("\\2a");
                case '(' -> o.append("\\28");
                case ')' -> o.append("\\29");
                case '\\' -> o.append("\\5c");
                case 0 -> o.append("\\00");
                default -> o.append(c);
            }
        }
        return o.toString();
    }
}
