package org.nta.app.tls;

/** Names of protocol versions as people write them. */
public final class TlsVersions {
    private TlsVersions() {}

    /** "TLS 1.3", "SSL 3.0", "DTLS 1.2", or "0x7f1c" for anything else. */
    public static String name(int v) {
        return switch (v) {
            case 0x0002 -> "SSL 2.0";
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            case 0xfeff -> "DTLS 1.0";
            case 0xfefd -> "DTLS 1.2";
            case 0xfefc -> "DTLS 1.3";
            default -> String.format(java.util.Locale.ROOT, "0x%04x", v);
        };
    }
}
