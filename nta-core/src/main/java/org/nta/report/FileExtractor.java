package org.nta.report;

import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;
import org.nta.event.TransferredFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes file objects into a directory under safe, unique names (see {@link SafeFileNames}) and a manifest of what
 * was written ({@code manifest.json} and {@code manifest.csv}, replaced on each run). Existing files are never
 * overwritten. Only the kept bytes are written: a truncated file says so in the manifest, with its full size and
 * SHA-256. HTTP objects ({@link HttpFileObject}) and files of other protocols ({@link TransferredFile}: FTP transfers
 * and listings) are listed alike, with the same columns.
 *
 * <p>A {@link #staged} extractor holds each file as it comes (in memory up to {@link #STAGE_MEMORY} bytes in all,
 * past that in a hidden staging folder inside the directory) and decides at {@link #finish(Predicate)} which to keep
 * (written or moved into the directory and listed) and which to drop, for runs that only know at the end which files
 * matter: most are dropped, and creating a file costs far more than holding a few kilobytes.
 */
public final class FileExtractor {
    public static final String MANIFEST_JSON = "manifest.json";
    public static final String MANIFEST_CSV = "manifest.csv";
    public static final List<String> COLUMNS = List.of("frame", "stream", "direction", "source", "original_name", "saved_name",
            "size", "saved_bytes", "sha256", "mime_type", "declared_type", "truncated", "incomplete");

    private final Path dir;
    private final Set<String> reserved = Set.of(MANIFEST_JSON, MANIFEST_CSV);
    private final List<Entry> entries = new ArrayList<>();
    /** Per name, the number the next file of that name tries first (see SafeFileNames#createUnique). */
    private final Map<String, Integer> nextNumber = new java.util.HashMap<>();
    /** Bytes of staged files held in memory across all of them; the rest waits on disk. */
    public static final long STAGE_MEMORY = 32L << 20;

    private final boolean staged;
    private final long stageMemory;
    private final List<Staged> pending = new ArrayList<>();
    private Path staging;
    private long heldBytes;

    /** An extractor that writes each file as it comes (so no file waits in memory) into {@code dir}. */
    public FileExtractor(Path dir) throws IOException {
        this(dir, false, 0);
    }

    private FileExtractor(Path dir, boolean staged, long stageMemory) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.staged = staged;
        this.stageMemory = stageMemory;
    }

    /** An extractor whose files wait (in memory, then in a staging folder inside {@code dir}) for {@link #finish(Predicate)}. */
    public static FileExtractor staged(Path dir) throws IOException {
        return staged(dir, STAGE_MEMORY);
    }

    /**
     * A staged extractor holding at most {@code memory} bytes of files in memory: one of several that share a
     * directory (one per sensor's run) takes its share of {@link #STAGE_MEMORY}.
     */
    public static FileExtractor staged(Path dir, long memory) throws IOException {
        return new FileExtractor(dir, true, memory);
    }

    /** The parts of a file object the extractor reads, whatever protocol carried it. */
    private record Obj(ConnInfo conn, long frame, String direction, String source, String originalName, long size,
                       String sha256, String mimeType, String declaredType, boolean truncated, boolean incomplete,
                       int keptLength, java.util.function.Supplier<byte[]> bytes, String defaultName) {
        static Obj of(HttpFileObject f) {
            return new Obj(f.conn(), f.frame(), f.direction().id(), f.source().id(), f.originalName(), f.size(), f.sha256(),
                    f.mimeType(), f.declaredType(), f.truncated(), f.incomplete(), f.keptLength(), f::bytes,
                    "http-" + f.frame() + extension(f.mimeType()));
        }

        static Obj of(TransferredFile f) {
            String stem = f.protocol() + "-" + (f.source().equals("listing") ? "listing-" : "") + f.frame();
            return new Obj(f.conn(), f.frame(), f.direction().id(), f.source(), f.originalName(), f.size(), f.sha256(),
                    f.mimeType(), f.declaredType(), f.truncated(), f.incomplete(), f.keptLength(), f::bytes,
                    stem + extension(f.mimeType()));
        }
    }

    /** Writes one file now; returns its manifest entry (for a staged extractor: held, without a saved name yet). */
    public Entry add(HttpFileObject f) throws IOException {
        return add(Obj.of(f));
    }

    /** The same for a file of another protocol (an FTP transfer or listing). */
    public Entry add(TransferredFile f) throws IOException {
        return add(Obj.of(f));
    }

    private Entry add(Obj f) throws IOException {
        if (staged) {
            Entry e;
            byte[] held = null;
            if (heldBytes + f.keptLength() <= stageMemory) {
                held = f.bytes().get();
                heldBytes += held.length;
                e = entry(f, null, held.length);
            } else {
                if (staging == null) staging = Files.createTempDirectory(dir, ".nta-staging-");
                e = write(staging, "f" + pending.size(), f, Set.of());
            }
            pending.add(new Staged(new Candidate(e, f.conn().clientAddr(), f.conn().serverAddr()), name(f), held));
            return e;
        }
        Entry e = write(dir, name(f), f, reserved);
        entries.add(e);
        return e;
    }

    /** Deletes the staged files and their folder (the run failed); written files stay. */
    public void abandon() {
        pending.clear();
        heldBytes = 0;
        if (staging == null) return;
        try (var files = Files.list(staging)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
            Files.deleteIfExists(staging);
        } catch (IOException ignored) {
            // best effort: the folder is hidden and named as NTA's
        }
        staging = null;
    }

    /** A staged file, with the addresses of its connection, for the decision to keep it. */
    public record Candidate(Entry entry, String clientAddr, String serverAddr) {}

    /** {@code held}: the bytes, or null when they wait in the staging folder under the entry's saved name. */
    private record Staged(Candidate candidate, String name, byte[] held) {}

    /** The manifest entry of a file that is listed, not written. */
    public static Entry describe(HttpFileObject f) {
        return entry(Obj.of(f), null, 0);
    }

    /** The manifest entry of a file of another protocol that is listed, not written. */
    public static Entry describe(TransferredFile f) {
        return entry(Obj.of(f), null, 0);
    }

    /** Writes both manifests; returns the entries in the order the files were written (staged files: all kept). */
    public List<Entry> finish() throws IOException {
        return finish(c -> true);
    }

    /**
     * Moves the staged files that {@code keep} accepts into the directory, under safe unique names, deletes the
     * others and the staging folder, and writes both manifests; returns the entries of the files kept.
     */
    public List<Entry> finish(Predicate<Candidate> keep) throws IOException {
        keep(keep);
        Files.writeString(dir.resolve(MANIFEST_JSON), manifestJson(entries), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MANIFEST_CSV), manifestCsv(entries), StandardCharsets.UTF_8);
        return List.copyOf(entries);
    }

    /**
     * {@link #finish(Predicate)} without the manifests, for extractors that share a directory and one manifest
     * (several sensors' runs, kept one after the other so the names do not depend on timing): returns the entries of
     * the files kept now.
     */
    public List<Entry> keep(Predicate<Candidate> keep) throws IOException {
        int before = entries.size();
        for (Staged s : pending) {
            Entry e = s.candidate().entry();
            Path waiting = s.held() == null ? staging.resolve(e.savedName()) : null;
            if (keep.test(s.candidate())) {
                Path p = SafeFileNames.createUnique(dir, s.name(), e.frame(), reserved, nextNumber);
                if (waiting == null) Files.write(p, s.held(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                else Files.move(waiting, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                entries.add(e.savedAs(p.getFileName().toString()));
            } else if (waiting != null) {
                Files.delete(waiting);
            }
        }
        pending.clear();
        heldBytes = 0;
        if (staging != null) Files.delete(staging);
        staging = null;
        return List.copyOf(entries.subList(before, entries.size()));
    }

    /** Writes both manifests of rows with {@code columns} (the CSV's; the JSON keeps each row's own fields). */
    public static void writeManifests(Path dir, List<String> columns, List<Map<String, Object>> rows) throws IOException {
        Files.writeString(dir.resolve(MANIFEST_JSON), Json.write(rows) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MANIFEST_CSV), Csv.write(columns, rows), StandardCharsets.UTF_8);
    }

    private static String name(Obj f) {
        return f.originalName() == null || f.originalName().isBlank() ? f.defaultName() : f.originalName();
    }

    private Entry write(Path dir, String name, Obj f, Set<String> reserved) throws IOException {
        Path p = SafeFileNames.createUnique(dir, name, f.frame(), reserved, nextNumber);
        byte[] bytes = f.bytes().get();
        Files.write(p, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return entry(f, p.getFileName().toString(), bytes.length);
    }

    private static Entry entry(Obj f, String savedName, long savedBytes) {
        return new Entry(f.frame(), f.conn().stream(), f.direction(), f.source(), f.originalName(), savedName,
                f.size(), savedBytes, f.sha256(), f.mimeType(), f.declaredType(), f.truncated(), f.incomplete());
    }

    /** One written file. */
    public record Entry(long frame, int stream, String direction, String source, String originalName, String savedName,
                        long size,
                        long savedBytes, String sha256, String mimeType, String declaredType, boolean truncated,
                        boolean incomplete) {
        Entry savedAs(String name) {
            return new Entry(frame, stream, direction, source, originalName, name, size, savedBytes, sha256, mimeType,
                    declaredType, truncated, incomplete);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", frame);
            m.put("stream", stream);
            m.put("direction", direction);
            m.put("source", source);
            m.put("original_name", originalName);
            m.put("saved_name", savedName);
            m.put("size", size);
            m.put("saved_bytes", savedBytes);
            m.put("sha256", sha256);
            m.put("mime_type", mimeType);
            m.put("declared_type", declaredType);
            m.put("truncated", truncated);
            m.put("incomplete", incomplete);
            return m;
        }
    }

    /** Writes every file and both manifests into {@code dir} (created if needed); returns the manifest entries. */
    public static List<Entry> extract(List<HttpFileObject> files, Path dir) throws IOException {
        FileExtractor x = new FileExtractor(dir);
        for (HttpFileObject f : files) x.add(f);
        return x.finish();
    }

    public static String manifestJson(List<Entry> entries) {
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) rows.add(e.toMap());
        return Json.write(rows) + "\n";
    }

    public static String manifestCsv(List<Entry> entries) {
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) rows.add(e.toMap());
        return Csv.write(COLUMNS, rows);
    }

    /** A file extension for a detected MIME type, for files that came without a name. */
    static String extension(String mime) {
        return switch (mime) {
            case "text/html" -> ".html";
            case "text/plain" -> ".txt";
            case "application/json" -> ".json";
            case "application/xml" -> ".xml";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/svg+xml" -> ".svg";
            case "application/pdf" -> ".pdf";
            case "application/zip" -> ".zip";
            case "application/gzip" -> ".gz";
            case "application/x-httpd-php" -> ".php";
            case "text/x-shellscript" -> ".sh";
            case "application/vnd.microsoft.portable-executable" -> ".exe";
            case "application/x-executable" -> ".elf";
            default -> ".bin";
        };
    }
}
