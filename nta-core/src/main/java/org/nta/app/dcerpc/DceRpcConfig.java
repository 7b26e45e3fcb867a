package org.nta.app.dcerpc;

/**
 * Limits of the connection-oriented DCE/RPC parser (over TCP and over SMB named pipes).
 *
 * @param maxFragmentBytes  largest PDU (frag_length) buffered whole; a larger one is skipped and counted
 *                          ({@code dcerpc.fragment_too_large})
 * @param maxCallBytes      stub bytes of one request or response kept for argument decoding, all fragments together;
 *                          past it the rest is counted ({@code dcerpc.call_too_large}) and only the length and the
 *                          last four bytes (the return code) are kept
 * @param maxBufferedBytes  stub bytes kept by all calls in progress on one connection together (a fragment flood
 *                          with many call ids stops here, {@code dcerpc.call_too_large})
 * @param maxPendingCalls   calls awaiting their last fragment or their answer per connection; past it the oldest is
 *                          given up and counted ({@code dcerpc.pending_limit})
 * @param maxContexts       presentation contexts (and offered binds) remembered per connection
 *                          ({@code dcerpc.context_limit})
 * @param maxHandles        context handles remembered per connection with what they name (a service, a registry key)
 * @param maxPipes          named pipes followed per SMB connection ({@code dcerpc.pipe_limit})
 * @param maxStringChars    characters kept of a decoded string argument (a service's binary path, a task's XML)
 */
public record DceRpcConfig(int maxFragmentBytes, int maxCallBytes, int maxBufferedBytes, int maxPendingCalls,
                           int maxContexts, int maxHandles, int maxPipes, int maxStringChars) {
    public static final DceRpcConfig DEFAULTS = new DceRpcConfig(1 << 20, 1 << 20, 4 << 20, 256, 64, 1024, 256, 8192);

    public DceRpcConfig {
        if (maxFragmentBytes < 1024) throw new IllegalArgumentException("maxFragmentBytes must be at least 1024");
        if (maxCallBytes < 0 || maxBufferedBytes < 0) throw new IllegalArgumentException("byte limits must not be negative");
        if (maxPendingCalls < 1 || maxContexts < 1 || maxHandles < 1 || maxPipes < 1 || maxStringChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
