package org.nta.detect.c2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Indicators an analyst supplies ({@code nta analyze --intel FILE}): one per line, plain text or CSV, the indicator
 * first and an optional label after a comma, tab or space; {@code #} starts a comment. Kinds are told from the
 * indicator's shape: IPv4/IPv6 address, network (CIDR), URL, SHA-256 (64 hex), JA3 (32 hex), JA4
 * ({@code t13d1516h2_8daaf6152771_e5627efa2ab1}), else a domain (matching its subdomains too). Nothing is fetched.
 */
public final class IntelSet {
    public static final IntelSet EMPTY = new IntelSet(List.of(), 0);

    /** One indicator as written, its kind and label. {@code line} is its line in the file. */
    public record Indicator(String value, String kind, String label, int line) {
    }

    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern JA4 = Pattern.compile("[tqd][0-9s][0-9a-z]d?[id][0-9]{2}[0-9]{2}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)+");

    private final List<Indicator> indicators;
    private final int skipped;
    final Map<String, Indicator> addresses = new HashMap<>(), domains = new HashMap<>(), hashes = new HashMap<>(),
            ja3 = new HashMap<>(), ja4 = new HashMap<>();
    final List<Indicator> urls = new ArrayList<>();
    final List<Object[]> networks = new ArrayList<>(); // {byte[] net, Integer bits, Indicator}

    private IntelSet(List<Indicator> indicators, int skipped) {
        this.indicators = List.copyOf(indicators);
        this.skipped = skipped;
        for (Indicator i : indicators) {
            switch (i.kind()) {
                case "ip" -> addresses.putIfAbsent(canonical(i.value()), i);
                case "cidr" -> {
                    int slash = i.value().indexOf('/');
                    byte[] net = bytes(i.value().substring(0, slash));
                    networks.add(new Object[] {net, Integer.parseInt(i.value().substring(slash + 1)), i});
                }
                case "domain" -> domains.putIfAbsent(i.value(), i);
                case "sha256" -> hashes.putIfAbsent(i.value(), i);
                case "ja3" -> ja3.putIfAbsent(i.value(), i);
                case "ja4" -> ja4.putIfAbsent(i.value(), i);
                case "url" -> urls.add(i);
                default -> { }
            }
        }
    }

    public static IntelSet read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses the text; lines that are no indicator (a CSV header, garbage) are counted in {@link #skipped()}. */
    public static IntelSet parse(String text) {
        List<Indicator> out = new ArrayList<>();
        int skipped = 0, n = 0;
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                String l = line.strip();
                if (l.startsWith("\uFEFF")) l = l.substring(1);
                if (l.isEmpty() || l.startsWith("#")) continue;
                int cut = -1;
                for (int i = 0; i < l.length(); i++) {
                    char c = l.charAt(i);
                    if (c == ',' || c == '\t' || c == ' ' || c == ';') {
                        cut = i;
                        break;
                    }
                }
                String value = unquote(cut < 0 ? l : l.substring(0, cut));
                String label = cut < 0 ? "" : unquote(l.substring(cut + 1).strip().replaceFirst("^[,;\\t ]+", ""));
                String kind = kind(value);
                if (kind == null) {
                    skipped++;
                    continue;
                }
                String v = switch (kind) {
                    case "domain" -> value.toLowerCase(Locale.ROOT).replaceFirst("^\\*?\\.", "").replaceFirst("\\.$", "");
                    case "sha256", "ja3", "ja4" -> value.toLowerCase(Locale.ROOT);
                    default -> value;
                };
                out.add(new Indicator(v, kind, label, n));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new IntelSet(out, skipped);
    }

    private static String unquote(String s) {
        s = s.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static String kind(String v) {
        if (v.isEmpty()) return null;
        if (v.contains("://")) return "url";
        int slash = v.indexOf('/');
        if (slash > 0) {
            String ip = v.substring(0, slash), bits = v.substring(slash + 1);
            byte[] b = bytes(ip);
            if (b == null || !bits.matches("\\d{1,3}") || Integer.parseInt(bits) > b.length * 8) return null;
            return "cidr";
        }
        if (bytes(v) != null) return "ip";
        if (HEX64.matcher(v).matches()) return "sha256";
        if (HEX32.matcher(v).matches()) return "ja3";
        if (JA4.matcher(v.toLowerCase(Locale.ROOT)).matches()) return "ja4";
        String d = v.toLowerCase(Locale.ROOT).replaceFirst("^\\*?\\.", "").replaceFirst("\\.$", "");
        if (DOMAIN.matcher(d).matches() && !d.chars().allMatch(c -> c == '.' || Character.isDigit(c))) return "domain";
        return null;
    }

    /** The address's bytes (literal IPv4 or IPv6 only, never a name lookup), or null. */
    static byte[] bytes(String ip) {
        int[] o = Hosts.octets(ip);
        if (o != null) return new byte[] {(byte) o[0], (byte) o[1], (byte) o[2], (byte) o[3]};
        if (ip.indexOf(':') < 0 || !ip.matches("[0-9a-fA-F:.]+")) return null;
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    static String canonical(String ip) {
        byte[] b = bytes(ip);
        return b == null ? ip : java.util.HexFormat.of().formatHex(b);
    }

    /** The indicator an address matches (itself or a network holding it), or null. */
    Indicator address(String ip) {
        if (addresses.isEmpty() && networks.isEmpty()) return null;
        byte[] b = bytes(ip);
        if (b == null) return null;
        Indicator i = addresses.get(java.util.HexFormat.of().formatHex(b));
        if (i != null) return i;
        for (Object[] n : networks) {
            byte[] net = (byte[]) n[0];
            int bits = (Integer) n[1];
            if (net.length != b.length) continue;
            boolean in = true;
            for (int k = 0; k < bits && in; k++) in = ((net[k / 8] >> (7 - k % 8)) & 1) == ((b[k / 8] >> (7 - k % 8)) & 1);
            if (in) return (Indicator) n[2];
        }
        return null;
    }

    /** The indicator a name (or one of its parent domains) matches, or null. */
    Indicator domain(String name) {
        if (domains.isEmpty() || name == null) return null;
        String n = Hosts.hostOnly(name);
        while (n != null && !n.isEmpty()) {
            Indicator i = domains.get(n);
            if (i != null) return i;
            int dot = n.indexOf('.');
            n = dot < 0 ? null : n.substring(dot + 1);
        }
        return null;
    }

    /** The URL indicator that a request's absolute URL starts with (scheme ignored, case-insensitive host), or null. */
    Indicator url(String host, String uri) {
        if (urls.isEmpty() || host == null || uri == null) return null;
        String full = Hosts.hostOnly(host) + (uri.startsWith("/") ? uri : "/" + uri);
        for (Indicator i : urls) {
            String u = i.value().substring(i.value().indexOf("://") + 3);
            int slash = u.indexOf('/');
            String h = Hosts.hostOnly(slash < 0 ? u : u.substring(0, slash));
            String rest = slash < 0 ? "/" : u.substring(slash);
            if ((h + rest).equalsIgnoreCase(full) || full.toLowerCase(Locale.ROOT).startsWith((h + rest).toLowerCase(Locale.ROOT))
                    && rest.length() > 1) {
                return i;
            }
        }
        return null;
    }

    public List<Indicator> indicators() {
        return indicators;
    }

    public int skipped() {
        return skipped;
    }

    public boolean isEmpty() {
        return indicators.isEmpty();
    }
}
