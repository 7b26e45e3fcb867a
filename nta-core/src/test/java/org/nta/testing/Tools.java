package org.nta.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Wireshark's command-line tools for differential tests. */
public final class Tools {
    private Tools() {}

    /** Output and exit status of one tool run. */
    public record Result(int exit, String out, String err) {
    }

    public static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Runs a command with UTC as the time zone and a C locale, waiting at most {@code timeoutSec}. */
    public static Result run(long timeoutSec, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.put("TZ", "UTC");
            env.put("LC_ALL", "C");
            Path errFile = Files.createTempFile("nta-tool", ".err");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            String err = Files.readString(errFile, StandardCharsets.UTF_8);
            Files.deleteIfExists(errFile);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs and returns raw stdout bytes (for follow raw and exports). */
    public static byte[] runBytes(long timeoutSec, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("TZ", "UTC");
            pb.environment().put("LC_ALL", "C");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n", -1)) if (!l.isEmpty()) out.add(l);
        return out;
    }
}
