package org.nta.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nta.filter.Ast.*;
import org.nta.filter.Token.Kind;

/**
 * Recursive-descent parser for Wireshark's display filter grammar. Precedence, lowest first: {@code || or},
 * {@code && and}, {@code ! not}, then comparisons; parentheses group. Sets accept commas (Wireshark 4) or
 * whitespace (Wireshark 3.x) between members.
 */
final class Parser {
    private static final Pattern SINGLE = Pattern.compile("-?\\d+");
    private static final Pattern COLON = Pattern.compile("(-?\\d+)?:(\\d+)?");
    private static final Pattern DASH = Pattern.compile("(\\d+)-(\\d+)");

    private final String filter;
    private final List<Token> tokens;
    private int pos;

    private Parser(String filter, List<Token> tokens) {
        this.filter = filter;
        this.tokens = tokens;
    }

    static Ast parse(String filter) throws FilterException {
        Parser p = new Parser(filter, Lexer.lex(filter));
        if (p.peek().kind() == Kind.EOF) throw new FilterException("The filter is empty.", filter, 0, 1);
        Ast a = p.or();
        if (p.peek().kind() != Kind.EOF) throw p.unexpected(p.peek());
        return a;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) pos++;
        return t;
    }

    private FilterException unexpected(Token t) {
        if (t.kind() == Kind.EOF) return new FilterException("Unexpected end of filter expression.", filter, filter.length(), 1);
        return new FilterException("\"" + t.source(filter) + "\" was unexpected in this context.", filter, t.start(), t.length());
    }

    private Token expect(Kind k) throws FilterException {
        Token t = peek();
        if (t.kind() != k) throw unexpected(t);
        return next();
    }

    private Ast or() throws FilterException {
        Ast left = and();
        while (peek().kind() == Kind.OR) {
            next();
            left = new Or(left, and());
        }
        return left;
    }

    private Ast and() throws FilterException {
        Ast left = not();
        while (peek().kind() == Kind.AND) {
            next();
            left = new And(left, not());
        }
        return left;
    }

    private Ast not() throws FilterException {
        if (peek().kind() == Kind.NOT) {
            next();
            return new Not(not());
        }
        return primary();
    }

    private Ast primary() throws FilterException {
        if (peek().kind() == Kind.LPAREN) {
            next();
            Ast inner = or();
            expect(Kind.RPAREN);
            return inner;
        }
        return relation();
    }

    private Ast relation() throws FilterException {
        Operand left = operand();
        Token t = peek();
        if (t.kind().relational()) {
            next();
            return new Compare(left, t, operand());
        }
        if (t.kind() == Kind.IN) {
            next();
            return new In(left, t, set());
        }
        if (t.kind() == Kind.NOT && peek(1).kind() == Kind.IN) {
            next();
            Token in = next();
            return new Not(new In(left, in, set()));
        }
        return new Check(left);
    }

    private Operand operand() throws FilterException {
        Operand left = term();
        if (peek().kind() == Kind.BITAND) {
            Token op = next();
            return new BitAnd(left, op, term());
        }
        return left;
    }

    private Operand term() throws FilterException {
        Token t = peek();
        Operand o;
        switch (t.kind()) {
            case WORD -> {
                next();
                if (peek().kind() == Kind.LPAREN && peek().start() == t.end()) o = call(t);
                else o = new Word(t);
            }
            case STRING -> {
                next();
                o = new Str(t);
            }
            case CHAR -> {
                next();
                o = new Chr(t);
            }
            default -> throw unexpected(t);
        }
        while (peek().kind() == Kind.LBRACKET) o = slice(o);
        return o;
    }

    private Operand call(Token name) throws FilterException {
        expect(Kind.LPAREN);
        List<Operand> args = new ArrayList<>();
        if (peek().kind() != Kind.RPAREN) {
            args.add(operand());
            while (peek().kind() == Kind.COMMA) {
                next();
                args.add(operand());
            }
        }
        Token close = expect(Kind.RPAREN);
        return new Call(name, args, close.end());
    }

    private Operand slice(Operand base) throws FilterException {
        Token open = expect(Kind.LBRACKET);
        List<Range> ranges = new ArrayList<>();
        while (true) {
            // a range is the text of the tokens up to ',' or ']' (it lexes as words such as "0:3" or "1-2")
            int start = peek().start();
            StringBuilder text = new StringBuilder();
            int end = start;
            while (peek().kind() == Kind.WORD) {
                Token w = next();
                text.append(w.text());
                end = w.end();
            }
            if (text.length() == 0) throw unexpected(peek());
            ranges.add(range(text.toString(), start, end));
            if (peek().kind() == Kind.COMMA) {
                next();
                continue;
            }
            Token close = expect(Kind.RBRACKET);
            if (ranges.isEmpty()) throw unexpected(open);
            return new Slice(base, ranges, close.end());
        }
    }

    private Range range(String text, int start, int end) throws FilterException {
        try {
            Matcher m;
            if (SINGLE.matcher(text).matches()) return new Range(Integer.parseInt(text), 1, start, end);
            if ((m = COLON.matcher(text)).matches()) {
                int off = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
                int len = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
                if (len == 0) throw new FilterException("A slice length must be positive.", filter, start, end - start);
                return new Range(off, len, start, end);
            }
            if ((m = DASH.matcher(text)).matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = Integer.parseInt(m.group(2));
                if (to < from) throw new FilterException("The end of a slice range comes before its start.", filter, start, end - start);
                return new Range(from, to - from + 1, start, end);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new FilterException("\"" + text + "\" is not a valid slice range.", filter, start, end - start);
    }

    private List<SetElement> set() throws FilterException {
        expect(Kind.LBRACE);
        List<SetElement> elements = new ArrayList<>();
        while (true) {
            Operand low = setValue();
            Operand high = null;
            if (peek().kind() == Kind.DOTDOT) {
                next();
                high = setValue();
            }
            elements.add(new SetElement(low, high));
            if (peek().kind() == Kind.COMMA) {
                next();
                continue;
            }
            if (peek().kind() == Kind.RBRACE) {
                next();
                return elements;
            }
            if (peek().kind() == Kind.EOF) throw unexpected(peek());
            // whitespace-separated members (Wireshark 3.x syntax): go on
        }
    }

    private Operand setValue() throws FilterException {
        Token t = peek();
        return switch (t.kind()) {
            case WORD, STRING, CHAR -> term();
            default -> throw unexpected(t);
        };
    }
}
