package org.nta.detect.c2;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;
import org.nta.event.TcpSession;
import org.nta.event.TransferredFile;

/** Hostile and odd events never throw out of the c2 detectors: garbage bytes, odd names, missing fields. */
class C2RobustnessTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @Test
    void garbageInNothingThrows() {
        Random r = new Random(42);
        List<Detector> ds = C2Detectors.all(C2Config.DEFAULTS.withIntel(IntelSet.parse("10.0.0.0/8 lab\nexample.com\n")));
        String[] names = {"", ".", "<Root>", "<Name too long>", "a..b", "\\000\\377.x.com", "xn--bcher-kva.example", "com", "co.uk",
                "WWW.EXAMPLE.COM.", "a".repeat(63) + "." + "b".repeat(63) + ".example", "1.2.3.4", "::1"};
        String[] hosts = {"", ":", "[::1]:80", "[", "1.2.3.4:99999", "exa mple", "x".repeat(300), "::", "a:b:c"};
        for (int i = 0; i < 3000; i++) {
            ConnInfo c = i % 3 == 0 ? C2Ev.tcp(i, "2001:db8::" + (i % 7), "2001:db8:1::" + (i % 5), r.nextInt(65536))
                    : C2Ev.udp(i, "10.0.0." + (i % 9), "203.0.113." + (i % 4), 53);
            long t = T0 + i * 1_000_000_000L;
            byte[] junk = new byte[r.nextInt(600)];
            r.nextBytes(junk);
            if (i % 5 == 0 && junk.length > 2) junk[0] = 'M';
            if (i % 5 == 0 && junk.length > 2) junk[1] = 'Z';
            if (i % 7 == 0 && junk.length > 4) {
                junk[0] = 'P';
                junk[1] = 'K';
                junk[2] = 3;
                junk[3] = 4;
            }
            String name = names[i % names.length];
            List<org.nta.event.Event> evs = new ArrayList<>();
            evs.add(C2Ev.query(c, i, t, i, name, r.nextInt(300)));
            evs.add(C2Ev.answer(c, i, t, i, name, 16, r.nextInt(16), List.of(C2Ev.rr(name, 1, "not an address"), C2Ev.rr(name, 28, "::1"))));
            evs.add(C2Ev.tx(c, i, t, i % 2 == 0 ? "GET" : "POST", hosts[i % hosts.length], "/" + name, i % 4 == 0 ? null : "curl/8",
                    new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1), new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1)));
            evs.add(new HttpFileObject(c, i, i, t, i % 2 == 0 ? HttpFileObject.Direction.UPLOAD : HttpFileObject.Direction.DOWNLOAD,
                    HttpFileObject.Source.values()[i % 4], "", junk.length, "", "application/octet-stream", null, junk, false, true, null,
                    null, null, -1));
            evs.add(new TransferredFile(c, null, "ftp-data", "transfer", null, HttpFileObject.Direction.values()[i % 2], null, i, i, t,
                    junk.length, null, "application/octet-stream", null, junk, true, true, null));
            evs.add(new TcpSession(c, i, i, t, List.of(new TcpSession.Chunk(true, i, t, junk)), junk.length, 0, false));
            evs.add(C2Ev.clientHello(c, i, t, name));
            for (Detector d : ds) for (org.nta.event.Event e : evs) assertThatCode(() -> d.onEvent(e)).doesNotThrowAnyException();
        }
        List<Finding> all = new ArrayList<>();
        for (Detector d : ds) assertThatCode(() -> all.addAll(d.finish())).doesNotThrowAnyException();
        assertThatCode(() -> C2Correlation.apply(all)).doesNotThrowAnyException();
    }
}
