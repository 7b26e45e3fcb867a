package org.nta.stats;

/**
 * One row of the Conversations table (Wireshark's columns). Ports are -1 for Ethernet and IP rows, stream is -1
 * where Wireshark has none. Times are ns: {@code relStartNs} from the capture's first frame.
 */
public record ConversationRow(String type, String aAddr, int aPort, String bAddr, int bPort, long framesAB,
                              long bytesAB, long framesBA, long bytesBA, long startNs, long relStartNs,
                              long durationNs, int stream, String state, String history, long firstFrame,
                              long lastFrame) {
    public long frames() {
        return framesAB + framesBA;
    }

    public long bytes() {
        return bytesAB + bytesBA;
    }
}
