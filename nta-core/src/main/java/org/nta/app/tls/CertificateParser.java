package org.nta.app.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.TlsCertificate;
import org.nta.event.X509Certificate;

/**
 * Parses the body of a TLS 1.2-and-earlier Certificate handshake message (RFC 5246 7.4.2): a 24-bit list length,
 * then each DER certificate behind its own 24-bit length. A list whose lengths do not add up is counted as
 * {@code tls.certificate_malformed} and yields nothing; a certificate whose DER cannot be read is counted as
 * {@code x509.malformed} and kept with its size and fingerprints only.
 */
final class CertificateParser {
    private final AnomalyCounter anomalies;

    CertificateParser(AnomalyCounter anomalies) {
        this.anomalies = anomalies;
    }

    Optional<TlsCertificate> parse(byte[] b, int off, int len, ConnInfo conn, boolean fromServer, long firstFrame,
                                   long frame, long timeNs) {
        int end = off + len;
        if (len < 3 || Bytes.u24(b, off) != len - 3) return malformed(frame);
        List<X509Certificate> chain = new ArrayList<>();
        for (int p = off + 3; p < end; ) {
            if (p + 3 > end) return malformed(frame);
            int n = Bytes.u24(b, p);
            p += 3;
            if (n == 0 || n > end - p) return malformed(frame);
            X509Certificate c = X509Parser.parseOrUnreadable(b, p, n);
            if (c.malformed()) anomalies.add(Anomaly.X509_MALFORMED, frame);
            chain.add(c);
            p += n;
        }
        return Optional.of(new TlsCertificate(frame, timeNs, conn, firstFrame, fromServer, len - 3, chain));
    }

    private Optional<TlsCertificate> malformed(long frame) {
        anomalies.add(Anomaly.TLS_CERTIFICATE_MALFORMED, frame);
        return Optional.empty();
    }
}
