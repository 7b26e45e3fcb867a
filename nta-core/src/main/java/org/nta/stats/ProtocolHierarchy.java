package org.nta.stats;

import java.util.ArrayList;
import java.util.List;

import org.nta.decode.Packet;
import org.nta.decode.Proto;
import org.nta.pipeline.PacketSink;
import org.nta.flow.Flow;

/**
 * Protocol hierarchy (Wireshark's Statistics → Protocol Hierarchy): frames and bytes per layer path such as
 * eth:ip:tcp:http. Application protocols come from the parsers when they recognise a stream, else from
 * {@link PortGuess}.
 */
public final class ProtocolHierarchy implements PacketSink {
    /** One node of the tree: {@code path} like "eth:ip:tcp", with its depth for indentation. */
    public record Node(String path, String name, int depth, long frames, long bytes) {
    }

    private static final class TrieNode {
        final int proto;
        long frames, bytes;
        final List<TrieNode> children = new ArrayList<>(2);

        TrieNode(int proto) {
            this.proto = proto;
        }

        TrieNode child(int proto) {
            for (TrieNode c : children) if (c.proto == proto) return c;
            TrieNode c = new TrieNode(proto);
            children.add(c);
            return c;
        }
    }

    private final TrieNode root = new TrieNode(-1);
    private long totalFrames, totalBytes;
    /**
     * The node paths of the last few distinct layer paths, by their packed protocol numbers: a capture has a handful
     * of paths and consecutive packets mostly repeat one, so most packets count without walking the tree, in two
     * counters of their path.
     */
    private final long[] recentKeys = new long[8];
    private final TrieNode[][] recentNodes = new TrieNode[8][];
    /** Frames and bytes of each recent path not yet added to its nodes (added when the path leaves, or when read). */
    private final long[] recentFrames = new long[8], recentBytes = new long[8];
    private int recentNext;

    @Override
    public void onPacket(Packet p, Flow flow, boolean fromA) {
        totalFrames++;
        long len = p.frame.origLen;
        totalBytes += len;
        // a DATA payload counts under the connection's recognised protocol (or its port's guess), without relabelling
        // the packet: the sinks after this one (display filters, analyze's extraction) must see it as decoded
        int last = -1;
        if (p.pathLen > 0 && p.path[p.pathLen - 1] == Proto.DATA.ordinal()) {
            Proto app = flow != null && flow.app != null ? flow.app : PortGuess.of(p);
            if (app != null) last = app.ordinal();
        }
        long key = key(p, last);
        if (key != 0) {
            for (int r = 0; r < recentKeys.length; r++) {
                if (recentKeys[r] == key) {
                    recentFrames[r]++;
                    recentBytes[r] += len;
                    return;
                }
            }
        }
        TrieNode[] nodes = new TrieNode[p.pathLen];
        TrieNode n = root;
        for (int i = 0; i < p.pathLen; i++) {
            n = n.child(i == p.pathLen - 1 && last >= 0 ? last : p.path[i]);
            n.frames++;
            n.bytes += len;
            nodes[i] = n;
        }
        if (key != 0) {
            flush(recentNext);
            recentKeys[recentNext] = key;
            recentNodes[recentNext] = nodes;
            recentNext = (recentNext + 1) & (recentKeys.length - 1);
        }
    }

    /** Adds what a recent path counted to its nodes. */
    private void flush(int r) {
        if (recentFrames[r] == 0) return;
        for (TrieNode n : recentNodes[r]) {
            n.frames += recentFrames[r];
            n.bytes += recentBytes[r];
        }
        recentFrames[r] = 0;
        recentBytes[r] = 0;
    }

    /** The layer path packed eight bits a layer (the last one relabelled), or 0 when it does not fit in a long. */
    private static long key(Packet p, int last) {
        if (p.pathLen == 0 || p.pathLen > 7) return 0;
        long k = p.pathLen;
        for (int i = 0; i < p.pathLen; i++) {
            int proto = i == p.pathLen - 1 && last >= 0 ? last : p.path[i];
            if (proto < 0 || proto > 0xff) return 0;
            k = k << 8 | proto;
        }
        return k;
    }

    public long totalFrames() {
        return totalFrames;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** The tree in depth-first order, children by frames (most first). */
    public List<Node> nodes() {
        for (int r = 0; r < recentKeys.length; r++) flush(r);
        List<Node> out = new ArrayList<>();
        walk(root, "", 0, out);
        return out;
    }

    private void walk(TrieNode n, String prefix, int depth, List<Node> out) {
        List<TrieNode> kids = new ArrayList<>(n.children);
        kids.sort((a, b) -> Long.compare(b.frames, a.frames));
        for (TrieNode c : kids) {
            String name = Proto.of(c.proto).filterName();
            String path = prefix.isEmpty() ? name : prefix + ":" + name;
            out.add(new Node(path, name, depth, c.frames, c.bytes));
            walk(c, path, depth + 1, out);
        }
    }
}
