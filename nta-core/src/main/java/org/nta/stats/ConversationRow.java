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

    ConversationRow merge(ConversationRow o, long captureStartNs) {
        long start = Math.min(startNs, o.startNs);
        long end = Math.max(startNs + durationNs, o.startNs + o.durationNs);
        return new ConversationRow(type, aAddr, aPort, bAddr, bPort, framesAB + o.framesAB, bytesAB + o.bytesAB,
                framesBA + o.framesBA, bytesBA + o.bytesBA, start, start - captureStartNs, end - start, stream,
                o.state, history, Math.min(firstFrame, o.firstFrame), Math.max(lastFrame, o.lastFrame));
    }
}
