package org.nta.app.dns;

/**
 * Limits of the DNS parser. Hitting one is counted (see {@link org.nta.bytes.Anomaly}) and never throws.
 *
 * @param maxPointerHops compression pointers followed while reading one name; a legitimate name needs one or two,
 *                       more is a chain built to waste work ({@code dns.name_pointer_limit})
 * @param maxRecords     questions plus resource records decoded from one message; the rest is skipped
 *                       ({@code dns.record_limit}). Header counts are never trusted for allocation.
 */
public record DnsConfig(int maxPointerHops, int maxRecords) {
    public static final DnsConfig DEFAULTS = new DnsConfig(32, 1024);

    public DnsConfig {
        if (maxPointerHops < 1) throw new IllegalArgumentException("maxPointerHops must be at least 1");
        if (maxRecords < 1) throw new IllegalArgumentException("maxRecords must be at least 1");
    }
}
