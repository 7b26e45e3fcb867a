package org.nta.detect;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.event.TcpSession;
import org.nta.flow.Flow;

/**
 * Runs detectors on a thread of their own, fed through a small bounded queue of batches, so that on a machine with
 * a core to spare their work overlaps with reading, decoding and parsing. Released flows and events reach the
 * detectors in exactly the order they were handed over, so the findings are those of an inline run. What is in
 * flight is bounded by count and by the bytes the events hold. A detector's exception ends the thread and is
 * thrown to the caller at the next hand-over or at {@link #finish()}.
 */
final class DetectorThread {
    private static final int BATCH = 256;
    private static final long BATCH_BYTES = 1 << 20;
    /**
     * Batches in flight at most (so at most 32 MB of what events hold). The detectors run slowly while their code is
     * still interpreted, in the first half second: with 4 batches the parser waited 324 ms for them in analyze of
     * the load capture, with 32 it waits 54 ms and the detectors catch up later on their spare core.
     */
    private static final int QUEUED_BATCHES = 32;
    private static final Object[] END = new Object[0];

    private final Routes routes;
    private final ArrayBlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private Object[] batch = new Object[BATCH];
    private int size;
    private long bytes;
    private volatile Throwable failure;

    DetectorThread(List<Detector> detectors) {
        this.routes = new Routes(detectors);
        this.thread = new Thread(this::loop, "nta-detectors");
        thread.setDaemon(true);
        thread.start();
    }

    void flowEnded(Flow f) {
        add(f, 256);
    }

    void event(Event e) {
        add(e, weight(e));
    }

    /** Hands over what is left and waits until the detectors have seen all of it. */
    void finish() {
        flush();
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the detectors", e);
        }
        rethrow();
    }

    /** Stops the thread without waiting for the rest (the run failed elsewhere). */
    void abandon() {
        thread.interrupt();
    }

    private void add(Object o, long weight) {
        batch[size++] = o;
        bytes += weight;
        if (size == BATCH || bytes >= BATCH_BYTES) flush();
    }

    private void flush() {
        if (size == 0) return;
        Object[] b = size == BATCH ? batch : Arrays.copyOf(batch, size);
        batch = new Object[BATCH];
        size = 0;
        bytes = 0;
        put(b);
    }

    private void put(Object[] b) {
        rethrow();
        try {
            while (!queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    rethrow();
                    throw new IllegalStateException("the detector thread has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing events to the detectors", e);
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    private void loop() {
        try {
            while (true) {
                Object[] b = queue.take();
                if (b == END) return;
                for (Object o : b) {
                    if (o instanceof Flow f) {
                        for (Detector d : routes.flows()) d.onFlowEnd(f);
                    } else {
                        Event e = (Event) o;
                        for (Detector d : routes.events(e)) d.onEvent(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            // abandoned
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Roughly the bytes an event keeps alive while it waits. */
    private static long weight(Event e) {
        if (e instanceof HttpTransaction t) {
            return 512 + (t.request() == null ? 0 : t.request().body().keptLength())
                    + (t.response() == null ? 0 : t.response().body().keptLength());
        }
        if (e instanceof HttpRequest r) return 512 + r.body().keptLength();
        if (e instanceof HttpResponse r) return 512 + r.body().keptLength();
        if (e instanceof HttpFileObject f) return 512 + Math.max(0, f.size()); // kept bytes are at most the size
        if (e instanceof org.nta.event.TransferredFile f) return 512 + f.keptLength();
        if (e instanceof org.nta.event.TelnetSession s) return 512 + 2L * s.commands().stream().mapToLong(c -> c.command().length() + c.output().length()).sum();
        if (e instanceof TcpSession s) {
            long n = 512;
            for (TcpSession.Chunk c : s.chunks()) n += 64 + c.data().length;
            return n;
        }
        return 512;
    }
}
