package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.filter.AppFields;
import org.nta.filter.DisplayFilter;
import org.nta.filter.Field;
import org.nta.filter.FieldFormat;
import org.nta.filter.FieldRegistry;
import org.nta.filter.FilteredSink;
import org.nta.flow.Flow;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;
import org.nta.testing.Tshark;

/**
 * TLS certificates (TLS 1.2 and earlier), per frame that completes a Certificate message: the certificate lengths,
 * serials, issuer and subject strings (CN, O, OU by string type, C), UTCTime validity, subjectAltName dNSNames and
 * cA that NTA's display-filter fields read equal what {@code tshark -2 -T fields} prints, and both select the same
 * frames. On every capture of the test resources that carries a certificate in clear: tls/certificates (OpenSSL
 * servers: RSA and ECDSA, chains, PrintableString and UTF-8 names, GeneralizedTime, 700 names spanning records, a
 * TLS 1.3 and a TLS 1.0 connection; lab/tls/record-certs.sh), the filters capture, and the HTTPS lab recordings.
 * The tcpdump corpus holds no X.509 certificate at all (searched for the id-at-commonName OID), so none is used.
 */
@Tag("tshark")
class TlsCertDifferentialTest {
    static final String[] FIELDS = {"tls.handshake.certificates_length", "tls.handshake.certificate_length",
            "x509af.serialNumber", "x509sat.printableString", "x509sat.uTF8String", "x509sat.CountryName",
            "x509af.utcTime", "x509af.generalizedTime", "x509ce.dNSName", "x509ce.IPAddress.ipv4", "x509ce.IPAddress.ipv6",
            "x509ce.cA"};
    static final String ANY = "tls.handshake.certificates_length";

    static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>(List.of(TestFiles.resources().resolve("tls").resolve("certificates.pcap.gz"),
                TestFiles.resources().resolve("filters").resolve("tls-openssl.pcap.gz")));
        try (Stream<Path> s = Files.list(TestFiles.resources().resolve("captures"))) {
            s.filter(p -> p.getFileName().toString().matches("(c2-https-beacon|https-portal-poll)\\.pcap\\.gz")).sorted()
                    .forEach(out::add);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> certificateFieldsAgreeWithTshark() throws IOException {
        AppDifferential.requireTshark();
        return files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Map<Long, String> theirs = tshark(f), ours = nta(f);
            assertThat(theirs).as("tshark sees certificates in %s", f).isNotEmpty();
            assertThat(ours).isEqualTo(theirs);
        }));
    }

    static Map<Long, String> tshark(Path f) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-2", "-n", "-r", f.toString(), "-Y", ANY, "-T", "fields",
                "-E", "separator=|", "-E", "aggregator=,", "-e", "frame.number"));
        for (String x : FIELDS) {
            cmd.add("-e");
            cmd.add(x);
        }
        Map<Long, String> out = new TreeMap<>();
        for (String line : Tools.lines(Tshark.cached(f, cmd))) {
            if (line.isBlank()) continue;
            int bar = line.indexOf('|');
            out.put(Long.parseLong(line.substring(0, bar)), line.substring(bar + 1));
        }
        return out;
    }

    static Map<Long, String> nta(Path f) throws Exception {
        FieldRegistry registry = AppFields.all();
        List<Field> fs = new ArrayList<>();
        for (String x : FIELDS) fs.add(registry.get(x));
        FieldFormat format = new FieldFormat();
        Map<Long, String> out = new TreeMap<>();
        FilteredSink[] sink = new FilteredSink[1];
        PacketSink target = new PacketSink() {
            @Override
            public void onPacket(Packet p, Flow flow, boolean fromA) {
                var view = sink[0].view();
                List<String> vs = new ArrayList<>();
                for (Field x : fs) vs.add(String.join(",", format.values(x, view)));
                out.put(p.frame.number, String.join("|", vs));
            }
        };
        sink[0] = new FilteredSink(DisplayFilter.compile(ANY, registry), target);
        try (CaptureSource src = CaptureSource.open(f.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink[0]), new AppDispatcher(AppConfig.all()));
        }
        return out;
    }
}
