package org.nta.report.html;

import java.nio.file.Path;

import org.nta.testing.TcpCapture;

/**
 * A capture whose every attacker-controlled string tries to become markup or script in the report: {@code <script>},
 * {@code onerror=} and {@code javascript:} in URIs, headers (User-Agent, Referer), uploaded file names, a web shell's
 * command and its output. Each payload, if it ever ran, would set {@code document.title} to "PWNED" or open an alert.
 */
final class HostileCapture {
    static final String ATTACKER = "10.66.6.6", VICTIM = "10.66.6.10";
    static final String SCRIPT = "<script>document.title='PWNED';alert(1)</script>";
    static final String IMG = "<img src=x onerror=\"document.title='PWNED';alert(2)\">";
    static final String JS_URL = "javascript:alert(3)";
    static final String SHELL_NAME = "s.php";
    static final String HOSTILE_NAME = "'><img src=x onerror=alert(4)>.php";

    private HostileCapture() {}

    static Path write(Path dir) {
        TcpCapture cap = new TcpCapture();
        String ua = "Mozilla/5.0 " + SCRIPT + " " + JS_URL;
        String shell = "<?php system($_GET[\"cmd\"]); ?>";
        String boundary = "----nta" + "b0undary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + SHELL_NAME + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + shell + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file2\"; filename=\"" + HOSTILE_NAME + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + shell + " " + SCRIPT + "\r\n"
                + "--" + boundary + "--\r\n";
        int port = 40000;
        cap.conn(ATTACKER, port++, VICTIM, 80, true)
                .c2s("POST /upload.php HTTP/1.1\r\nHost: " + VICTIM + "\r\nUser-Agent: " + ua + "\r\nReferer: " + JS_URL + "\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .s2c(http200("uploaded " + IMG)).fin();
        String[] cmds = {"id", "cat%20%3Cscript%3Edocument.title%3D%27PWNED%27%3C%2Fscript%3E", "echo%20%22%3Cimg%20src%3Dx%20onerror%3Dalert(5)%3E%22"};
        String[] outs = {"uid=33(www-data) gid=33(www-data) groups=33(www-data)\n", SCRIPT + "\n" + IMG + "\n<a href=\"" + JS_URL + "\">x</a>\n",
            IMG + "\n"};
        for (int i = 0; i < cmds.length; i++) {
            cap.conn(ATTACKER, port++, VICTIM, 80, true)
                    .c2s("GET /uploads/" + SHELL_NAME + "?cmd=" + cmds[i] + " HTTP/1.1\r\nHost: " + VICTIM + "\r\nUser-Agent: " + ua + "\r\n\r\n")
                    .s2c(http200(outs[i])).fin();
        }
        String[] probes = {"/search.php?q=" + SCRIPT.replace(" ", "%20"), "/search.php?q=%3Cscript%3Ealert(6)%3C%2Fscript%3E",
            "/view.php?page=" + JS_URL, "/view.php?page=" + IMG.replace(" ", "%20").replace("\"", "%22"),
            "/index.php?id=1%27%20UNION%20SELECT%201,2,%3Cscript%3E--", "/../../../../etc/passwd"};
        for (String uri : probes) {
            cap.conn(ATTACKER, port++, VICTIM, 80, true)
                    .c2s("GET " + uri + " HTTP/1.1\r\nHost: " + VICTIM + "\r\nUser-Agent: sqlmap/1.7 " + SCRIPT.replace(" ", "") + "\r\n\r\n")
                    .s2c(http200("<html>" + SCRIPT + "</html>")).fin();
        }
        return cap.write(dir, "hostile-markup.pcap");
    }

    private static String http200(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }
}
