package org.nta.filter;

/**
 * One lexical token of a display filter.
 *
 * @param text  the source text (for strings: the value with escapes resolved)
 * @param start index of the first character in the filter
 * @param end   index after the last character
 */
record Token(Kind kind, String text, int start, int end) {
    enum Kind {
        WORD, STRING, CHAR, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, DOTDOT,
        EQ, NE, ALL_EQ, ANY_NE, GT, LT, GE, LE, CONTAINS, MATCHES, IN, AND, OR, NOT, BITAND, EOF;

        boolean relational() {
            return switch (this) {
                case EQ, NE, ALL_EQ, ANY_NE, GT, LT, GE, LE, CONTAINS, MATCHES -> true;
                default -> false;
            };
        }
    }

    int length() {
        return end - start;
    }

    /** The text as the user wrote it. */
    String source(String filter) {
        return filter.substring(start, end);
    }
}
