package org.nta.capture;

/**
 * A capture interface: pcap files have one, pcapng files one per interface description block.
 *
 * @param section     pcapng section index (0 for pcap)
 * @param linkType    LINKTYPE_* value
 * @param snaplen     snapshot length (0 = unlimited in pcapng)
 * @param tsUnitsPerSecond timestamp ticks per second (1e6, 1e9 or as if_tsresol says)
 * @param name        if_name option or null
 */
public record InterfaceInfo(int section, int linkType, long snaplen, long tsUnitsPerSecond, long tsOffsetSec,
                            String name, String description) {
}
