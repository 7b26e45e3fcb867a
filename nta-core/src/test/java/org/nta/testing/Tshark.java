package org.nta.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs tshark for differential tests and caches its standard output, keyed by tshark's version line, the capture's
 * SHA-256 and the command's arguments other than the capture's path: the same question asked of the same bytes by
 * the same tshark has the same answer, so the cache outlives a checkout. It lives in {@code $NTA_TSHARK_CACHE}, else
 * {@code ~/.cache/nta/tshark} (a clean checkout in CI on the same machine starts warm); delete it at will.
 */
public final class Tshark {
    private Tshark() {}

    private static String version;
    private static final java.util.Map<Path, String> DIGESTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Where the answers are kept. */
    static Path dir() {
        String env = System.getenv("NTA_TSHARK_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "nta", "tshark");
    }

    /** The capture's SHA-256, read once per run. */
    private static String digest(Path capture) {
        return DIGESTS.computeIfAbsent(capture.toAbsolutePath().normalize(), p -> {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + p, e);
            }
        });
    }

    /** tshark's "TShark (Wireshark) x.y.z" line, asked once per run. */
    static synchronized String version() {
        if (version == null) version = Tools.run(30, "tshark", "-v").out().lines().filter(l -> l.startsWith("TShark")).findFirst().orElse("");
        return version;
    }

    /** tshark's standard output for {@code cmd}, which reads {@code capture}; fails when tshark exits non-zero. */
    public static String cached(Path capture, List<String> cmd) throws Exception {
        List<String> args = new ArrayList<>(cmd);
        args.replaceAll(a -> a.equals(capture.toString()) ? "CAPTURE" : a);
        return cached(capture, cmd, String.join("\0", args));
    }

    private static String cached(Path capture, List<String> cmd, String key) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((version() + "\n" + digest(capture) + "\n" + key).getBytes(StandardCharsets.UTF_8));
        Path cache = dir().resolve(HexFormat.of().formatHex(md.digest()) + ".txt");
        if (Files.exists(cache)) return Files.readString(cache);
        Tools.Result r = Tools.run(300, cmd.toArray(String[]::new));
        if (r.exit() != 0) throw new IllegalStateException("tshark failed (exit " + r.exit() + ") on " + capture + ": " + r.err());
        Files.createDirectories(cache.getParent());
        // written beside and moved into place, so that a run killed midway or a parallel run never reads half an answer
        Path tmp = Files.createTempFile(cache.getParent(), "answer", ".tmp");
        Files.writeString(tmp, r.out());
        Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return r.out();
    }

    /**
     * The frames {@code tshark -2 -n -r capture -Y filter} selects, cached under the key DisplayFilterDifferentialTest
     * always used (the filter alone), so caches it filled stay valid.
     */
    public static List<Long> frames(Path capture, String filter) throws Exception {
        String out = cached(capture, List.of("tshark", "-2", "-n", "-r", capture.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number"), filter);
        List<Long> frames = new ArrayList<>();
        for (String l : out.split("\n")) if (!l.isBlank()) frames.add(Long.parseLong(l.strip()));
        return frames;
    }
}
