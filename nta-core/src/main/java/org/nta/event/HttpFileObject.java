package org.nta.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file carried over HTTP, for {@code nta files}: a multipart part with a filename, a request body (PUT, POST of raw
 * data), an urlencoded form as sent, or a response body (download), like Wireshark's Export Objects.
 *
 * @param frame        frame that completed the message carrying the file
 * @param firstFrame   frame that delivered the message's first byte
 * @param direction    upload (client to server) or download
 * @param source       where in the message the file was
 * @param originalName filename from the multipart part or Content-Disposition, else the last segment of the decoded
 *                     URI path; may be empty and is not safe to use as a path (see SafeFileNames)
 * @param size         bytes of the file seen (decoded)
 * @param sha256       hex SHA-256 over those bytes
 * @param mimeType     type detected from the content's magic bytes
 * @param declaredType the Content-Type sent with it, or null
 * @param bytes        the first bytes of the file, up to the file keep limit (accessor returns a copy)
 * @param truncated    fewer bytes were kept than {@code size}
 * @param incomplete   bytes of the file are missing (gap, cut connection, decode limit)
 * @param method       method of the request involved, or null (response without captured request)
 * @param uri          request-target of that request, or null
 * @param host         Host of that request, or null
 * @param partIndex    index of the multipart part, or -1
 */
public record HttpFileObject(ConnInfo conn, long frame, long firstFrame, long timeNs, Direction direction,
                             Source source, String originalName, long size, String sha256, String mimeType,
                             String declaredType, byte[] bytes, boolean truncated, boolean incomplete, String method,
                             String uri, String host, int partIndex) implements Event {
    public enum Direction {
        UPLOAD, DOWNLOAD;

        public String id() {
            return this == UPLOAD ? "upload" : "download";
        }
    }

    /** Where in the message the file was; {@link #id()} names it in manifests. */
    public enum Source {
        /** a multipart/form-data part with a filename */
        MULTIPART_PART("multipart"),
        /** a request body that is not a form: PUT, POST of raw data */
        REQUEST_BODY("body"),
        /** an application/x-www-form-urlencoded body as sent (Wireshark exports it as an object too) */
        FORM("form"),
        /** a response body */
        RESPONSE_BODY("body");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public HttpFileObject {
        Objects.requireNonNull(conn);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(source);
        Objects.requireNonNull(originalName);
        Objects.requireNonNull(sha256);
        Objects.requireNonNull(mimeType);
        Objects.requireNonNull(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int keptLength() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpFileObject f && conn.equals(f.conn) && frame == f.frame && firstFrame == f.firstFrame
                && timeNs == f.timeNs && direction == f.direction && source == f.source
                && originalName.equals(f.originalName) && size == f.size && sha256.equals(f.sha256)
                && mimeType.equals(f.mimeType) && Objects.equals(declaredType, f.declaredType)
                && Arrays.equals(bytes, f.bytes) && truncated == f.truncated && incomplete == f.incomplete
                && Objects.equals(method, f.method) && Objects.equals(uri, f.uri) && Objects.equals(host, f.host)
                && partIndex == f.partIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(frame, originalName, size, sha256, partIndex);
    }

    @Override
    public String toString() {
        return "HttpFileObject[frame=" + frame + ", stream=" + conn.stream() + ", direction=" + direction.id()
                + ", source=" + source + ", originalName=" + originalName + ", size=" + size + ", sha256=" + sha256
                + ", mimeType=" + mimeType + ", declaredType=" + declaredType + ", kept=" + bytes.length
                + ", truncated=" + truncated + ", incomplete=" + incomplete + "]";
    }
}
