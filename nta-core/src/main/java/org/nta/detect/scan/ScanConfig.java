package org.nta.detect.scan;

/**
 * Port scan and host sweep thresholds.
 *
 * @param minPorts        distinct ports of one host probed by one source to call it a port scan
 * @param minHosts        distinct hosts probed on one port (or pinged) by one source to call it a host sweep
 * @param maxProbePackets packets a probe flow may have (both ways) and still count as a probe
 * @param maxPairs        source/target pairs tracked at once (the least recent is dropped beyond this)
 * @param repeatGraceSec  a repeated probe of a port counts as part of the scan only this long after the last new port
 * @param minBurstPorts   fewer ports than minPorts still make a scan when at least this many are probed within
 *                        burstWindowSec and most of them are refused (RST, ICMP port unreachable)
 * @param sweepWindowSec  a host sweep needs minHosts hosts first probed within this many seconds
 */
public record ScanConfig(int minPorts, int minHosts, int maxProbePackets, int maxPairs, long repeatGraceSec,
                         int minBurstPorts, long burstWindowSec, long sweepWindowSec) {
    public static final ScanConfig DEFAULTS = new ScanConfig(20, 10, 8, 100_000, 10, 8, 3, 120);
}
