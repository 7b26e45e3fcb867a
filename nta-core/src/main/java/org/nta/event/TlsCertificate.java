package org.nta.event;

import java.util.List;

/**
 * The certificate chain of a TLS Certificate handshake message, read in clear: TLS 1.2 and earlier only (in TLS 1.3
 * the Certificate message is encrypted and never seen; the server's hello then says version 0x0304).
 *
 * @param frame      the frame that delivered the message's last byte (where Wireshark shows it)
 * @param firstFrame the frame that delivered its first byte (the message can span records and segments)
 * @param fromServer sent by the server (true) or by the client for client authentication (false)
 * @param length     certificates_length: the octets of the chain
 * @param chain      the certificates in the order sent; the first is the sender's own (the leaf)
 */
public record TlsCertificate(long frame, long timeNs, ConnInfo conn, long firstFrame, boolean fromServer, int length,
                             List<X509Certificate> chain) implements Event {
    public TlsCertificate {
        chain = List.copyOf(chain);
    }

    /** The sender's own certificate, or null for an empty chain. */
    public X509Certificate leaf() {
        return chain.isEmpty() ? null : chain.get(0);
    }
}
