package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Errors a command does not survive (out of memory, stack overflow) end in one line on stderr and exit 1. */
class FatalErrorTest {
    @Test
    void outOfMemorySaysHowToGiveMore() {
        StringWriter w = new StringWriter();
        int code = Main.fatal(new OutOfMemoryError("Java heap space"), new PrintWriter(w));
        assertThat(code).isEqualTo(Main.EXIT_INTERNAL);
        assertThat(w.toString()).startsWith("nta: out of memory").contains("JAVA_OPTS=-Xmx").contains("-Xmx4g -jar");
        assertThat(w.toString().trim().lines()).hasSize(1);
    }

    @Test
    void stackOverflowAndOtherErrorsAreOneLineToo() {
        StringWriter w = new StringWriter();
        assertThat(Main.fatal(new StackOverflowError(), new PrintWriter(w))).isEqualTo(Main.EXIT_INTERNAL);
        assertThat(w.toString()).startsWith("nta: out of stack space").contains("-Xss");
        StringWriter v = new StringWriter();
        assertThat(Main.fatal(new AssertionError("boom"), new PrintWriter(v))).isEqualTo(Main.EXIT_INTERNAL);
        assertThat(v.toString().trim()).isEqualTo("nta: internal error, please report it: java.lang.AssertionError: boom");
    }

    /** The real thing: analyze of the sample capture in a 6 MB heap runs out of memory. */
    @Test
    void aRealOutOfMemoryEndsWithTheMessageAndNoStackTrace() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-Xmx6m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "analyze", BadInputTest.SAMPLE.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err.trim()).isEqualTo(Main.OUT_OF_MEMORY);
    }
}
