package org.nta.app.smb;

/** Recognises SMB (over NBSS, on 445 or 139) from a connection's first bytes, whatever the ports. */
public final class SmbDetect {
    private SmbDetect() {}

    /**
     * An NBSS session message whose payload starts with an SMB protocol id ({@code \xfeSMB}, {@code \xffSMB},
     * {@code \xfdSMB}, {@code \xfcSMB}), or an NBSS session request from the client (type 0x81 with two encoded
     * NetBIOS names of 32 bytes each, as on port 139).
     */
    public static boolean looksLikeSmb(byte[] b, int off, int len, boolean fromClient) {
        if (len < 8) return false;
        int type = b[off] & 0xff;
        if (type == 0x00) {
            int id = b[off + 4] & 0xff;
            return (id == 0xfe || id == 0xff || id == 0xfd || id == 0xfc) && b[off + 5] == 'S' && b[off + 6] == 'M' && b[off + 7] == 'B';
        }
        if (type == 0x81 && fromClient) {
            int length = ((b[off + 1] & 1) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
            return length >= 68 && length <= 600 && b[off + 4] == 0x20 && (b[off + 5] & 0xff) >= 'A' && (b[off + 5] & 0xff) <= 'P';
        }
        return false;
    }
}
