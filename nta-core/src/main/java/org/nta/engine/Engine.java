package org.nta.engine;

import org.nta.pipeline.PacketSink;
import org.nta.pipeline.AppLayer;
import org.nta.pipeline.CaptureSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.nta.bytes.AnomalyCounter;
import org.nta.capture.CaptureReader;
import org.nta.capture.CaptureSource;
import org.nta.capture.Frame;
import org.nta.capture.InterfaceInfo;
import org.nta.capture.LinkTypes;
import org.nta.decode.Packet;
import org.nta.decode.PacketDecoder;
import org.nta.flow.Flow;
import org.nta.flow.FlowListener;
import org.nta.flow.FlowTable;
import org.nta.event.EventSink;
import org.nta.reassembly.StreamHandlerFactory;
import org.nta.reassembly.TcpStreams;

/**
 * The one place that assembles the pipeline: capture → decode → flow → sinks. One pass, frames in file order;
 * sinks see each frame after its flow has been updated.
 */
public final class Engine {
    private final EngineConfig config;

    public Engine(EngineConfig config) {
        this.config = config;
    }

    /** Reads the whole capture through decode and flows only. */
    public CaptureSummary run(CaptureSource source, List<? extends PacketSink> sinks) {
        return run(source, sinks, null);
    }

    /**
     * Reads the whole capture through the pipeline, with an application layer when {@code app} is not null
     * (TCP reassembly runs only if it asks for TCP streams). Bad input never throws: the summary says how far
     * it got.
     */
    public CaptureSummary run(CaptureSource source, List<? extends PacketSink> sinks, AppLayer app) {
        CaptureReader reader = source.reader();
        AnomalyCounter anomalies = new AnomalyCounter();
        PacketDecoder decoder = new PacketDecoder(anomalies, config.decoder());
        PacketSink[] out = sinks.toArray(new PacketSink[0]);
        EventSink events = e -> {
            for (PacketSink s : out) s.onEvent(e);
        };
        StreamHandlerFactory tcpFactory = app == null ? null : app.start(events, anomalies);
        TcpStreams tcp = tcpFactory == null ? null : new TcpStreams(config.reassembly(), tcpFactory, anomalies);
        FlowListener onEnd = flow -> {
            if (tcp != null && flow.isTcp()) tcp.onFlowEnd(flow);
            for (PacketSink s : out) s.onFlowEnd(flow);
        };
        FlowTable flows = new FlowTable(config.flows(), onEnd, anomalies);
        Frame frame = new Frame();
        Packet packet = new Packet();
        long packets = 0, captured = 0, wire = 0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE, prev = Long.MIN_VALUE;
        boolean ordered = true;
        Set<Integer> linkTypes = new LinkedHashSet<>();
        int lastLinkType = Integer.MIN_VALUE;
        while (reader.next(frame)) {
            packets++;
            int phdr = LinkTypes.pseudoHeaderLength(frame.linkType);
            captured += Math.max(0, frame.capLen - phdr);
            wire += Math.max(0, Integer.toUnsignedLong(frame.origLen) - phdr);
            long t = frame.epochNanos();
            if (t < first) first = t;
            if (t > last) last = t;
            if (t < prev) ordered = false;
            prev = t;
            if (frame.linkType != lastLinkType) {
                linkTypes.add(frame.linkType);
                lastLinkType = frame.linkType;
            }
            decoder.decode(frame, packet);
            Flow flow = flows.track(packet);
            boolean fromA = flow != null && flows.fromA;
            if (flow != null && app != null) {
                if (flow.isTcp()) {
                    if (tcp != null) tcp.onPacket(packet, flow, fromA);
                } else if (!packet.l4HeaderTruncated) {
                    app.onDatagram(packet, flow, fromA);
                }
            }
            for (PacketSink s : out) s.onPacket(packet, flow, fromA);
        }
        flows.finish();
        if (app != null) app.finish();
        anomalies.addAll(reader.anomalies());
        for (InterfaceInfo i : reader.interfaces()) linkTypes.add(i.linkType());
        CaptureSummary summary = new CaptureSummary(source.name(), reader.format().id(), source.compression(),
                source.fileSize(), new ArrayList<>(linkTypes), reader.snaplen(), reader.tsPrecisionDigits(),
                reader.interfaces(), packets, wire, captured, packets == 0 ? 0 : first, packets == 0 ? 0 : last, ordered,
                config.hashFile() ? source.sha256() : null, anomalies.asMap(), decoder.undecodedLinkTypes(),
                flows.tcpStreams(), flows.udpStreams(), reader.problem(), source.parts());
        for (PacketSink s : out) s.onFinish(summary);
        return summary;
    }
}
