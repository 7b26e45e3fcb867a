package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.report.Json;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;

class PacketsCommandTest {
    /** samples/webshell-lab.pcap.gz at the repository root. */
    static String sample() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("samples/webshell-lab.pcap.gz"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("samples/webshell-lab.pcap.gz not found above " + Paths.get("").toAbsolutePath());
        return p.resolve("samples/webshell-lab.pcap.gz").toString();
    }

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void synFilterWithCount() {
        Run r = run("packets", sample(), "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "-c", "5");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.lines()).hasSize(5);
        // tshark -r webshell-lab.pcap.gz -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' selects frames 13, 24, 34, 44, 58 first
        assertThat(r.lines().stream().map(l -> l.trim().split("\\s+")[0]).toList()).containsExactly("13", "24", "34", "44", "58");
        assertThat(r.lines().get(0)).contains("10.251.96.9 → 10.251.96.5").contains("TCP").contains("39836 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460");
        assertThat(r.lines().get(0)).contains("0.981669"); // relative time by default, as tshark
    }

    @Test
    void badFilterPrintsTheCaretAndExits2() {
        Run r = run("packets", sample(), "-Y", "ip.src == 10.0.0.300 && tcp");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("""
                nta: "10.0.0.300" is not a valid hostname or IPv4 address.
                    ip.src == 10.0.0.300 && tcp
                              ^~~~~~~~~~
                """);
        Run unknown = run("packets", sample(), "-Y", "tcp.bogus == 1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("nta: Left side of \"==\" expression must be a field or function, not tcp.bogus.\n");
    }

    @Test
    void fieldsOutputLikeTshark() {
        Run r = run("packets", sample(), "-Y", "frame.number in {7, 13, 14}", "-T", "fields", "-e", "frame.number", "-e", "ip.addr",
                "-e", "tcp.port", "-e", "tcp.seq", "-e", "tcp.ack", "-e", "udp.stream", "-e", "eth.type", "-E", "header=y");
        assertThat(r.code()).isZero();
        // tshark -r ... -Y 'frame.number in {7, 13, 14}' -T fields -e ... -E header=y
        assertThat(r.lines()).containsExactly(
                "frame.number\tip.addr\ttcp.port\ttcp.seq\ttcp.ack\tudp.stream\teth.type",
                "7\t10.251.96.9,10.251.96.2\t\t\t\t0\t0x0800",
                "13\t10.251.96.9,10.251.96.5\t39836,80\t0\t0\t\t0x0800",
                "14\t10.251.96.5,10.251.96.9\t80,39836\t0\t1\t\t0x0800");
    }

    @Test
    void fieldsSeparatorAggregatorAndTimes() {
        Run r = run("packets", sample(), "-c", "2", "-T", "fields", "-e", "frame.time,frame.time_relative", "-e", "frame.time_epoch",
                "-e", "eth.addr", "-E", "separator=;", "-E", "aggregator=/s");
        assertThat(r.lines()).containsExactly(
                "Nov 28, 2026 07:27:36.901637000 UTC;0.000000000;1795850856.901637000;33:33:00:00:00:02 02:9a:b7:16:7f:66",
                "Nov 28, 2026 07:27:36.901679000 UTC;0.000042000;1795850856.901679000;33:33:00:00:00:02 08:00:27:5e:01:05");
    }

    @Test
    void jsonArrays() throws Exception {
        Run r = run("packets", sample(), "-Y", "udp.port == 53", "-c", "2", "-T", "json", "-e", "frame.number", "-e", "udp.port", "-e", "tcp.port");
        assertThat(r.code()).isZero();
        JsonNode a = Json.mapper().readTree(r.out());
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.get(0).get("frame.number").get(0).asText()).isEqualTo("7");
        assertThat(a.get(0).get("udp.port").toString()).isEqualTo("[\"56634\",\"53\"]");
        assertThat(a.get(0).has("tcp.port")).isFalse();
        Run summary = run("packets", sample(), "-Y", "arp", "-c", "1", "-T", "json");
        JsonNode s = Json.mapper().readTree(summary.out()).get(0);
        assertThat(s.get("number").asLong()).isEqualTo(5);
        assertThat(s.get("protocol").asText()).isEqualTo("ARP");
        assertThat(s.get("info").asText()).isEqualTo("Who has 10.251.96.2? Tell 10.251.96.9");
        assertThat(s.get("length").asInt()).isEqualTo(42);
    }

    @Test
    void emptySelectionIsAnEmptyJsonArray() throws Exception {
        Run r = run("packets", sample(), "-Y", "ipv6.addr == 2001:db8::/32", "-T", "json");
        assertThat(r.code()).isZero();
        assertThat(Json.mapper().readTree(r.out()).size()).isZero();
    }

    @Test
    void usageErrorsExit2() {
        assertThat(run("packets", sample(), "-T", "fields").code()).isEqualTo(2);
        assertThat(run("packets", sample(), "-T", "fields", "-e", "no.such.field").err()).contains("unknown field 'no.such.field'");
        assertThat(run("packets", sample(), "-T", "xml").code()).isEqualTo(2);
        assertThat(run("packets", sample(), "-e", "ip.src").code()).isEqualTo(2);
        assertThat(run("packets", sample(), "-T", "fields", "-e", "ip.src", "-E", "bogus=1").code()).isEqualTo(2);
        assertThat(run("packets", "/nonexistent.pcap").code()).isEqualTo(2);
    }
}
