package org.nta.flow;

/**
 * Flow table limits, in capture time.
 *
 * @param tcpClosedTimeoutSec  a TCP flow that ended (FIN both ways, or RST) is released after this long
 * @param tcpIdleTimeoutSec    an open TCP flow with no packets for this long is released
 * @param udpIdleTimeoutSec    a UDP flow with no packets for this long is released
 * @param maxTombstones        released flows remembered so that a late packet keeps Wireshark's stream index
 * @param maxFlows             live flows at once; the least recently seen is released beyond this
 */
public record FlowConfig(long tcpClosedTimeoutSec, long tcpIdleTimeoutSec, long udpIdleTimeoutSec, int maxTombstones,
                         int maxFlows) {
    public static final FlowConfig DEFAULTS = new FlowConfig(30, 900, 180, 200_000, 1_000_000);

    long minTimeoutNs() {
        return Math.min(tcpClosedTimeoutSec, Math.min(tcpIdleTimeoutSec, udpIdleTimeoutSec)) * 1_000_000_000L;
    }
}
