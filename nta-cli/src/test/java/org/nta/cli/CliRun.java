package org.nta.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and keeps what it printed. */
record CliRun(int exit, String out, String err, long millis) {
    static CliRun of(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        long t0 = System.nanoTime();
        int code;
        try (PrintWriter out = new PrintWriter(o); PrintWriter err = new PrintWriter(e)) {
            code = Main.execute(out, err, args);
        }
        return new CliRun(code, o.toString(), e.toString(), (System.nanoTime() - t0) / 1_000_000);
    }
}
