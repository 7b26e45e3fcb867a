/**
 * Wireshark display filters: the same filter text selects the same frames in NTA as in Wireshark/tshark 4.0.
 *
 * <h2>Using a filter</h2>
 * <pre>{@code
 * FieldRegistry fields = FieldRegistry.packetFields();          // frame, eth, vlan, ip, ipv6, tcp, udp, icmp, ...
 * DisplayFilter f = DisplayFilter.compile(text, fields);       // FilterException: message + position (caretMessage())
 * PacketView view = new PacketView();
 * // for every frame in file order, after the flow table has seen it:
 * view.next(packet, flow, fromA).setEvents(eventsCompletedOnThisFrame);
 * if (f.matches(view)) ...
 * }</pre>
 * {@link org.nta.filter.FilteredSink} wraps any {@link org.nta.pipeline.PacketSink} so that it sees only the selected
 * frames (tshark's -Y); {@link org.nta.filter.FieldFormat} prints field values as {@code tshark -T fields}.
 *
 * <h2>Adding fields</h2>
 * A field is a name, a {@link org.nta.filter.FieldType} and an {@link org.nta.filter.Extractor} that appends the
 * field's values for a {@link org.nta.filter.FrameView} to a reusable {@link org.nta.filter.Values}. Application
 * fields read {@link org.nta.filter.FrameView#events()}:
 * <pre>{@code
 * fields.registerProtocol("http", v -> v.events().stream().anyMatch(e -> e instanceof HttpRequest || e instanceof HttpResponse));
 * fields.registerEventField("http.host", FieldType.STRING, HttpRequest.class, (e, out) -> { if (e.host() != null) out.addString(e.host()); });
 * fields.registerEventField("http.response.code", FieldType.UINT, HttpResponse.class, (e, out) -> out.add(e.code()));
 * fields.registerEventField("dns.a", FieldType.IPV4, DnsAnswer.class, (e, out) -> { for (int a : e.ipv4()) out.add(a & 0xffffffffL); });
 * }</pre>
 * Register before compiling; the evaluator needs no change for new fields.
 *
 * <h2>Evaluation</h2>
 * The parser builds an {@code Ast}; the compiler resolves words to fields or literals, checks types, reads every
 * literal once and builds a tree of {@code Node}s that compare primitives in place. Packet-level evaluation
 * allocates nothing (AllocationTest). A compiled filter keeps scratch buffers: one thread at a time.
 */
package org.nta.filter;
