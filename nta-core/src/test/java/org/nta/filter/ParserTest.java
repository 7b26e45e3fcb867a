package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nta.filter.Ast.*;

class ParserTest {
    private static String word(Operand o) {
        return ((Word) o).text();
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        Ast a = Parser.parse("a || b && c");
        assertThat(a).isInstanceOf(Or.class);
        assertThat(((Or) a).right()).isInstanceOf(And.class);
        Ast b = Parser.parse("a && b || c");
        assertThat(b).isInstanceOf(Or.class);
        assertThat(((Or) b).left()).isInstanceOf(And.class);
    }

    @Test
    void notBindsTighterThanAnd() throws Exception {
        Ast a = Parser.parse("!a && b");
        assertThat(a).isInstanceOf(And.class);
        assertThat(((And) a).left()).isInstanceOf(Not.class);
        Ast b = Parser.parse("not a == 1 and b");
        assertThat(((Not) ((And) b).left()).expr()).isInstanceOf(Compare.class);
    }

    @Test
    void parenthesesGroup() throws Exception {
        Ast a = Parser.parse("a && (b || c)");
        assertThat(a).isInstanceOf(And.class);
        assertThat(((And) a).right()).isInstanceOf(Or.class);
        assertThat(Parser.parse("((((a))))")).isInstanceOf(Check.class);
    }

    @Test
    void leftAssociative() throws Exception {
        Ast a = Parser.parse("a || b || c");
        assertThat(((Or) a).left()).isInstanceOf(Or.class);
    }

    @Test
    void comparisonsKeepTheirOperator() throws Exception {
        Compare c = (Compare) Parser.parse("tcp.port >= 80");
        assertThat(word(c.left())).isEqualTo("tcp.port");
        assertThat(c.kind()).isEqualTo(Token.Kind.GE);
        assertThat(word(c.right())).isEqualTo("80");
    }

    @Test
    void setsTakeCommasWhitespaceAndRanges() throws Exception {
        In in = (In) Parser.parse("tcp.port in {80, 443 8000..8080}");
        assertThat(in.elements()).hasSize(3);
        assertThat(in.elements().get(2).high()).isNotNull();
        assertThat(word(in.elements().get(2).high())).isEqualTo("8080");
        Not not = (Not) Parser.parse("tcp.port not in {80}");
        assertThat(not.expr()).isInstanceOf(In.class);
    }

    @Test
    void slices() throws Exception {
        Slice s = (Slice) ((Check) Parser.parse("eth.src[0:3]")).operand();
        assertThat(s.ranges()).containsExactly(new Range(0, 3, 8, 11));
        assertThat(((Slice) ((Check) Parser.parse("frame[2]")).operand()).ranges().get(0).length()).isEqualTo(1);
        Range dash = ((Slice) ((Check) Parser.parse("frame[1-4]")).operand()).ranges().get(0);
        assertThat(dash.offset()).isEqualTo(1);
        assertThat(dash.length()).isEqualTo(4);
        Range tail = ((Slice) ((Check) Parser.parse("frame[-4:]")).operand()).ranges().get(0);
        assertThat(tail.offset()).isEqualTo(-4);
        assertThat(tail.length()).isEqualTo(-1);
        Range head = ((Slice) ((Check) Parser.parse("frame[:2]")).operand()).ranges().get(0);
        assertThat(head.offset()).isZero();
        assertThat(head.length()).isEqualTo(2);
        assertThat(((Slice) ((Check) Parser.parse("frame[0:2,6:2]")).operand()).ranges()).hasSize(2);
    }

    @Test
    void functionsAndBitwiseAnd() throws Exception {
        Compare c = (Compare) Parser.parse("len(http.host) > 3");
        assertThat(c.left()).isInstanceOf(Call.class);
        assertThat(((Call) c.left()).name().text()).isEqualTo("len");
        Compare b = (Compare) Parser.parse("tcp.flags & 0x12 == 0x12");
        assertThat(b.left()).isInstanceOf(BitAnd.class);
    }

    @Test
    void errorsPointAtTheUnexpectedToken() {
        assertThatThrownBy(() -> Parser.parse("tcp.port == 80)"))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("\")\" was unexpected in this context.");
                    assertThat(e.position()).isEqualTo(14);
                    assertThat(e.caretLine()).isEqualTo("              ^");
                });
        assertThatThrownBy(() -> Parser.parse("tcp.port == == 80"))
                .isInstanceOfSatisfying(FilterException.class, e -> assertThat(e.position()).isEqualTo(12));
        assertThatThrownBy(() -> Parser.parse("a b")).hasMessage("\"b\" was unexpected in this context.");
    }

    @Test
    void unexpectedEndPointsAfterTheFilter() {
        for (String f : new String[] {"tcp.port == 80 &&", "(tcp.port == 80", "tcp.port ==", "!", "tcp.port in {80", "frame[0"}) {
            assertThatThrownBy(() -> Parser.parse(f)).as(f)
                    .isInstanceOfSatisfying(FilterException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("Unexpected end of filter expression.");
                        assertThat(e.position()).isEqualTo(f.length());
                    });
        }
    }

    @Test
    void emptyFilter() {
        assertThatThrownBy(() -> Parser.parse("   ")).hasMessage("The filter is empty.");
    }

    @Test
    void badSliceRange() {
        assertThatThrownBy(() -> Parser.parse("frame[4-2] == 00")).hasMessageContaining("comes before its start");
        assertThatThrownBy(() -> Parser.parse("frame[a:b] == 00")).hasMessageContaining("is not a valid slice range");
        assertThatThrownBy(() -> Parser.parse("frame[1:0] == 00")).hasMessageContaining("must be positive");
    }
}
