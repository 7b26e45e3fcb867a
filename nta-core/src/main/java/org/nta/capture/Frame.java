package org.nta.capture;

/**
 * One captured frame as read from the file: a view over the reader's buffer, valid until the next
 * {@link CaptureReader#next(Frame)} call. Reused for every frame; copy what must outlive it.
 */
public final class Frame {
    /** 1-based frame number in file order, as Wireshark numbers frames. */
    public long number;
    /** Capture time: seconds since the epoch and nanoseconds within that second. */
    public long tsSec;
    public int tsNanos;
    /** Bytes captured (present in {@link #data}) and bytes on the wire. */
    public int capLen;
    public int origLen;
    /** LINKTYPE_* value of this frame's interface. */
    public int linkType;
    /** Interface index within the section (0 for pcap). */
    public int iface;
    /** The captured bytes are data[offset, offset + capLen). */
    public byte[] data;
    public int offset;
    /** Offset of this record in the decompressed capture stream. */
    public long fileOffset;

    /** Capture time in nanoseconds since the epoch (overflows after the year 2262). */
    public long epochNanos() {
        return tsSec * 1_000_000_000L + tsNanos;
    }

    public Frame copy() {
        Frame f = new Frame();
        f.number = number;
        f.tsSec = tsSec;
        f.tsNanos = tsNanos;
        f.capLen = capLen;
        f.origLen = origLen;
        f.linkType = linkType;
        f.iface = iface;
        f.data = java.util.Arrays.copyOfRange(data, offset, offset + capLen);
        f.offset = 0;
        f.fileOffset = fileOffset;
        return f;
    }
}
