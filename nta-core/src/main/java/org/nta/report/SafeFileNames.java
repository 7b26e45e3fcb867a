package org.nta.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Maps a name taken from traffic (an attacker controls it) to a file name that is safe inside an extraction
 * directory: only the last path component survives ({@code ../../x}, {@code /etc/passwd}, {@code C:\x}, backslashes),
 * control, format (bidi override) and shell-special characters become '_', leading dots cannot hide the file or
 * climb, Windows device names are defused, the length is bounded (extension kept), the result is never empty, and
 * {@link #createUnique} never overwrites an existing file.
 */
public final class SafeFileNames {
    /** Longest name produced, in UTF-8 bytes (file systems allow 255). */
    public static final int MAX_BYTES = 120;
    /** Longest extension kept when a name is shortened. */
    static final int MAX_EXTENSION = 16;
    public static final String FALLBACK = "file";
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9", "conin$", "conout$");

    private SafeFileNames() {}

    /** A safe, non-empty single file name for {@code original} (null and "" give {@link #FALLBACK}). */
    public static String sanitize(String original) {
        if (original == null) return FALLBACK;
        String s = original.replace('\\', '/');
        int slash = s.lastIndexOf('/');
        if (slash >= 0) s = s.substring(slash + 1);
        if (s.length() >= 2 && s.charAt(1) == ':' && Character.isLetter(s.charAt(0)) && s.charAt(0) < 0x80) {
            s = s.substring(2);
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(allowed(cp) ? cp : '_'));
        int i = 0;
        while (i < sb.length() && sb.charAt(i) == '.') sb.setCharAt(i++, '_');
        int end = sb.length();
        while (end > 0 && (sb.charAt(end - 1) == '.' || sb.charAt(end - 1) == ' ')) end--;
        sb.setLength(end);
        String r = sb.toString();
        if (r.isEmpty()) return FALLBACK;
        int dot = r.indexOf('.');
        String base = (dot < 0 ? r : r.substring(0, dot)).toLowerCase(Locale.ROOT);
        if (WINDOWS_DEVICES.contains(base)) r = "_" + r;
        return shorten(r, MAX_BYTES);
    }

    private static boolean allowed(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9'
                    || cp == '.' || cp == '-' || cp == '_' || cp == '+' || cp == '@' || cp == '=' || cp == ',';
        }
        return Character.isLetterOrDigit(cp);
    }

    /** Cuts {@code name} to at most {@code maxBytes} UTF-8 bytes, keeping a short extension. */
    static String shorten(String name, int maxBytes) {
        if (utf8Length(name) <= maxBytes) return name;
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        String base = ext.isEmpty() ? name : name.substring(0, dot);
        int budget = maxBytes - utf8Length(ext);
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int n = utf8Length(new String(Character.toChars(cp)));
            if (used + n > budget) break;
            sb.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return sb + ext;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Creates a new empty file for {@code safeName} in {@code dir} and returns it: the name itself, else
     * {@code name-1.ext}, {@code name-2.ext} ... and finally {@code name-f<frame>-<n>.ext}. Creation is atomic, so an
     * existing file (or symlink) is never overwritten or followed. Names in {@code reserved} are skipped.
     */
    public static Path createUnique(Path dir, String safeName, long frame, Set<String> reserved) throws IOException {
        return createUnique(dir, safeName, frame, reserved, new java.util.HashMap<>());
    }

    /**
     * The same, skipping the numbered names {@code next} says are taken for the name and leaving there the number
     * after the name taken: a writer of thousands of files of one name (index.php) then tries a few names per file,
     * not all the taken ones again each time. The names are those the plain form gives.
     */
    public static Path createUnique(Path dir, String safeName, long frame, Set<String> reserved,
                                    java.util.Map<String, Integer> next) throws IOException {
        String name = sanitize(safeName);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Path root = dir.toAbsolutePath().normalize();
        // the numbered names are skipped once taken; the frame's own names start again at 1 for each frame
        for (int n = Math.min(next.getOrDefault(name, 0), 101); ; n++) {
            String candidate = n == 0 ? name
                    : n <= 100 ? shorten(base, MAX_BYTES - 8 - ext.length()) + "-" + n + ext
                    : shorten(base, MAX_BYTES - 30 - ext.length()) + "-f" + frame + "-" + (n - 100) + ext;
            if (reserved.contains(candidate)) continue;
            Path p = root.resolve(candidate).normalize();
            if (!p.getParent().equals(root)) throw new IOException("unsafe file name: " + candidate);
            try {
                Path created = Files.createFile(p);
                next.put(name, n + 1);
                return created;
            } catch (FileAlreadyExistsException e) {
                if (n > 100_000) throw e;
            }
        }
    }
}
