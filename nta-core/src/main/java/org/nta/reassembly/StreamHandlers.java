package org.nta.reassembly;

import java.util.ArrayList;
import java.util.List;

import org.nta.event.ConnInfo;

/** Fans one connection's streams out to several handlers, and several factories into one. */
public final class StreamHandlers {
    private StreamHandlers() {}

    public static StreamHandlerFactory all(List<StreamHandlerFactory> factories) {
        if (factories.size() == 1) return factories.get(0);
        Opener opener = null;
        for (StreamHandlerFactory f : factories) if (opener == null) opener = f.opener();
        return StreamHandlerFactory.withOpener((flow, conn) -> {
            List<StreamHandler> hs = new ArrayList<>(factories.size());
            for (StreamHandlerFactory f : factories) {
                StreamHandler h = f.create(flow, conn);
                if (h != null) hs.add(h);
            }
            if (hs.isEmpty()) return null;
            return hs.size() == 1 ? hs.get(0) : new Tee(hs.toArray(new StreamHandler[0]));
        }, opener);
    }

    private record Tee(StreamHandler[] hs) implements StreamHandler {
        @Override
        public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
            for (StreamHandler h : hs) h.onData(fromClient, data, off, len, frame, timeNs);
        }

        @Override
        public void onGap(boolean fromClient, long len, long frame, long timeNs) {
            for (StreamHandler h : hs) h.onGap(fromClient, len, frame, timeNs);
        }

        @Override
        public void onFin(boolean fromClient, boolean reset, long frame, long timeNs) {
            for (StreamHandler h : hs) h.onFin(fromClient, reset, frame, timeNs);
        }

        @Override
        public void onRolesSwapped(ConnInfo conn) {
            for (StreamHandler h : hs) h.onRolesSwapped(conn);
        }

        @Override
        public void onClose(long frame, long timeNs) {
            for (StreamHandler h : hs) h.onClose(frame, timeNs);
        }
    }
}
