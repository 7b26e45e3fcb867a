package org.nta.detect.c2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Registered domains ("eTLD+1") by the Public Suffix List (https://publicsuffix.org), read from the copy shipped in
 * the jar ({@code public_suffix_list.dat}, MPL 2.0, as Debian's publicsuffix package has it): never fetched at run
 * time. Rules, wildcards and exceptions as the list's algorithm says; a name under no rule takes its last label as
 * the suffix ("*").
 */
public final class PublicSuffixes {
    public static final String RESOURCE = "/org/nta/detect/c2/public_suffix_list.dat";
    private static final PublicSuffixes DEFAULT = load();

    private final Set<String> rules, wildcards, exceptions;

    private PublicSuffixes(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
    }

    public static PublicSuffixes standard() {
        return DEFAULT;
    }

    private static PublicSuffixes load() {
        try (InputStream in = PublicSuffixes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<String> rules = new HashSet<>(16384), wild = new HashSet<>(), exc = new HashSet<>();
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("//")) continue;
                int sp = line.indexOf(' ');
                if (sp > 0) line = line.substring(0, sp);
                if (line.startsWith("!")) exc.add(ascii(line.substring(1)));
                else if (line.startsWith("*.")) wild.add(ascii(line.substring(2)));
                else rules.add(ascii(line));
            }
            return new PublicSuffixes(rules, wild, exc);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    private static String ascii(String rule) {
        for (int i = 0; i < rule.length(); i++) {
            if (rule.charAt(i) > 0x7f) {
                try {
                    return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    return rule.toLowerCase(Locale.ROOT);
                }
            }
        }
        return rule.toLowerCase(Locale.ROOT);
    }

    /** The length in characters of the public suffix at the end of a lower-case dotted name. */
    private int suffixStart(String name) {
        // walk the candidate suffixes from the longest to the shortest; the first that a rule names wins
        int start = 0;
        while (true) {
            String cand = name.substring(start);
            if (exceptions.contains(cand)) {
                int dot = cand.indexOf('.');
                return dot < 0 ? name.length() : start + dot + 1;
            }
            if (rules.contains(cand)) return start;
            int dot = cand.indexOf('.');
            if (dot < 0) return start; // the default rule "*"
            if (wildcards.contains(cand.substring(dot + 1))) return start;
            start += dot + 1;
        }
    }

    /**
     * The registered domain of a name (the public suffix and one label more), lower case and without a trailing dot;
     * the name itself when it is a public suffix or a single label; null for an empty name.
     */
    public String registeredDomain(String name) {
        if (name == null) return null;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.isEmpty() || n.startsWith("<")) return null;
        int s = suffixStart(n);
        if (s == 0) return n;
        int prev = n.lastIndexOf('.', s - 2);
        return n.substring(prev + 1);
    }

    /**
     * Whether a name's last label is a top-level suffix the list names (com, de, …): false for private names such as
     * {@code corp.lan}, {@code home.internal} or a bare host name.
     */
    public boolean listed(String name) {
        if (name == null) return false;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        String tld = n.substring(n.lastIndexOf('.') + 1);
        return !tld.isEmpty() && (rules.contains(tld) || wildcards.contains(tld));
    }
}
