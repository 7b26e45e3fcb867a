package org.nta.app.dcerpc;

import org.nta.bytes.Bytes;

/** Recognises connection-oriented DCE/RPC from a TCP connection's first bytes, whatever the port (135 or dynamic). */
public final class DceRpcDetect {
    private DceRpcDetect() {}

    /**
     * A common header of version 5.0 whose type opens a conversation (bind, alter_context or a request from the
     * client; their answers from the server), first-fragment flag set, NDR data representation (ASCII, IEEE floats),
     * and a frag_length that covers that type's fixed part.
     */
    public static boolean looksLikeDceRpc(byte[] b, int off, int len, boolean fromClient) {
        if (len < DceRpcStream.HEADER || b[off] != 5 || b[off + 1] != 0) return false;
        int ptype = b[off + 2] & 0xff, flags = b[off + 3] & 0xff, drep = b[off + 4] & 0xff;
        if ((flags & DceRpcParser.FIRST) == 0 || (drep != 0x10 && drep != 0x00) || b[off + 5] != 0) return false;
        boolean le = drep == 0x10;
        int fragLen = le ? Bytes.u16le(b, off + 8) : Bytes.u16(b, off + 8);
        int authLen = le ? Bytes.u16le(b, off + 10) : Bytes.u16(b, off + 10);
        if (authLen > 0 && authLen + 8 + 16 > fragLen) return false;
        return switch (ptype) {
            case DceRpcParser.BIND, DceRpcParser.ALTER -> fromClient && fragLen >= 28 + 44;
            case DceRpcParser.REQUEST -> fromClient && fragLen >= 24;
            case DceRpcParser.BIND_ACK, DceRpcParser.ALTER_RESP -> !fromClient && fragLen >= 28;
            case DceRpcParser.RESPONSE, DceRpcParser.FAULT -> !fromClient && fragLen >= 24;
            default -> false;
        };
    }
}
