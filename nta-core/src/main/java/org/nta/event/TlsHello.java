package org.nta.event;

import java.util.List;

/**
 * A TLS ClientHello or ServerHello seen in clear at the start of a TCP connection (SSLv2-compatible ClientHellos
 * included). Lists keep the wire order and GREASE values; fingerprints are computed without GREASE as their specs
 * say.
 *
 * @param frame               the frame that delivered the hello's last byte (where Wireshark shows it)
 * @param fromClient          a ClientHello (true) or a ServerHello (false)
 * @param sslv2               an SSL 2.0-format ClientHello (record and handshake in the old 2-byte-header format)
 * @param helloRetryRequest   a ServerHello that is a TLS 1.3 HelloRetryRequest
 * @param recordVersion       version in the header of the record that started the hello (0x0002 for SSLv2)
 * @param handshakeVersion    legacy_version in the hello itself
 * @param supportedVersions   the supported_versions extension: the client's list, or the server's one choice
 * @param version             the version the hello stands for: the highest non-GREASE supported version (client),
 *                            the selected one (server), else the handshake version
 * @param cipherSuites        offered suites (client; 24-bit cipher specs for SSLv2) or the one selected (server)
 * @param extensions          extension types in wire order
 * @param sni                 the first host_name of server_name, shown as Wireshark does; "" when absent
 * @param alpn                application protocols offered (client) or selected (server)
 * @param supportedGroups     supported_groups (client)
 * @param ecPointFormats      ec_point_formats
 * @param signatureAlgorithms signature_algorithms (client)
 * @param ja3                 JA3 string (client) or JA3S string (server); null for SSLv2 hellos
 * @param ja3Hash             MD5 of {@code ja3}, lower-case hex; null when {@code ja3} is
 * @param ja4                 JA4 fingerprint (ClientHello over TCP); null for server hellos and SSLv2
 */
public record TlsHello(long frame, long timeNs, ConnInfo conn, boolean fromClient, boolean sslv2,
                       boolean helloRetryRequest, int recordVersion, int handshakeVersion,
                       List<Integer> supportedVersions, int version, List<Integer> cipherSuites,
                       List<Integer> extensions, String sni, List<String> alpn, List<Integer> supportedGroups,
                       List<Integer> ecPointFormats, List<Integer> signatureAlgorithms, String ja3, String ja3Hash,
                       String ja4) implements Event {
    public TlsHello {
        supportedVersions = List.copyOf(supportedVersions);
        cipherSuites = List.copyOf(cipherSuites);
        extensions = List.copyOf(extensions);
        alpn = List.copyOf(alpn);
        supportedGroups = List.copyOf(supportedGroups);
        ecPointFormats = List.copyOf(ecPointFormats);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
    }

    /** The server's selected suite, or -1 for a ClientHello. */
    public int selectedCipher() {
        return fromClient || cipherSuites.isEmpty() ? -1 : cipherSuites.get(0);
    }
}
