package org.nta.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The header lines of an HTTP message (or trailers, or a multipart part) in wire order, duplicates kept. Lookups
 * ignore the case of the name.
 */
public record HttpHeaders(List<HttpHeader> list) {
    public static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    public HttpHeaders {
        list = List.copyOf(list);
    }

    /** Value of the first header with this name, or null when there is none. */
    public String first(String name) {
        List<HttpHeader> l = list;
        int len = name.length();
        for (int i = 0, n = l.size(); i < n; i++) {
            HttpHeader h = l.get(i);
            if (named(h.name(), name, len)) return h.value();
        }
        return null;
    }

    /** Values of all headers with this name, in order (an unmodifiable list; no allocation when there are none). */
    public List<String> all(String name) {
        List<HttpHeader> l = list;
        int len = name.length();
        String one = null;
        List<String> more = null;
        for (int i = 0, n = l.size(); i < n; i++) {
            HttpHeader h = l.get(i);
            if (!named(h.name(), name, len)) continue;
            if (one == null) {
                one = h.value();
            } else {
                if (more == null) {
                    more = new ArrayList<>(4);
                    more.add(one);
                }
                more.add(h.value());
            }
        }
        return more != null ? Collections.unmodifiableList(more) : one != null ? List.of(one) : List.of();
    }

    /**
     * The names match ignoring case. Most lookups miss, so what tells names apart cheaply comes first: the length,
     * then the first letter folded to lower case, in ASCII only (names of one length mostly differ there: Host/Date,
     * Accept/Server); a hit is most often the same spelling, which a plain comparison confirms faster than one that
     * folds every letter.
     */
    private static boolean named(String header, String name, int len) {
        if (header == name) return true;
        if (header.length() != len) return false;
        if (len == 0) return true;
        char a = header.charAt(0), b = name.charAt(0);
        if (a < 0x80 && b < 0x80 && (a | 0x20) != (b | 0x20)) return false; // other scripts fold otherwise
        return header.equals(name) || header.equalsIgnoreCase(name);
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    public int size() {
        return list.size();
    }
}
