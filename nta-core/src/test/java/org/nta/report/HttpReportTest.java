package org.nta.report;

import org.junit.jupiter.api.Test;
import org.nta.app.http.HttpConfig;
import org.nta.app.http.HttpConnectionParser;
import org.nta.app.http.HttpListener;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.HttpTransaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpReportTest {
    @Test
    void rowFollowsTheContract() {
        ConnInfo conn = new ConnInfo("tcp", 1737, 4, "10.251.96.4", 41078, "10.251.96.5", 80);
        List<HttpTransaction> out = new ArrayList<>();
        HttpConnectionParser p = new HttpConnectionParser(conn, HttpConfig.defaults(), new HttpListener() {
            @Override
            public void onTransaction(HttpTransaction t) {
                out.add(t);
            }
        }, new AnomalyCounter());
        byte[] req = ("GET /uploads/dbfunctions.php?cmd=cat%20/etc/passwd HTTP/1.1\r\nHost: 10.251.96.5\r\n"
                + "User-Agent: curl/7.88.1\r\nReferer: http://10.251.96.5/\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] resp = ("HTTP/1.1 200 OK\r\nServer: Apache/2.4.71 (Debian)\r\nContent-Type: text/html; charset=UTF-8\r\n"
                + "Content-Length: 4\r\n\r\nroot").getBytes(StandardCharsets.US_ASCII);
        p.onData(true, req, 0, 10, 19431, 1_000_000_000L);
        p.onData(true, req, 10, req.length - 10, 19432, 2_000_000_000L);
        p.onData(false, resp, 0, resp.length, 19434, 3_000_000_000L);
        p.onClose(19438, 4_000_000_000L);
        Map<String, Object> row = HttpReport.row(out.get(0), TimeFormat.utc(3), 0);
        assertThat(row.keySet()).containsExactlyElementsOf(HttpReport.COLUMNS);
        assertThat(row).containsEntry("request_frame", 19432L).containsEntry("request_first_frame", 19431L)
                .containsEntry("response_frame", 19434L).containsEntry("stream", 1737)
                .containsEntry("client_addr", "10.251.96.4").containsEntry("server_port", 80)
                .containsEntry("method", "GET").containsEntry("host", "10.251.96.5")
                .containsEntry("uri", "/uploads/dbfunctions.php?cmd=cat%20/etc/passwd")
                .containsEntry("uri_decoded", "/uploads/dbfunctions.php?cmd=cat /etc/passwd")
                .containsEntry("status", 200).containsEntry("content_type", "text/html; charset=UTF-8")
                .containsEntry("request_body_len", 0L).containsEntry("response_body_len", 4L)
                .containsEntry("user_agent", "curl/7.88.1").containsEntry("referer", "http://10.251.96.5/")
                .containsEntry("server", "Apache/2.4.71 (Debian)");
        assertThat((String) row.get("time")).startsWith("1970-01-01 00:00:02.000");
    }
}
