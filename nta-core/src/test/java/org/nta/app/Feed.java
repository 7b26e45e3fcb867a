package org.nta.app;

import org.nta.reassembly.StreamHandler;

/**
 * Delivers a byte stream to a {@link StreamHandler} in chunks, the way reassembly would: chunk {@code j} arrives in
 * frame {@code firstFrame + j} at time {@code frame * 1000} ns.
 */
public final class Feed {
    private Feed() {}

    public static long timeOf(long frame) {
        return frame * 1000;
    }

    /** Chunks end at the given cut positions (ascending, exclusive of 0 and length). */
    public static long cuts(StreamHandler h, boolean fromClient, byte[] data, long firstFrame, int... cuts) {
        long frame = firstFrame;
        int start = 0;
        for (int c : cuts) {
            h.onData(fromClient, data, start, c - start, frame, timeOf(frame));
            frame++;
            start = c;
        }
        h.onData(fromClient, data, start, data.length - start, frame, timeOf(frame));
        return frame + 1;
    }

    /** One byte per frame. */
    public static long bytewise(StreamHandler h, boolean fromClient, byte[] data, long firstFrame) {
        long frame = firstFrame;
        for (int i = 0; i < data.length; i++) {
            // copy so that a handler keeping a reference to the caller's array would be caught
            byte[] one = {data[i]};
            h.onData(fromClient, one, 0, 1, frame, timeOf(frame));
            frame++;
        }
        return frame;
    }

    /** The frame that delivers byte {@code index} when the stream is cut at {@code cut} (frames f, f + 1). */
    public static long frameOfByte(int index, int cut, long firstFrame) {
        return index < cut ? firstFrame : firstFrame + 1;
    }
}
