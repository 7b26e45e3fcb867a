package org.nta.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file carried by a protocol other than HTTP (HTTP has {@link HttpFileObject}): an FTP transfer or listing rebuilt
 * from its data connection, a whole e-mail message ({@code .eml}) or one of its attachments, a file written or read
 * over SMB. Shared by every such parser so that {@code nta files} and the detectors read one shape.
 *
 * @param conn         the connection whose bytes make the file (the FTP data connection, the SMTP/IMAP/POP one)
 * @param control      the connection that asked for it (the FTP control connection), or null when it is {@code conn}
 * @param protocol     display-filter name of the carrier: {@code ftp-data}, {@code smtp}, {@code imap}, {@code pop},
 *                     {@code smb2} …
 * @param source       what the object is: {@code transfer}, {@code listing}, {@code message}, {@code attachment}
 * @param command      the request that moved it, as sent ({@code RETR}, {@code STOR}, {@code DATA}, {@code FETCH},
 *                     {@code RETR} for POP …), or null
 * @param direction    upload (client to server) or download
 * @param originalName name as the protocol gave it (a path, an attachment filename, a subject-derived name); may be
 *                     empty and is not safe to use as a path (see SafeFileNames)
 * @param frame        frame that completed the file; {@code firstFrame} the one with its first byte
 * @param size         bytes of the file seen (decoded: base64 and quoted-printable undone for attachments)
 * @param sha256       hex SHA-256 over those bytes
 * @param mimeType     type detected from the content's magic bytes
 * @param declaredType the type the protocol declared (a MIME part's Content-Type), or null
 * @param bytes        the first bytes, up to the file keep limit (accessor returns a copy)
 * @param truncated    fewer bytes were kept than {@code size}
 * @param incomplete   bytes of the file are missing (gap, cut connection, a size announced and not reached)
 * @param user         the account logged in on the session that moved it, or null
 */
public record TransferredFile(ConnInfo conn, ConnInfo control, String protocol, String source, String command,
                              HttpFileObject.Direction direction, String originalName, long frame, long firstFrame,
                              long timeNs, long size, String sha256, String mimeType, String declaredType, byte[] bytes,
                              boolean truncated, boolean incomplete, String user) implements Event {
    public TransferredFile {
        Objects.requireNonNull(conn);
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(source);
        Objects.requireNonNull(direction);
        bytes = bytes == null ? new byte[0] : bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Bytes kept, without a copy. */
    public int keptLength() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferredFile f && conn.equals(f.conn) && Objects.equals(control, f.control)
                && protocol.equals(f.protocol) && source.equals(f.source) && Objects.equals(command, f.command)
                && direction == f.direction && Objects.equals(originalName, f.originalName) && frame == f.frame
                && firstFrame == f.firstFrame && timeNs == f.timeNs && size == f.size && Objects.equals(sha256, f.sha256)
                && Objects.equals(mimeType, f.mimeType) && Objects.equals(declaredType, f.declaredType)
                && Arrays.equals(bytes, f.bytes) && truncated == f.truncated && incomplete == f.incomplete
                && Objects.equals(user, f.user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conn, protocol, source, originalName, frame, size, sha256);
    }

    @Override
    public String toString() {
        return "TransferredFile[" + protocol + " " + source + " " + originalName + " " + size + " bytes, frame " + frame + "]";
    }
}
