package org.nta.app.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parameters of structured header values such as {@code multipart/form-data; boundary="x"} or
 * {@code form-data; name="f"; filename*=UTF-8''%e2%82%ac.txt}: quoted strings with backslash escapes, names compared
 * without case, first occurrence wins, RFC 5987 extended values decoded.
 */
public final class HeaderParams {
    /** RFC 2045 tspecials. */
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private HeaderParams() {}

    /** The value before the first ';', trimmed and lower-cased ({@code multipart/form-data}), or "" for null. */
    public static String mainValue(String value) {
        if (value == null) return "";
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Parameters after the main value, lower-case names to values (quotes removed), in order. */
    public static Map<String, String> params(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) return out;
        int i = value.indexOf(';');
        if (i < 0) return out;
        int n = value.length();
        i++;
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ';')) i++;
            int nameStart = i;
            while (i < n && value.charAt(i) != '=' && value.charAt(i) != ';') i++;
            String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            String v = "";
            if (i < n && value.charAt(i) == '=') {
                i++;
                while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) i++;
                if (i < n && value.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (i < n && value.charAt(i) != '"') {
                        char c = value.charAt(i);
                        // a backslash escapes only a separator (\" \\): Windows paths that browsers send in
                        // filename="C:\temp\x.txt" keep theirs, as Go's and Python's parsers keep them
                        if (c == '\\' && i + 1 < n && TSPECIALS.indexOf(value.charAt(i + 1)) >= 0) c = value.charAt(++i);
                        sb.append(c);
                        i++;
                    }
                    i++; // closing quote (or past the end)
                    v = sb.toString();
                    while (i < n && value.charAt(i) != ';') i++;
                } else {
                    int vs = i;
                    while (i < n && value.charAt(i) != ';') i++;
                    v = value.substring(vs, i).trim();
                }
            }
            if (!name.isEmpty()) out.putIfAbsent(name, v);
        }
        return out;
    }

    public static String param(String value, String name) {
        return params(value).get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The value of an RFC 5987 extended parameter ({@code UTF-8'en'%e2%82%ac%20rates}) decoded; a value in an unknown
     * charset or without the two quotes is percent-decoded as UTF-8/ISO-8859-1.
     */
    public static String decodeExtended(String ext) {
        int q1 = ext.indexOf('\'');
        int q2 = q1 < 0 ? -1 : ext.indexOf('\'', q1 + 1);
        if (q2 < 0) return UrlCodec.decodePath(ext);
        String charset = ext.substring(0, q1).trim();
        String encoded = ext.substring(q2 + 1);
        Charset cs = null;
        if (charset.equalsIgnoreCase("iso-8859-1")) cs = StandardCharsets.ISO_8859_1;
        if (cs == null) return UrlCodec.decodePath(encoded);
        byte[] bytes = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && UrlCodec.hex(encoded.charAt(i + 1)) >= 0
                    && UrlCodec.hex(encoded.charAt(i + 2)) >= 0) {
                bytes[n++] = (byte) (UrlCodec.hex(encoded.charAt(i + 1)) << 4 | UrlCodec.hex(encoded.charAt(i + 2)));
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, cs);
    }
}
