package org.nta.capture;

import java.util.ArrayList;
import java.util.List;

import org.nta.bytes.AnomalyCounter;

/**
 * Reads several capture files one after another as one capture, the way a sensor's rotated files (tcpdump -C/-G,
 * dumpcap's ring buffer) continue each other: a connection cut at a rotation goes on in the next file. Frames are
 * numbered through, as Wireshark numbers the files concatenated in this order ({@code mergecap -a}); each file's
 * {@link CapturePart} says which of those frames it holds, so every frame names its file and its number there.
 * One file is open at a time. A file that ends damaged is reported and the next one is read.
 */
final class CaptureChain implements CaptureReader {
    private final List<String> paths;
    private final boolean hash;
    private final CaptureSource.Opener opener;
    private final List<CapturePart> parts = new ArrayList<>();
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final AnomalyCounter anomalies = new AnomalyCounter();
    private CaptureSource current;
    private int index;
    private int ifaceOffset;
    private long offset, doneBytes, donePosition;
    private long packets, firstNs = Long.MAX_VALUE, lastNs = Long.MIN_VALUE, lastOfPrevious = Long.MIN_VALUE;
    private ReadProblem problem;
    private final CaptureFormat format;
    private final long snaplen;
    private final int digits;
    private final int sensor;

    /** @param first the first file, already open; {@code paths} are all of them in reading order, its path first */
    CaptureChain(CaptureSource first, List<String> paths, boolean hash, CaptureSource.Opener opener) {
        this(first, paths, hash, opener, 0, 0);
    }

    /**
     * @param frameOffset the frames before these files' first one (those of the sensors read before this one), so
     *                    that its frames are numbered on from there
     * @param sensor      the number of the sensor these files are from, for its parts (0: read as one capture)
     */
    CaptureChain(CaptureSource first, List<String> paths, boolean hash, CaptureSource.Opener opener, long frameOffset, int sensor) {
        this.offset = frameOffset;
        this.sensor = sensor;
        this.paths = List.copyOf(paths);
        this.hash = hash;
        this.opener = opener;
        this.current = first;
        this.index = 0;
        this.format = first.reader().format();
        this.snaplen = first.reader().snaplen();
        this.digits = first.reader().tsPrecisionDigits();
    }

    /** The files read so far, in order, each with its frames; complete once the chain has been read to its end. */
    List<CapturePart> parts() {
        return List.copyOf(parts);
    }

    @Override
    public boolean next(Frame f) {
        while (current != null) {
            if (current.reader().next(f)) {
                f.number += offset;
                f.iface += ifaceOffset;
                long t = f.epochNanos();
                packets++;
                firstNs = Math.min(firstNs, t);
                lastNs = Math.max(lastNs, t);
                return true;
            }
            finishCurrent();
            openNext();
        }
        return false;
    }

    private void finishCurrent() {
        CaptureReader r = current.reader();
        ReadProblem p = r.problem();
        String name = current.name();
        if (p != null && problem == null) {
            problem = new ReadProblem(p.kind(), p.offset(), p.afterFrame() + offset, name + ": " + p.message());
        }
        anomalies.addAll(r.anomalies());
        interfaces.addAll(r.interfaces());
        boolean overlaps = packets > 0 && lastOfPrevious != Long.MIN_VALUE && firstNs < lastOfPrevious;
        parts.add(new CapturePart(name, current.compression(), current.fileSize(), offset + 1, offset + packets, packets,
                packets == 0 ? 0 : firstNs, packets == 0 ? 0 : lastNs, hash ? current.sha256() : null, p, overlaps, sensor));
        if (packets > 0) lastOfPrevious = Math.max(lastOfPrevious, lastNs);
        ifaceOffset = interfaces.size();
        offset += packets;
        doneBytes += current.rawBytesRead();
        donePosition += r.position();
        current.close();
        current = null;
        packets = 0;
        firstNs = Long.MAX_VALUE;
        lastNs = Long.MIN_VALUE;
    }

    private void openNext() {
        while (++index < paths.size()) {
            try {
                current = opener.open(paths.get(index), hash);
                return;
            } catch (CaptureException e) { // it opened when the files were ordered: gone or changed since
                if (problem == null) problem = new ReadProblem(ReadProblem.Kind.IO_ERROR, 0, offset, e.getMessage());
                parts.add(new CapturePart(paths.get(index), "none", -1, offset + 1, offset, 0, 0, 0, null,
                        new ReadProblem(ReadProblem.Kind.IO_ERROR, 0, 0, e.getMessage()), false, sensor));
            }
        }
    }

    /** The file being read, or the last one read once all are. */
    String currentFile() {
        return current != null ? current.name() : paths.get(Math.min(index, paths.size() - 1));
    }

    /** Bytes read from the stored files so far. */
    long rawBytesRead() {
        return doneBytes + (current == null ? 0 : current.rawBytesRead());
    }

    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        if (current == null) return List.copyOf(interfaces);
        List<InterfaceInfo> all = new ArrayList<>(interfaces);
        all.addAll(current.reader().interfaces());
        return all;
    }

    @Override
    public ReadProblem problem() {
        return problem;
    }

    @Override
    public AnomalyCounter anomalies() {
        return anomalies;
    }

    @Override
    public long position() {
        return donePosition + (current == null ? 0 : current.reader().position());
    }

    @Override
    public long snaplen() {
        return snaplen;
    }

    @Override
    public int tsPrecisionDigits() {
        return digits;
    }

    @Override
    public void close() {
        if (current != null) current.close();
        current = null;
    }
}
