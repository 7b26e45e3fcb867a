package org.nta.filter;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.nta.filter.Ast.*;
import org.nta.filter.Node.PairTest;
import org.nta.filter.Node.ValueTest;
import org.nta.filter.Token.Kind;

/**
 * Turns the parsed filter into evaluation nodes: resolves words to fields or literals, checks types and reads
 * every literal once, so that evaluation compares primitives only.
 */
final class Compiler {
    private final String filter;
    private final FieldRegistry fields;
    private final ZoneId zone;

    Compiler(String filter, FieldRegistry fields, ZoneId zone) {
        this.filter = filter;
        this.fields = fields;
        this.zone = zone;
    }

    Node compile(Ast a) throws FilterException {
        if (a instanceof Ast.And x) return new Node.And(compile(x.left()), compile(x.right()));
        if (a instanceof Ast.Or x) return new Node.Or(compile(x.left()), compile(x.right()));
        if (a instanceof Ast.Not x) return new Node.Not(compile(x.expr()));
        if (a instanceof Check x) return test(x.operand());
        if (a instanceof Compare x) return compare(x);
        if (a instanceof In x) return in(x);
        throw new IllegalStateException("unknown node " + a);
    }

    private FilterException error(String message, int start, int end) {
        return new FilterException(message, filter, start, end - start);
    }

    private FilterException error(String message, Operand o) {
        return error(message, o.start(), o.end());
    }

    private String text(Operand o) {
        return filter.substring(o.start(), o.end());
    }

    /** The operand's text in double quotes, unless it is a quoted string already. */
    private String quoted(Operand o) {
        return o instanceof Str ? text(o) : "\"" + text(o) + "\"";
    }

    // ---- operands --------------------------------------------------------------------------------------------

    /** The source an operand names, or null when it is a literal. */
    private Source source(Operand o) throws FilterException {
        if (o instanceof Word w) {
            Field f = fields.get(w.text());
            return f == null ? null : new Source.FieldSource(f);
        }
        if (o instanceof Slice s) {
            Source base = source(s.base());
            if (base == null) throw notAField(s.base());
            if (!base.bytesCapable()) {
                throw error("\"" + text(s.base()) + "\" is a " + base.type.describe().toLowerCase() + " and cannot be sliced.", s.base());
            }
            return new Source.SliceSource(base, s.ranges());
        }
        if (o instanceof Call c) return call(c);
        if (o instanceof BitAnd b) {
            Source base = source(b.left());
            if (base == null) throw notAField(b.left());
            if (!(base.type == FieldType.UINT || base.type == FieldType.INT || base.type == FieldType.BOOLEAN)) {
                throw error(text(b.left()) + " (type=" + base.type.describe() + ") cannot participate in & operation.", b.left());
            }
            if (source(b.right()) != null) throw error("The right side of & must be a number.", b.right());
            return new Source.BitAndSource(base, integer(b.right(), base.type));
        }
        return null;
    }

    private FilterException notAField(Operand o) {
        return error(text(o) + " is neither a field nor a protocol name.", o);
    }

    private Source call(Call c) throws FilterException {
        String name = c.name().text();
        if (!List.of("len", "count", "lower", "upper").contains(name)) {
            throw error("The function '" + name + "' does not exist.", c.name().start(), c.name().end());
        }
        if (c.args().size() != 1) throw error("Function " + name + "() takes one argument.", c);
        Operand arg = c.args().get(0);
        Source s = source(arg);
        if (s == null) throw error("The argument of " + name + "() must be a field.", arg);
        switch (name) {
            case "len" -> {
                if (!s.bytesCapable()) throw error("Argument of len() must be a byte or string field, not " + s.type.describe() + ".", arg);
                return new Source.LenSource(s);
            }
            case "count" -> {
                if (!(arg instanceof Word)) throw error("Argument of count() must be a field.", arg);
                return new Source.CountSource(s);
            }
            default -> {
                if (s.type != FieldType.STRING) throw error("Argument of " + name + "() must be a string field, not " + s.type.describe() + ".", arg);
                return new Source.CaseSource(s, name.equals("upper"));
            }
        }
    }

    /** The type values of a source compare as: a protocol with bytes compares as bytes. */
    private static FieldType valueType(Source s) {
        return s.type == FieldType.PROTOCOL ? FieldType.BYTES : s.type;
    }

    // ---- nodes -----------------------------------------------------------------------------------------------

    private Node test(Operand o) throws FilterException {
        Source s = source(o);
        if (s == null) {
            if (o instanceof Word) throw notAField(o);
            throw error(quoted(o) + " is a literal, not a test: compare it with a field.", o);
        }
        if (o instanceof BitAnd) return new Node.Compare(s, Tests.nonZero(), false);
        return new Node.Exists(s);
    }

