package org.nta.event;

/**
 * The connection an application event belongs to. The client is the side that opened the connection (sent the
 * SYN), or the first sender when the opening was not captured.
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
}
