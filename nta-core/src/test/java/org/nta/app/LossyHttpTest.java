package org.nta.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nta.capture.CaptureSource;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.HttpTransaction;
import org.nta.testing.LossyCaptures;
import org.nta.testing.TcpCapture;

/**
 * HTTP through reassembly and dispatch over imperfect TCP: lost segments, pickups mid-stream, roles the ports get
 * wrong, overlapping early segments. Frames are those tshark -2 shows (checked against tshark itself by
 * LossyDifferentialTest); split-point runs cut the decisive segment at every offset.
 */
class LossyHttpTest {
    static final String C = LossyCaptures.C, S = LossyCaptures.S;

    @TempDir
    Path dir;
    int files;

    record Run(List<Event> events, CaptureSummary summary) {
        /** "frame request METHOD URI" and "frame response STATUS request_in=N", incomplete ones marked. */
        List<String> rows() {
            List<String> out = new ArrayList<>();
            for (Event e : events) {
                if (e instanceof HttpRequest q) {
                    out.add(q.frame() + " request " + q.method() + " " + q.uri() + " client=" + q.conn().clientPort()
                            + (q.incomplete() ? " incomplete" : ""));
                } else if (e instanceof HttpResponse s) {
                    out.add(s.frame() + " response " + s.status() + " request_in=" + s.requestFrame()
                            + " client=" + s.conn().clientPort() + (s.incomplete() ? " incomplete" : ""));
                }
            }
            return out;
        }

        /** Transactions without frames: what a split of a segment must not change. */
        List<String> transactions() {
            List<String> out = new ArrayList<>();
            for (Event e : events) {
                if (e instanceof HttpTransaction t) {
                    out.add("client=" + t.conn().clientAddr() + ":" + t.conn().clientPort() + " "
                            + (t.request() == null ? "-" : t.request().method() + " " + t.request().uri()) + " -> "
                            + (t.response() == null ? "-" : t.response().status()));
                }
            }
            return out;
        }
    }

    Run run(TcpCapture cap) throws Exception {
        Path file = cap.write(dir, "c" + files++ + ".pcap");
        List<Event> events = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void onEvent(Event e) {
                events.add(e);
            }
        };
        try (CaptureSource src = CaptureSource.open(file.toString(), false)) {
            CaptureSummary s = new Engine(EngineConfig.DEFAULTS).run(src, List.of(sink), new AppDispatcher(AppConfig.httpOnly()));
            return new Run(events, s);
        }
    }

    @Test
    void everyMessageLandsOnTheFrameTsharkShowsItOn() throws Exception {
        assertThat(run(LossyCaptures.lossy()).rows()).containsExactly(
                "4 request GET /gap client=40011",
                // the client's next request acknowledges the lost bytes: the body ends there, incomplete
                "7 response 200 request_in=4 client=40011 incomplete",
                "7 request GET /after client=40011",
                "8 response 404 request_in=7 client=40011",
                "16 response 200 request_in=0 client=40012",
                "17 request GET /found client=40012",
                "18 response 200 request_in=17 client=40012",
                "23 request GET /mid client=40013",
                "24 response 200 request_in=23 client=40013",
                "29 response 200 request_in=0 client=40014",
                "31 response 200 request_in=0 client=40014",
                "35 response 200 request_in=0 client=40050",
                "36 request GET /next client=40050",
                "37 response 404 request_in=36 client=40050",
                "42 request GET /later client=40060",
                "43 response 200 request_in=42 client=40060");
    }

    @Test
    void overlappingEarlySegmentsAreCountedAndTheFirstCopyIsParsed() throws Exception {
        Run r = run(LossyCaptures.overlaps());
        assertThat(r.summary().malformed()).containsEntry("tcp.overlap_mismatch", 2L);
        HttpRequest q = (HttpRequest) r.events().stream().filter(e -> e instanceof HttpRequest).findFirst().orElseThrow();
        assertThat(q.userAgent()).isEqualTo("AAAAAAAA");
    }

    /** The same transactions whatever the offset the decisive segment is cut at. */
    void sameAtEverySplit(String data, IntFunction<TcpCapture> cutAt, String... expected) throws Exception {
        assertThat(run(cutAt.apply(0)).transactions()).containsExactly(expected);
        for (int k = 1; k < data.length(); k++) {
            assertThat(run(cutAt.apply(k)).transactions()).as("cut at %d", k).containsExactly(expected);
        }
    }

    @Test
    void serverSpeakingFirstBetweenHighPortsAtEverySplitOfItsStatusLine() throws Exception {
        String first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
        sameAtEverySplit(first, k -> {
            TcpCapture cap = new TcpCapture();
            TcpCapture.Conn c = cap.conn(C, 40050, S, 8080, false);
            cut(c, false, first, k);
            c.c2s("GET /next HTTP/1.1\r\nHost: h\r\n\r\n").s2c("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").fin();
            return cap;
        }, "client=" + C + ":40050 - -> 200", "client=" + C + ":40050 GET /next -> 404");
    }

    @Test
    void serverSendingABodyTailFirstBetweenHighPortsAtEverySplitOfTheRequest() throws Exception {
        String request = "GET /later HTTP/1.1\r\nHost: h\r\n\r\n";
        sameAtEverySplit(request, k -> {
            TcpCapture cap = new TcpCapture();
            TcpCapture.Conn c = cap.conn(C, 40060, S, 8081, false);
            c.s2c("end of a download that started before the capture did, more than sixty-four bytes of it\n");
            cut(c, true, request, k);
            c.s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").fin();
            return cap;
        }, "client=" + C + ":40060 GET /later -> 200");
    }

    @Test
    void pickupInsideAResponseBodyAtEverySplitOfTheTail() throws Exception {
        String tail = "tail of a previous body ..... that is long enough to exceed the sixty-four byte detection window\n";
        sameAtEverySplit(tail, k -> {
            TcpCapture cap = new TcpCapture();
            TcpCapture.Conn c = cap.conn(C, 40013, S, 80, false);
            cut(c, false, tail, k);
            c.c2s("GET /mid HTTP/1.1\r\nHost: h5\r\n\r\n").s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi").fin();
            return cap;
        }, "client=" + C + ":40013 GET /mid -> 200");
    }

    @Test
    void aLostBodySegmentAtEverySplitOfTheNextRequest() throws Exception {
        String resp = "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n" + "A".repeat(30);
        String next = "GET /after HTTP/1.1\r\nHost: h3\r\n\r\n";
        sameAtEverySplit(next, k -> {
            TcpCapture cap = new TcpCapture();
            TcpCapture.Conn c = cap.conn(C, 40011, S, 80, true);
            c.c2s("GET /gap HTTP/1.1\r\nHost: h3\r\n\r\n").sseg(resp.substring(0, 50), 0).sseg(resp.substring(60), 60).ssent(resp.length());
            cut(c, true, next, k);
            c.s2c("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").fin();
            return cap;
        }, "client=" + C + ":40011 GET /gap -> 200", "client=" + C + ":40011 GET /after -> 404");
    }

    /** {@code data} from one side in one segment, or two cut at {@code k}. */
    static void cut(TcpCapture.Conn c, boolean client, String data, int k) {
        if (k == 0) {
            if (client) c.c2s(data);
            else c.s2c(data);
            return;
        }
        if (client) c.c2s(data.substring(0, k)).c2s(data.substring(k));
        else c.s2c(data.substring(0, k)).s2c(data.substring(k));
    }
}
