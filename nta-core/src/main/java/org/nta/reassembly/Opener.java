package org.nta.reassembly;

/**
 * Tells from the first bytes of a line which side of a connection sent them, for connections picked up without
 * their handshake, where the ports could only guess which side is the client.
 */
@FunctionalInterface
public interface Opener {
    int CLIENT = 1, SERVER = -1, UNKNOWN = 0;

    /** {@link #CLIENT} when the bytes open a request, {@link #SERVER} when they open an answer, else {@link #UNKNOWN}. */
    int sender(byte[] b, int off, int len);
}
