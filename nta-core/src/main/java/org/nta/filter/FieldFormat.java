package org.nta.filter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nta.bytes.Bytes;
import org.nta.bytes.Seconds;
import org.nta.decode.Addresses;

/**
 * Field values as tshark prints them with {@code -T fields}: decimal or 0x-hex integers, 1/0 booleans, addresses
 * in their usual text, times with nanoseconds, byte strings as plain hex. Protocols print as nothing.
 */
public final class FieldFormat {
    private static final DateTimeFormatter ABS = DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss", Locale.ROOT);
    /** The zone's abbreviation at that instant (CET, CEST), as strftime's %Z. */
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    private final ZoneId zone;

    public FieldFormat(ZoneId zone) {
        this.zone = zone;
    }

    public FieldFormat() {
        this(ZoneOffset.UTC);
    }

    /** Every value of {@code field} in the frame, each as text (empty when the field is absent). */
    public List<String> values(Field field, FrameView frame) {
        Values vs = new Values();
        field.extractor().extract(frame, vs);
        List<String> out = new ArrayList<>(vs.size());
        for (int i = 0; i < vs.size(); i++) out.add(format(field, vs, i));
        return out;
    }

    public String format(Field f, Values vs, int i) {
        return switch (f.type()) {
            case PROTOCOL -> "";
            case BOOLEAN -> vs.longAt(i) != 0 ? "1" : "0";
            case UINT, INT -> f.hexDigits() > 0 ? hex(vs.longAt(i), f.hexDigits()) : Long.toString(vs.longAt(i));
            case IPV4 -> Addresses.ipv4((int) vs.longAt(i));
            case IPV6 -> Addresses.ipv6(vs.highAt(i), vs.longAt(i));
            case ETHER -> Addresses.mac(vs.longAt(i));
            case BYTES -> vs.hasBytes(i) ? Bytes.hex(vs.bytesArray(i), vs.bytesOffset(i), vs.bytesLength(i)) : "";
            case STRING -> vs.stringAt(i);
            case ABS_TIME -> absolute(vs.longAt(i));
            case REL_TIME -> Seconds.format(vs.longAt(i), 9);
        };
    }

    static String hex(long v, int digits) {
        StringBuilder s = new StringBuilder(Long.toHexString(v));
        while (s.length() < digits) s.insert(0, '0');
        return "0x" + s;
    }

    /** "Nov 28, 2026 07:27:36.901637000 UTC", as Wireshark shows frame.time. */
    String absolute(long ns) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
        ZonedDateTime z = t.atZone(zone);
        String name = zone.equals(ZoneOffset.UTC) ? "UTC" : ZONE.format(z);
        return ABS.format(z) + "." + String.format("%09d", z.getNano()) + " " + name;
    }
}
