package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad filters: tshark's messages where it has one, and the position of the offending text for the caret. */
class FilterErrorTest {
    private final FieldRegistry fields = FieldRegistry.packetFields();

    private FilterException error(String filter) {
        try {
            DisplayFilter.compile(filter, fields);
        } catch (FilterException e) {
            return e;
        }
        throw new AssertionError("compiled: " + filter);
    }

    private void check(String filter, String message, int position, int length) {
        FilterException e = error(filter);
        assertThat(e.getMessage()).as(filter).isEqualTo(message);
        assertThat(e.position()).as(filter).isEqualTo(position);
        assertThat(e.length()).as(filter).isEqualTo(length);
    }

    @Test
    void caretMessageIsThreeLinesLikeTshark() {
        FilterException e = error("ip.src == 10.0.0.300");
        assertThat(e.caretMessage()).isEqualTo("""
                "10.0.0.300" is not a valid hostname or IPv4 address.
                    ip.src == 10.0.0.300
                              ^~~~~~~~~~""");
    }

    @Test
    void unknownFields() {
        check("foo", "foo is neither a field nor a protocol name.", 0, 3);
        check("tcp.port == 80 && tcp.bogus", "tcp.bogus is neither a field nor a protocol name.", 18, 9);
        check("foo == 1", "Left side of \"==\" expression must be a field or function, not foo.", 0, 3);
        check("80 == tcp.port", "Left side of \"==\" expression must be a field or function, not 80.", 0, 2);
        check("foo[0:2] == 00:01", "foo is neither a field nor a protocol name.", 0, 3);
        check("foo in {1}", "Left side of \"in\" expression must be a field or function, not foo.", 0, 3);
    }

    @Test
    void badLiterals() {
        check("tcp.port == 80x", "\"80x\" is not a valid number.", 12, 3);
        check("tcp.port == 080", "\"080\" is not a valid number.", 12, 3);
        check("tcp.port == \"x\"", "Unsigned integer cannot be converted from a string (\"x\").", 12, 3);
        check("tcp.port == -1", "-1 is too small for an unsigned integer.", 12, 2);
        check("ip.src == 10.0.0.0/33", "Netmask bits in a CIDR IPv4 address should be <= 32, not 33", 10, 11);
        check("ipv6.src == fe80:::1", "\"fe80:::1\" is not a valid hostname or IPv6 address.", 12, 8);
        check("ipv6.src == 1:2:3:4:5:6:7:8:9", "\"1:2:3:4:5:6:7:8:9\" is not a valid hostname or IPv6 address.", 12, 17);
        check("eth.src == 00:11:22", "\"00:11:22\" is not a valid Ethernet address.", 11, 8);
        check("eth.src == \"00:11:22:33:44:55\"", "Ethernet or other MAC address cannot be converted from a string (\"00:11:22:33:44:55\").", 11, 19);
        check("tcp.flags.syn == true", "\"true\" cannot be found among the possible values for tcp.flags.syn.", 17, 4);
        check("frame[0:2] == 0g:00", "\"0g:00\" is not a valid byte string.", 14, 5);
        check("frame.time_relative > 1.2.3", "\"1.2.3\" is not a valid time offset (seconds, e.g. 1.5).", 22, 5);
        assertThat(error("frame.time > \"yesterday\"").getMessage()).startsWith("\"yesterday\" is not a valid absolute time.");
        assertThat(error("frame.time > \"yesterday\"").position()).isEqualTo(13);
    }

    @Test
    void operatorsThatDoNotApply() {
        check("ip.src ~ \"10\"", "ip.src (type=IPv4 address) cannot participate in ~ comparison.", 0, 6);
        check("tcp.port contains 80", "tcp.port (type=Unsigned integer) cannot participate in contains comparison.", 0, 8);
        check("tcp.flags.syn > 0", "tcp.flags.syn (type=Boolean) cannot participate in > comparison.", 0, 13);
        check("ip.src == eth.src", "ip.src and eth.src are not of compatible types.", 10, 7);
        check("ip.src > 10.0.0.0/8", "A network (CIDR) can only be compared with == or !=.", 9, 10);
        check("tcp.port[0] == 00", "\"tcp.port\" is a unsigned integer and cannot be sliced.", 0, 8);
        check("ip.src & 1", "ip.src (type=IPv4 address) cannot participate in & operation.", 0, 6);
        check("ip contains \"x\"", "NTA cannot compare the bytes of protocol ip; use frame with contains, matches or a slice.", 0, 2);
        check("len(tcp.port) > 1", "Argument of len() must be a byte or string field, not Unsigned integer.", 4, 8);
        check("nosuch(tcp.port) > 1", "The function 'nosuch' does not exist.", 0, 6);
        check("\"abc\"", "\"abc\" is a literal, not a test: compare it with a field.", 0, 5);
        check("frame matches \"(\"", "Invalid regular expression: Unclosed group.", 14, 3);
        check("frame matches 00:01", "The right side of matches must be a quoted string (a regular expression).", 14, 5);
    }

    @Test
    void syntaxErrorsComeFromTheParser() {
        check("tcp.port == 80)", "\")\" was unexpected in this context.", 14, 1);
        check("tcp.port in {80 ..}", "\"}\" was unexpected in this context.", 18, 1);
        check("tcp.port ==", "Unexpected end of filter expression.", 11, 1);
    }

    @Test
    void caretLineCoversTheOffendingText() {
        FilterException e = error("tcp.port == 80 && tcp.bogus");
        assertThat(e.caretLine()).isEqualTo("                  ^~~~~~~~~");
        FilterException eof = error("tcp.port == 80 &&");
        assertThat(eof.caretLine()).isEqualTo("                 ^");
    }
}
