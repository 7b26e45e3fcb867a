package org.nta.app.snmp;

/**
 * Limits of the SNMP parser.
 *
 * @param maxVarbinds  variable bindings whose names are kept per message; more are counted as
 *                     {@code snmp.varbind_limit}
 * @param maxPending   requests awaiting their response across all flows; the oldest beyond is reported unanswered
 *                     and counted as {@code snmp.pending_limit}
 * @param maxDepth     BER nesting depth (an SNMP message nests 5 deep)
 * @param pendingNs    a request unanswered this long (capture time) is reported unanswered when the next datagram
 *                     of its flow arrives
 */
public record SnmpConfig(int maxVarbinds, int maxPending, int maxDepth, long pendingNs) {
    public static final SnmpConfig DEFAULTS = new SnmpConfig(64, 4096, 12, 30_000_000_000L);
}
