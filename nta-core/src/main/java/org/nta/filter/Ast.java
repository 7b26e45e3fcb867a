package org.nta.filter;

import java.util.List;

import org.nta.filter.Token.Kind;

/** The parsed form of a display filter, with source positions for error messages. */
sealed interface Ast {
    record And(Ast left, Ast right) implements Ast {}

    record Or(Ast left, Ast right) implements Ast {}

    record Not(Ast expr) implements Ast {}

    /** An operand alone: a field or protocol tests presence; {@code field & mask} tests for a non-zero result. */
    record Check(Operand operand) implements Ast {}

    record Compare(Operand left, Token op, Operand right) implements Ast {
        Kind kind() {
            return op.kind();
        }
    }

    /** {@code x in {a, b, c..d}}; {@code not in} is parsed as {@code !(x in {...})}. */
    record In(Operand left, Token in, List<SetElement> elements) implements Ast {}

    /** One member of a set: a value, or an inclusive range {@code low..high}. */
    record SetElement(Operand low, Operand high) {}

    sealed interface Operand {
        int start();

        int end();
    }

    /** An unquoted word: a field name, or a literal whose meaning depends on the other side. */
    record Word(Token token) implements Operand {
        public int start() { return token.start(); }
        public int end() { return token.end(); }
        String text() { return token.text(); }
    }

    /** A quoted string (escapes resolved). */
    record Str(Token token) implements Operand {
        public int start() { return token.start(); }
        public int end() { return token.end(); }
    }

    /** A character constant: a number. */
    record Chr(Token token) implements Operand {
        public int start() { return token.start(); }
        public int end() { return token.end(); }
    }

    /** {@code base[ranges]}. */
    record Slice(Operand base, List<Range> ranges, int end) implements Operand {
        public int start() { return base.start(); }
    }

    /**
     * One range of a slice.
     *
     * @param offset first byte; negative counts from the end
     * @param length bytes, or -1 for "to the end"
     */
    record Range(int offset, int length, int start, int end) {}

    /** {@code name(args)}: len, count, lower, upper. */
    record Call(Token name, List<Operand> args, int end) implements Operand {
        public int start() { return name.start(); }
    }

    /** {@code left & right}: bitwise and of an integer field with a mask. */
    record BitAnd(Operand left, Token op, Operand right) implements Operand {
        public int start() { return left.start(); }
        public int end() { return right.end(); }
    }
}
