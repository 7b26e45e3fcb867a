package org.nta.detect.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nta.app.http.MimeSniffer;
import org.nta.event.HttpParam;
import org.nta.event.HttpRequest;
import org.nta.event.MultipartPart;

/**
 * A file a client sent to a server: a multipart part with a file name, the body of a PUT, or a raw POST body that is
 * server-side code. {@code content} is what the parser kept (see {@code truncated}).
 *
 * @param field        multipart field name, or null
 * @param filename     the name given by the client (multipart filename, PUT target, X-File-Name), possibly empty
 * @param declaredType the Content-Type sent with it, or null
 * @param detectedType the type its first bytes show
 */
record UploadedFile(String field, String filename, String declaredType, String detectedType, long size, String sha256,
                    byte[] content, boolean truncated, boolean incomplete, String source) {

    /** The files of a request (none for most requests). */
    static List<UploadedFile> of(HttpRequest r) {
        List<UploadedFile> out = new ArrayList<>();
        for (MultipartPart p : r.parts()) {
            if (!p.isFile() || p.filename().isEmpty() && p.size() == 0) continue;
            byte[] b = p.bytes();
            out.add(new UploadedFile(p.name(), p.filename(), p.contentType(), MimeSniffer.sniff(b), p.size(), p.sha256(), b,
                    p.truncated(), p.incomplete(), "multipart"));
        }
        if (!out.isEmpty() || r.body().isEmpty()) return out;
        String ct = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        if (ct.startsWith("multipart/") || ct.startsWith("application/x-www-form-urlencoded")) return out;
        byte[] b = r.body().bytes();
        String method = r.method().toUpperCase(Locale.ROOT);
        if (method.equals("PUT")) {
            out.add(new UploadedFile(null, Text.lastSegment(r.path()), r.contentType(), MimeSniffer.sniff(b),
                    r.body().decodedLength(), r.body().sha256(), b, r.body().truncated(), r.body().incomplete(), "put"));
        } else if (method.equals("POST") && ScriptInspector.languageByContent(Text.utf8(b)) != null) {
            out.add(new UploadedFile(null, nameOf(r), r.contentType(), MimeSniffer.sniff(b), r.body().decodedLength(),
                    r.body().sha256(), b, r.body().truncated(), r.body().incomplete(), "body"));
        }
        return out;
    }

    /** A raw POST body's file name: X-File-Name, or a query parameter file/filename/name/path, else "". */
    private static String nameOf(HttpRequest r) {
        String h = r.headers().first("X-File-Name");
        if (h != null) return h;
        for (HttpParam p : r.queryParams()) {
            String n = p.name().toLowerCase(Locale.ROOT);
            if (n.equals("file") || n.equals("filename") || n.equals("name") || n.equals("path")) return p.value();
        }
        return "";
    }
}
