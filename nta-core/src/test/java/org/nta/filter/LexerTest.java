package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.filter.Token.Kind;

class LexerTest {
    private static List<Kind> kinds(String s) throws FilterException {
        return Lexer.lex(s).stream().map(Token::kind).toList();
    }

    private static List<String> texts(String s) throws FilterException {
        return Lexer.lex(s).stream().filter(t -> t.kind() != Kind.EOF).map(Token::text).toList();
    }

    @Test
    void symbolicOperators() throws Exception {
        assertThat(kinds("== != === !== > < >= <= ~ ~= && || ! & ( ) { } [ ] , .."))
                .containsExactly(Kind.EQ, Kind.NE, Kind.ALL_EQ, Kind.ANY_NE, Kind.GT, Kind.LT, Kind.GE, Kind.LE, Kind.MATCHES,
                        Kind.ANY_NE, Kind.AND, Kind.OR, Kind.NOT, Kind.BITAND, Kind.LPAREN, Kind.RPAREN, Kind.LBRACE,
                        Kind.RBRACE, Kind.LBRACKET, Kind.RBRACKET, Kind.COMMA, Kind.DOTDOT, Kind.EOF);
    }

    @Test
    void wordOperators() throws Exception {
        assertThat(kinds("eq ne gt lt ge le contains matches in and or not any_eq all_ne all_eq any_ne"))
                .containsExactly(Kind.EQ, Kind.NE, Kind.GT, Kind.LT, Kind.GE, Kind.LE, Kind.CONTAINS, Kind.MATCHES, Kind.IN,
                        Kind.AND, Kind.OR, Kind.NOT, Kind.EQ, Kind.NE, Kind.ALL_EQ, Kind.ANY_NE, Kind.EOF);
    }

    @Test
    void wordsKeepAddressesAndFieldNamesWhole() throws Exception {
        assertThat(texts("ip.src==10.0.0.0/8 eth.src[0:3]==00:11:22 ipv6.addr==fe80::1 x==-5"))
                .containsExactly("ip.src", "==", "10.0.0.0/8", "eth.src", "[", "0:3", "]", "==", "00:11:22", "ipv6.addr", "==",
                        "fe80::1", "x", "==", "-5");
    }

    @Test
    void rangesSplitAtTwoDots() throws Exception {
        assertThat(texts("{8000..8080}")).containsExactly("{", "8000", "..", "8080", "}");
        assertThat(texts("{8000 .. 8080}")).containsExactly("{", "8000", "..", "8080", "}");
    }

    @Test
    void stringEscapes() throws Exception {
        List<Token> t = Lexer.lex("\"a\\\"b\\\\c\\n\\t\\x41\\101\\u00e9\"");
        assertThat(t.get(0).kind()).isEqualTo(Kind.STRING);
        assertThat(t.get(0).text()).isEqualTo("a\"b\\c\n\tAAé");
        assertThat(t.get(0).start()).isZero();
        assertThat(t.get(0).end()).isEqualTo(27);
    }

    @Test
    void rawStringsKeepBackslashes() throws Exception {
        List<Token> t = Lexer.lex("r\"a\\.b\\\"c\"");
        assertThat(t.get(0).kind()).isEqualTo(Kind.STRING);
        assertThat(t.get(0).text()).isEqualTo("a\\.b\\\"c");
    }

    @Test
    void characterConstants() throws Exception {
        assertThat(Lexer.lex("'P'").get(0).text()).isEqualTo("P");
        assertThat(Lexer.lex("'\\n'").get(0).text()).isEqualTo("\n");
        assertThat(Lexer.lex("'\\x41'").get(0).kind()).isEqualTo(Kind.CHAR);
    }

    @Test
    void singleEqualsIsEquality() throws Exception {
        assertThat(kinds("a = 1")).containsExactly(Kind.WORD, Kind.EQ, Kind.WORD, Kind.EOF);
    }

    @Test
    void unterminatedStringPointsAtItsQuote() {
        assertThatThrownBy(() -> Lexer.lex("http.host == \"abc"))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The string does not have a closing quote.");
                    assertThat(e.position()).isEqualTo(13);
                });
    }

    @Test
    void strayCharacter() {
        assertThatThrownBy(() -> Lexer.lex("tcp.port == 80 $"))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("\"$\" was unexpected in this context.");
                    assertThat(e.position()).isEqualTo(15);
                });
        assertThatThrownBy(() -> Lexer.lex("a | b")).isInstanceOf(FilterException.class);
    }

    @Test
    void badEscapes() {
        assertThatThrownBy(() -> Lexer.lex("\"\\q\"")).hasMessage("\\q is not a valid escape sequence.");
        assertThatThrownBy(() -> Lexer.lex("\"\\xZZ\"")).hasMessage("\\x must be followed by hexadecimal digits.");
        assertThatThrownBy(() -> Lexer.lex("'ab'")).hasMessageContaining("is not a valid character constant");
    }
}
