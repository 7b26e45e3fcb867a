package org.nta.capture;

/**
 * One file of a capture read from several files ({@link CaptureSource#openAll}): where its frames fall in the
 * numbering through all of them.
 *
 * @param firstFrame       the number of its first frame in the whole (its own frame 1); {@code lastFrame} is
 *                         {@code firstFrame - 1} for a file without frames
 * @param sha256           SHA-256 of the file as stored, when hashing was asked for, else null
 * @param problem          why reading this file stopped early (the next file was read all the same), or null
 * @param overlapsPrevious its first frame is older than the last frame of a file before it: files of two sensors,
 *                         or a clock that jumped back; they were read one after the other all the same
 * @param sensor           which sensor's run of files it belongs to (1, 2, …) when the files were split into several
 *                         runs analysed side by side ({@link SensorRuns}); 0 when all were read as one capture
 */
public record CapturePart(String file, String compression, long fileSize, long firstFrame, long lastFrame, long packets,
                          long firstNs, long lastNs, String sha256, ReadProblem problem, boolean overlapsPrevious,
                          int sensor) {
    /** A file of a capture read as one (no sensor). */
    public CapturePart(String file, String compression, long fileSize, long firstFrame, long lastFrame, long packets,
                       long firstNs, long lastNs, String sha256, ReadProblem problem, boolean overlapsPrevious) {
        this(file, compression, fileSize, firstFrame, lastFrame, packets, firstNs, lastNs, sha256, problem, overlapsPrevious, 0);
    }

    /** This file's own number for a frame of the whole, or -1 when the frame is not in it. */
    public long local(long frame) {
        return frame >= firstFrame && frame <= lastFrame ? frame - firstFrame + 1 : -1;
    }
}
