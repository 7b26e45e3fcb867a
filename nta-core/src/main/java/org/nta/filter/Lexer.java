package org.nta.filter;

import java.util.ArrayList;
import java.util.List;

import org.nta.filter.Token.Kind;

/**
 * Splits a display filter into tokens. Field names, numbers, addresses and other unquoted values are all
 * {@link Kind#WORD}s (letters, digits and {@code _ - . : /}); the compiler decides what a word is from the field
 * on the other side. A word never contains "..", so set ranges like {@code 8000..8080} split into three tokens.
 */
final class Lexer {
    private final String s;
    private int i;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String s) {
        this.s = s;
    }

    static List<Token> lex(String filter) throws FilterException {
        Lexer l = new Lexer(filter);
        l.run();
        return l.out;
    }

    private void run() throws FilterException {
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= s.length()) {
                out.add(new Token(Kind.EOF, "", s.length(), s.length()));
                return;
            }
            int start = i;
            char c = s.charAt(i);
            switch (c) {
                case '(' -> single(Kind.LPAREN);
                case ')' -> single(Kind.RPAREN);
                case '{' -> single(Kind.LBRACE);
                case '}' -> single(Kind.RBRACE);
                case '[' -> single(Kind.LBRACKET);
                case ']' -> single(Kind.RBRACKET);
                case ',' -> single(Kind.COMMA);
                case '~' -> {
                    if (s.startsWith("~=", i)) op(Kind.ANY_NE, 2); // Wireshark 3.6's any-not-equal, still accepted by 4.0
                    else single(Kind.MATCHES);
                }
                case '"' -> string(start, false);
                case '\'' -> charConst(start);
                case '=' -> {
                    if (s.startsWith("===", i)) op(Kind.ALL_EQ, 3);
                    else if (s.startsWith("==", i)) op(Kind.EQ, 2);
                    else op(Kind.EQ, 1); // Wireshark accepts a single '=' as '=='
                }
                case '!' -> {
                    if (s.startsWith("!==", i)) op(Kind.ANY_NE, 3);
                    else if (s.startsWith("!=", i)) op(Kind.NE, 2);
                    else op(Kind.NOT, 1);
                }
                case '>' -> op(s.startsWith(">=", i) ? Kind.GE : Kind.GT, s.startsWith(">=", i) ? 2 : 1);
                case '<' -> op(s.startsWith("<=", i) ? Kind.LE : Kind.LT, s.startsWith("<=", i) ? 2 : 1);
                case '&' -> {
                    if (s.startsWith("&&", i)) op(Kind.AND, 2);
                    else op(Kind.BITAND, 1);
                }
                case '|' -> {
                    if (s.startsWith("||", i)) op(Kind.OR, 2);
                    else throw unexpected(start, 1);
                }
                default -> {
                    if (s.startsWith("..", i)) {
                        op(Kind.DOTDOT, 2);
                    } else if (wordChar(c)) {
                        word(start);
                    } else {
                        throw unexpected(start, 1);
                    }
                }
            }
        }
    }

    private FilterException unexpected(int start, int len) {
        return new FilterException("\"" + s.substring(start, start + len) + "\" was unexpected in this context.", s, start, len);
    }

    private void single(Kind k) {
        out.add(new Token(k, s.substring(i, i + 1), i, i + 1));
        i++;
    }

    private void op(Kind k, int len) {
        out.add(new Token(k, s.substring(i, i + len), i, i + len));
        i += len;
    }

    static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '.' || c == ':' || c == '/';
    }

    private void word(int start) throws FilterException {
        while (i < s.length() && wordChar(s.charAt(i)) && !s.startsWith("..", i)) i++;
        String w = s.substring(start, i);
        if ((w.equals("r") || w.equals("R")) && i < s.length() && s.charAt(i) == '"') {
            string(start, true);
            return;
        }
        Kind k = switch (w) {
            case "and" -> Kind.AND;
            case "or" -> Kind.OR;
            case "not" -> Kind.NOT;
            case "eq", "any_eq" -> Kind.EQ;
            case "ne", "all_ne" -> Kind.NE;
            case "all_eq" -> Kind.ALL_EQ;
            case "any_ne" -> Kind.ANY_NE;
            case "gt" -> Kind.GT;
            case "lt" -> Kind.LT;
            case "ge" -> Kind.GE;
            case "le" -> Kind.LE;
            case "contains" -> Kind.CONTAINS;
            case "matches" -> Kind.MATCHES;
            case "in" -> Kind.IN;
            default -> Kind.WORD;
        };
        out.add(new Token(k, w, start, i));
    }

    /** A double-quoted string with C escapes; raw strings (r"...") keep backslashes. */
    private void string(int start, boolean raw) throws FilterException {
        i++; // the opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw new FilterException("The string does not have a closing quote.", s, start, s.length() - start);
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                break;
            }
            if (c == '\\') {
                if (raw) {
                    // a raw string keeps the backslash; \" still does not end it
                    sb.append(c);
                    if (i + 1 < s.length()) sb.append(s.charAt(i + 1));
                    i += 2;
                    continue;
                }
                i = escape(sb, i, start);
                continue;
            }
            sb.append(c);
            i++;
        }
        out.add(new Token(Kind.STRING, sb.toString(), start, i));
    }

    /** Resolves the escape at {@code at} (a backslash) into {@code sb}; returns the index after it. */
    private int escape(StringBuilder sb, int at, int tokenStart) throws FilterException {
        if (at + 1 >= s.length()) throw new FilterException("The string does not have a closing quote.", s, tokenStart, s.length() - tokenStart);
        char e = s.charAt(at + 1);
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000b');
            case '\\', '"', '\'', '?' -> sb.append(e);
            case 'x' -> {
                int j = at + 2;
                int v = 0, n = 0;
                while (j < s.length() && n < 2 && Character.digit(s.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(j), 16);
                    j++;
                    n++;
                }
                if (n == 0) throw new FilterException("\\x must be followed by hexadecimal digits.", s, at, 2);
                sb.append((char) v);
                return j;
            }
            case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                if (at + 2 + digits > s.length()) throw new FilterException("\\" + e + " needs " + digits + " hexadecimal digits.", s, at, 2);
                int cp;
                try {
                    cp = Integer.parseInt(s.substring(at + 2, at + 2 + digits), 16);
                    sb.appendCodePoint(cp);
                } catch (IllegalArgumentException ex) {
                    throw new FilterException("\\" + e + " needs " + digits + " hexadecimal digits.", s, at, 2 + digits);
                }
                return at + 2 + digits;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = at + 1;
                    int v = 0, n = 0;
                    while (j < s.length() && n < 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + (s.charAt(j) - '0');
                        j++;
                        n++;
                    }
                    sb.append((char) (v & 0xff));
                    return j;
                }
                throw new FilterException("\\" + e + " is not a valid escape sequence.", s, at, 2);
            }
        }
        return at + 2;
    }

    /** A character constant such as 'a' or '\n': its value as a number. */
    private void charConst(int start) throws FilterException {
        i++;
        StringBuilder sb = new StringBuilder();
        if (i < s.length() && s.charAt(i) == '\\') i = escape(sb, i, start);
        else if (i < s.length()) sb.append(s.charAt(i++));
        if (i >= s.length() || s.charAt(i) != '\'' || sb.length() != 1) {
            int end = s.indexOf('\'', start + 1);
            throw new FilterException("\"" + s.substring(start, end < 0 ? s.length() : end + 1) + "\" is not a valid character constant.",
                    s, start, (end < 0 ? s.length() : end + 1) - start);
        }
        i++;
        out.add(new Token(Kind.CHAR, sb.toString(), start, i));
    }
}