    private Node compare(Compare c) throws FilterException {
        // as in Wireshark 4.0, the field is on the left: "80 == tcp.port" is an error
        Kind op = c.kind();
        Operand left = c.left(), right = c.right();
        Source ls = source(left), rs = source(right);
        if (ls == null) {
            throw error("Left side of \"" + c.op().source(filter) + "\" expression must be a field or function, not " + text(c.left()) + ".", c.left());
        }
        if (rs != null) return compareFields(ls, left, c.op(), op, rs, right);
        FieldType t = valueType(ls);
        if (ls.type == FieldType.PROTOCOL && !ls.bytesCapable()) {
            throw error("NTA cannot compare the bytes of protocol " + text(left) + "; use frame with contains, matches or a slice.", left);
        }
        switch (op) {
            case CONTAINS -> {
                return new Node.Compare(containsSource(ls, left), contains(t, right), false);
            }
            case MATCHES -> {
                if (t != FieldType.STRING && t != FieldType.BYTES) throw cannot(left, ls, c.op());
                return new Node.Compare(ls, matches(t, right), false);
            }
            case GT, LT, GE, LE -> {
                if (t == FieldType.BOOLEAN) throw cannot(left, ls, c.op());
                return new Node.Compare(ls, equalOrOrder(t, op, right, left), false);
            }
            default -> {
                ValueTest eq = equalOrOrder(t, Kind.EQ, right, left);
                return switch (op) {
                    case NE -> new Node.Compare(ls, Tests.not(eq), true);
                    case ALL_EQ -> new Node.Compare(ls, eq, true);
                    case ANY_NE -> new Node.Compare(ls, Tests.not(eq), false);
                    default -> new Node.Compare(ls, eq, false);
                };
            }
        }
    }

    private FilterException cannot(Operand o, Source s, Token op) {
        return error(text(o) + " (type=" + s.type.describe() + ") cannot participate in " + op.source(filter) + " comparison.", o);
    }

    private Node compareFields(Source ls, Operand left, Token opTok, Kind op, Source rs, Operand right) throws FilterException {
        FieldType a = valueType(ls), b = valueType(rs);
        if (!compatible(a, b)) throw error(text(left) + " and " + text(right) + " are not of compatible types.", right);
        if (op == Kind.CONTAINS || op == Kind.MATCHES) {
            throw error("NTA compares two fields with ==, !=, ===, !==, <, >, <= and >= only.", opTok.start(), opTok.end());
        }
        if (a == FieldType.PROTOCOL || a == FieldType.BYTES) {
            if (!ls.bytesCapable() || !rs.bytesCapable()) throw error("NTA cannot compare the bytes of " + text(left) + ".", left);
        }
        PairTest eq = Tests.pair(a, Kind.EQ);
        return switch (op) {
            case NE -> new Node.CompareFields(ls, rs, Tests.not(eq), true);
            case ALL_EQ -> new Node.CompareFields(ls, rs, eq, true);
            case ANY_NE -> new Node.CompareFields(ls, rs, Tests.not(eq), false);
            case EQ -> new Node.CompareFields(ls, rs, eq, false);
            default -> new Node.CompareFields(ls, rs, Tests.pair(a, op), false);
        };
    }

    private static boolean compatible(FieldType a, FieldType b) {
        if (a == b) return true;
        boolean na = a == FieldType.UINT || a == FieldType.INT || a == FieldType.BOOLEAN;
        boolean nb = b == FieldType.UINT || b == FieldType.INT || b == FieldType.BOOLEAN;
        return na && nb;
    }

    /** For contains, MAC and address fields are searched as bytes. */
    private Source containsSource(Source s, Operand o) throws FilterException {
        FieldType t = valueType(s);
        if (t == FieldType.BYTES || t == FieldType.STRING) return s;
        if (t == FieldType.ETHER) return new Source.SliceSource(s, List.of(new Range(0, -1, o.start(), o.end())));
        throw error(text(o) + " (type=" + s.type.describe() + ") cannot participate in contains comparison.", o);
    }

    private ValueTest contains(FieldType t, Operand lit) throws FilterException {
        if (t == FieldType.STRING) return Tests.stringContains(string(lit));
        return Tests.bytesContains(bytes(lit));
    }

