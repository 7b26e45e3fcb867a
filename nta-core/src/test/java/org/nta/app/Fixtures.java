package org.nta.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Test fixtures from the classpath: "key hex" text files and gzipped binaries. */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            InputStream s = path.endsWith(".gz") ? new GZIPInputStream(in) : in;
            return s.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines "key hex", '#' comments ignored, in file order. */
    public static Map<String, byte[]> hexFile(String path) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String line : new String(resource(path), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.trim().split("\\s+");
            m.put(f[0], hex(f.length > 1 ? f[1] : ""));
        }
        return m;
    }

    public static byte[] hex(String s) {
        s = s.replaceAll("[\\s:]", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    public static String hexOf(String ascii) {
        StringBuilder sb = new StringBuilder();
        for (byte x : ascii(ascii)) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
