package org.nta.capture;

/** Container formats NTA reads. */
public enum CaptureFormat {
    PCAP("pcap"),
    PCAPNG("pcapng");

    private final String id;

    CaptureFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
