package org.nta.differential;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.testing.TestFiles;
import org.nta.testing.Tools;

/**
 * Issue 3, acceptance 1 (HTTP): every HTTP request (frame, method, URI, host, User-Agent) and response (frame,
 * status, the request it answers) NTA finds equals what {@code tshark -2} shows — on every capture of
 * src/test/resources/captures and on the corpus files that have HTTP or DNS, with remaining differences listed in
 * corpus/known-app-differences.txt.
 */
@Tag("tshark")
class HttpDifferentialTest {
    @TestFactory
    Stream<DynamicTest> httpAgreesWithTshark() throws Exception {
        AppDifferential.requireTshark();
        Map<String, String> known = AppDifferential.knownDifferences();
        return AppDifferential.files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String m = compare(f);
            AppDifferential.check(f, "http", m, known);
        }));
    }

    static String compare(Path file) {
        Map<Long, String> theirs = new TreeMap<>();
        Tools.Result r = Tools.run(300, "tshark", "-2", "-r", file.toString(), "-Y", "http.request || http.response",
                "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "http.request.method", "-e", "http.request.uri",
                "-e", "http.host", "-e", "http.user_agent", "-e", "http.response.code", "-e", "http.request_in");
        for (String line : Tools.lines(r.out())) {
            String[] c = line.split("\\|", -1);
            if (c.length < 7) continue;
            long frame = Long.parseLong(c[0]);
            theirs.merge(frame, c[5].isEmpty() ? request(c[1], c[2], c[3], c[4]) : response(c[5], c[6]), (a, b) -> a + " + " + b);
        }
        Map<Long, String> ours = new TreeMap<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                if (e instanceof HttpRequest q) {
                    ours.merge(q.frame(), request(q.method(), q.uri(), nz(q.host()), nz(q.userAgent())), (a, b) -> a + " + " + b);
                } else if (e instanceof HttpResponse s && s.status() >= 200) {
                    ours.merge(s.frame(), response(String.valueOf(s.status()), s.requestFrame() > 0 ? String.valueOf(s.requestFrame()) : ""),
                            (a, b) -> a + " + " + b);
                }
            }
        };
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.httpOnly()));
        } catch (CaptureException e) {
            return theirs.isEmpty() ? null : "NTA cannot read it: " + e.getMessage();
        }
        return AppDifferential.firstDifference(theirs, ours);
    }

    static String request(String method, String uri, String host, String ua) {
        return "request " + method + " " + uri + " host=" + host + " ua=" + ua;
    }

    static String response(String code, String requestIn) {
        return "response " + code + " request_in=" + requestIn;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
