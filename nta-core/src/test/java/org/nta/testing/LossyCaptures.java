package org.nta.testing;

/**
 * Captures of HTTP over imperfect TCP, built packet by packet (from the audit's reproductions): segments the
 * capture lost, connections picked up mid-stream, roles the ports get wrong, early segments that overlap.
 */
public final class LossyCaptures {
    public static final String C = "10.0.0.1", S = "10.0.0.2";

    private LossyCaptures() {}

    /**
     * Stream 0: a segment of a response body lost (the client's next request acknowledges past it). Stream 1: the
     * end of a request head lost (the response acknowledges it). Streams 2 and 3: no handshake, each starting inside
     * a message on one side. Stream 4: no handshake between two high ports, the server speaking first. Stream 5: no
     * handshake between two high ports, the server's first bytes telling nothing.
     */
    public static TcpCapture lossy() {
        TcpCapture cap = new TcpCapture();
        String resp = "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n" + "A".repeat(30);
        cap.conn(C, 40011, S, 80, true)
                .c2s("GET /gap HTTP/1.1\r\nHost: h3\r\n\r\n")
                .sseg(resp.substring(0, 50), 0).sseg(resp.substring(60), 60).ssent(resp.length()) // 50..59 lost
                .c2s("GET /after HTTP/1.1\r\nHost: h3\r\n\r\n")
                .s2c("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                .fin();
        String lost = "GET /lost HTTP/1.1\r\nHost: h4\r\nUser-Agent: lost\r\n\r\n";
        cap.conn(C, 40012, S, 80, true)
                .cseg(lost.substring(0, 10), 0).csent(lost.length())
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx")
                .c2s("GET /found HTTP/1.1\r\nHost: h4\r\n\r\n")
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\ny")
                .fin();
        cap.conn(C, 40013, S, 80, false)
                .s2c("tail of a previous body ..... that is long enough to exceed the sixty-four byte detection window for sure\n")
                .c2s("GET /mid HTTP/1.1\r\nHost: h5\r\n\r\n")
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
                .fin();
        cap.conn(C, 40014, S, 80, false)
                .c2s("x".repeat(100))
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
                .c2s("GET /mid2 HTTP/1.1\r\nHost: h6\r\n\r\n")
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nho")
                .fin();
        cap.conn(C, 40050, S, 8080, false)
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
                .c2s("GET /next HTTP/1.1\r\nHost: h\r\n\r\n")
                .s2c("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                .fin();
        cap.conn(C, 40060, S, 8081, false)
                .s2c("end of a download that started before the capture did, more than sixty-four bytes of it\n")
                .c2s("GET /later HTTP/1.1\r\nHost: h\r\n\r\n")
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .fin();
        return cap;
    }

    /**
     * One request whose second part arrives first, then again with other bytes at the same offset, then overlapping
     * it with other bytes, and only then its first part: two overlaps with different bytes, the first copy kept.
     */
    public static TcpCapture overlaps() {
        TcpCapture cap = new TcpCapture();
        String req = "GET /early HTTP/1.1\r\nHost: h\r\nUser-Agent: AAAAAAAA\r\n\r\n";
        cap.conn(C, 43000, S, 8080, true)
                .cseg(req.substring(20), 20)
                .cseg(req.substring(20).replace("AAAAAAAA", "BBBBBBBB"), 20)
                .cseg(req.substring(25).replace("AAAAAAAA", "CCCCCCCC"), 25)
                .cseg(req.substring(0, 20), 0).csent(req.length())
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .fin();
        return cap;
    }
}
