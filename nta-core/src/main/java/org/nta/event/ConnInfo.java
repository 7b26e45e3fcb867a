package org.nta.event;

/**
 * The connection an application event belongs to. The client is the side that opened the connection (sent the
 * SYN); when the opening was not captured, the side whose bytes open a request (the other side, when they open an
 * answer), else the side on a high port talking to a well-known one, else the first sender.
 *
 * @param transport "tcp" or "udp"
 * @param stream    Wireshark's tcp.stream or udp.stream
 */
public record ConnInfo(String transport, int stream, int ipVersion, String clientAddr, int clientPort, String serverAddr,
                       int serverPort) {
    /** A display filter that selects this connection in Wireshark and NTA. */
    public String filter() {
        return transport + ".stream eq " + stream;
    }

    /** The same connection with client and server the other way round. */
    public ConnInfo swapped() {
        return new ConnInfo(transport, stream, ipVersion, serverAddr, serverPort, clientAddr, clientPort);
    }
}