    private ValueTest matches(FieldType t, Operand lit) throws FilterException {
        if (!(lit instanceof Str s)) throw error("The right side of matches must be a quoted string (a regular expression).", lit);
        Pattern p;
        try {
            // Wireshark 4.0 matches case-insensitively unless the pattern says (?-i)
            p = Pattern.compile(s.token().text(), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw error("Invalid regular expression: " + e.getDescription() + ".", lit);
        }
        return t == FieldType.STRING ? Tests.stringMatches(p) : Tests.bytesMatches(p);
    }

    /** An equality (EQ) or ordering test of a value of type {@code t} against a literal. */
    private ValueTest equalOrOrder(FieldType t, Kind op, Operand lit, Operand field) throws FilterException {
        switch (t) {
            case IPV4 -> {
                long[] a = ipv4(lit);
                if (a[1] == 32) return Tests.longCompare(op, a[0]);
                if (op != Kind.EQ) throw error("A network (CIDR) can only be compared with == or !=.", lit);
                long[] r = cidrRange(a);
                return Tests.longIn(new long[] {r[0]}, new long[] {r[1]});
            }
            case IPV6 -> {
                long[] a = ipv6(lit);
                if (a[2] != 128 && op != Kind.EQ) throw error("A network (CIDR) can only be compared with == or !=.", lit);
                return Tests.ipv6Compare(op, a[0], a[1], (int) a[2]);
            }
            case BYTES -> {
                return Tests.bytesCompare(op, bytes(lit));
            }
            case STRING -> {
                return Tests.stringCompare(op, string(lit));
            }
            default -> {
                return Tests.longCompare(op, integral(t, lit, field));
            }
        }
    }

    private Node in(In x) throws FilterException {
        Source s = source(x.left());
        if (s == null) throw error("Left side of \"in\" expression must be a field or function, not " + text(x.left()) + ".", x.left());
        FieldType t = valueType(s);
        for (SetElement e : x.elements()) {
            if (source(e.low()) != null) throw error("A set holds values, not fields: " + text(e.low()) + ".", e.low());
            if (e.high() != null && source(e.high()) != null) throw error("A set holds values, not fields: " + text(e.high()) + ".", e.high());
        }
        switch (t) {
            case IPV6 -> {
                List<long[]> nets = new ArrayList<>(), ranges = new ArrayList<>();
                for (SetElement e : x.elements()) {
                    long[] lo = ipv6(e.low());
                    if (e.high() == null) {
                        nets.add(lo);
                    } else {
                        long[] hi = ipv6(e.high());
                        ranges.add(new long[] {lo[0], lo[1], hi[0], hi[1]});
                    }
                }
                return new Node.Compare(s, Tests.ipv6In(nets.toArray(new long[0][]), ranges.toArray(new long[0][])), false);
            }
            case STRING -> {
                String[] m = new String[x.elements().size()];
                for (int k = 0; k < m.length; k++) {
                    SetElement e = x.elements().get(k);
                    if (e.high() != null) throw error("Ranges apply to numbers and addresses only.", e.high());
                    m[k] = string(e.low());
                }
                return new Node.Compare(s, Tests.stringIn(m), false);
            }
            case BYTES -> {
                byte[][] m = new byte[x.elements().size()][];
                for (int k = 0; k < m.length; k++) {
                    SetElement e = x.elements().get(k);
                    if (e.high() != null) throw error("Ranges apply to numbers and addresses only.", e.high());
                    m[k] = bytes(e.low());
                }
                return new Node.Compare(s, Tests.bytesIn(m), false);
            }
            default -> {
                int n = x.elements().size();
                long[] lows = new long[n], highs = new long[n];
                for (int k = 0; k < n; k++) {
                    SetElement e = x.elements().get(k);
                    long[] lo = setBound(t, e.low(), x.left());
                    long[] hi = e.high() == null ? lo : setBound(t, e.high(), x.left());
                    lows[k] = lo[0];
                    highs[k] = hi[1];
                }
                return new Node.Compare(s, Tests.longIn(lows, highs), false);
            }
        }
    }

    /** A set member of an integral type as a range {low, high} (an IPv4 network is a range). */
    private long[] setBound(FieldType t, Operand lit, Operand field) throws FilterException {
        if (t == FieldType.IPV4) return cidrRange(ipv4(lit));
        long v = integral(t, lit, field);
        return new long[] {v, v};
    }

    private static long[] cidrRange(long[] a) {
        long mask = a[1] == 0 ? 0 : (0xffffffffL << (32 - a[1])) & 0xffffffffL;
        long net = a[0] & mask;
        return new long[] {net, net | (~mask & 0xffffffffL)};
    }

    // ---- literals --------------------------------------------------------------------------------------------

    private long integral(FieldType t, Operand lit, Operand field) throws FilterException {
        return switch (t) {
            case IPV4 -> {
                long[] a = ipv4(lit);
                if (a[1] != 32) throw error("A network (CIDR) cannot be used here.", lit);
                yield a[0];
            }
            case ETHER -> ether(lit);
            case BOOLEAN -> bool(lit, field);
            case REL_TIME -> relTime(lit);
            case ABS_TIME -> absTime(lit);
            default -> {
                long v = integer(lit, t);
                Long max = field == null ? null : FieldLimits.max(text(field));
                if (max != null && v > max) throw error(quoted(lit) + " too big for this field, maximum " + max + ".", lit);
                yield v;
            }
        };
    }

    private String string(Operand lit) throws FilterException {
        if (lit instanceof Str s) return s.token().text();
        if (lit instanceof Chr c) return c.token().text();
        if (lit instanceof Word w) return w.text();
        throw error(quoted(lit) + " is not a valid string.", lit);
    }

    private long integer(Operand lit, FieldType t) throws FilterException {
        if (lit instanceof Chr c) return c.token().text().charAt(0);
        if (lit instanceof Str s) throw error(t.describe() + " cannot be converted from a string (\"" + s.token().text() + "\").", lit);
        Long v = lit instanceof Word w ? Literals.integer(w.text()) : null;
        if (v == null) throw error(quoted(lit) + " is not a valid number.", lit);
        if (t == FieldType.UINT && v < 0) throw error(text(lit) + " is too small for an unsigned integer.", lit);
        return v;
    }

    private long bool(Operand lit, Operand field) throws FilterException {
        if (lit instanceof Word w) {
            switch (w.text()) {
                case "True", "TRUE" -> {
                    return 1;
                }
                case "False", "FALSE" -> {
                    return 0;
                }
                default -> {
                    Long v = Literals.integer(w.text());
                    if (v != null && v < 0) throw error("FT_BOOLEAN cannot " + w.text().charAt(0) + ".", lit);
                    if (v != null) return v != 0 ? 1 : 0;
                }
            }
        }
        throw error(quoted(lit) + " cannot be found among the possible values for " + text(field) + ".", lit);
    }

    private long relTime(Operand lit) throws FilterException {
        Long v = lit instanceof Word w ? Literals.seconds(w.text()) : null;
        if (v == null) throw error(quoted(lit) + " is not a valid time offset (seconds, e.g. 1.5).", lit);
        return v;
    }

    private long absTime(Operand lit) throws FilterException {
        Long v = lit instanceof Str s ? Literals.absoluteTime(s.token().text(), zone) : null;
        if (v == null) {
            throw error(quoted(lit) + " is not a valid absolute time. Example: \"Nov 28, 2026 07:27:40.5\" or \"2026-11-28 07:27:40Z\".", lit);
        }
        return v;
    }

    private long[] ipv4(Operand lit) throws FilterException {
        if (lit instanceof Str s) throw error(FieldType.IPV4.describe() + " cannot be converted from a string (\"" + s.token().text() + "\").", lit);
        long[] a = lit instanceof Word w ? Literals.ipv4(w.text()) : null;
        if (a == null) throw error(quoted(lit) + " is not a valid hostname or IPv4 address.", lit);
        if (a[1] > 32) throw error("Netmask bits in a CIDR IPv4 address should be <= 32, not " + a[1], lit);
        return a;
    }

    private long[] ipv6(Operand lit) throws FilterException {
        if (lit instanceof Str s) throw error(FieldType.IPV6.describe() + " cannot be converted from a string (\"" + s.token().text() + "\").", lit);
        long[] a = lit instanceof Word w ? Literals.ipv6(w.text()) : null;
        if (a == null) throw error(quoted(lit) + " is not a valid hostname or IPv6 address.", lit);
        if (a[2] > 128) throw error("Prefix length in a CIDR IPv6 address should be <= 128, not " + a[2], lit);
        return a;
    }

    private long ether(Operand lit) throws FilterException {
        if (lit instanceof Str s) throw error(FieldType.ETHER.describe() + " cannot be converted from a string (\"" + s.token().text() + "\").", lit);
        Long v = lit instanceof Word w ? Literals.ether(w.text()) : null;
        if (v == null) throw error(quoted(lit) + " is not a valid Ethernet address.", lit);
        return v;
    }

    private byte[] bytes(Operand lit) throws FilterException {
        if (lit instanceof Str s) return s.token().text().getBytes(StandardCharsets.UTF_8);
        if (lit instanceof Chr c) return new byte[] {(byte) c.token().text().charAt(0)};
        byte[] b = lit instanceof Word w ? Literals.bytes(w.text()) : null;
        if (b == null) throw error(quoted(lit) + " is not a valid byte string.", lit);
        return b;
    }
}
