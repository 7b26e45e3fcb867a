package org.nta.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * One part of a multipart/form-data body.
 *
 * @param index       0-based position in the body
 * @param name        the Content-Disposition {@code name} (form field), or null
 * @param filename    the Content-Disposition {@code filename*} (decoded) or {@code filename} as sent, or null
 * @param contentType the part's Content-Type, or null
 * @param size        bytes of the part's content that were seen
 * @param sha256      hex SHA-256 over those bytes
 * @param bytes       the first bytes of the content, up to the body keep limit (accessor returns a copy)
 * @param truncated   fewer bytes were kept than {@code size}
 * @param incomplete  the part's end was not seen (body truncated or cut), so {@code size} and {@code sha256} cover
 *                    only what was seen
 */
public record MultipartPart(int index, String name, String filename, String contentType, HttpHeaders headers,
                            long size, String sha256, byte[] bytes, boolean truncated, boolean incomplete) {
    public MultipartPart {
        Objects.requireNonNull(headers);
        Objects.requireNonNull(sha256);
        Objects.requireNonNull(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isFile() {
        return filename != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultipartPart p && index == p.index && Objects.equals(name, p.name)
                && Objects.equals(filename, p.filename) && Objects.equals(contentType, p.contentType)
                && headers.equals(p.headers) && size == p.size && sha256.equals(p.sha256)
                && Arrays.equals(bytes, p.bytes) && truncated == p.truncated && incomplete == p.incomplete;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, filename, size, sha256);
    }

    @Override
    public String toString() {
        return "MultipartPart[index=" + index + ", name=" + name + ", filename=" + filename + ", contentType="
                + contentType + ", size=" + size + ", sha256=" + sha256 + ", truncated=" + truncated
                + ", incomplete=" + incomplete + "]";
    }
}
