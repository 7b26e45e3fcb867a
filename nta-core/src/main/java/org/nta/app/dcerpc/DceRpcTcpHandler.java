package org.nta.app.dcerpc;

import java.util.function.Consumer;

import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.reassembly.StreamHandler;

/** DCE/RPC directly over a TCP connection (the endpoint mapper on 135, the dynamic ports it hands out). */
public final class DceRpcTcpHandler implements StreamHandler {
    private final DceRpcStream stream;

    public DceRpcTcpHandler(ConnInfo conn, DceRpcConfig config, AnomalyCounter anomalies, Consumer<? super Event> sink) {
        this.stream = new DceRpcStream(conn, "tcp", config, anomalies, sink);
    }

    @Override
    public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
        stream.onData(fromClient, data, off, len, frame, timeNs);
    }

    @Override
    public void onGap(boolean fromClient, long len, long frame, long timeNs) {
        stream.onGap(fromClient, len, frame);
    }

    @Override
    public void onClose(long frame, long timeNs) {
        stream.end();
    }
}
