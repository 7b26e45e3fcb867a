package org.nta.app.smb;

import java.util.Map;

/** Names of SMB commands and NT status codes, as Microsoft's specifications (and Wireshark) spell them. */
public final class SmbNames {
    private SmbNames() {}

    private static final String[] SMB2 = {"NEGOTIATE", "SESSION_SETUP", "LOGOFF", "TREE_CONNECT", "TREE_DISCONNECT",
            "CREATE", "CLOSE", "FLUSH", "READ", "WRITE", "LOCK", "IOCTL", "CANCEL", "ECHO", "QUERY_DIRECTORY",
            "CHANGE_NOTIFY", "QUERY_INFO", "SET_INFO", "OPLOCK_BREAK"};

    private static final Map<Integer, String> SMB1 = Map.ofEntries(
            Map.entry(0x04, "CLOSE"), Map.entry(0x06, "DELETE"), Map.entry(0x24, "LOCKING_ANDX"),
            Map.entry(0x25, "TRANSACTION"), Map.entry(0x2b, "ECHO"), Map.entry(0x2d, "OPEN_ANDX"),
            Map.entry(0x2e, "READ_ANDX"), Map.entry(0x2f, "WRITE_ANDX"), Map.entry(0x32, "TRANSACTION2"),
            Map.entry(0x71, "TREE_DISCONNECT"), Map.entry(0x72, "NEGOTIATE"), Map.entry(0x73, "SESSION_SETUP_ANDX"),
            Map.entry(0x74, "LOGOFF_ANDX"), Map.entry(0x75, "TREE_CONNECT_ANDX"), Map.entry(0xa0, "NT_TRANSACT"),
            Map.entry(0xa2, "NT_CREATE_ANDX"), Map.entry(0xa4, "NT_CANCEL"));

    private static final Map<Long, String> STATUS = Map.ofEntries(
            Map.entry(0x00000000L, "STATUS_SUCCESS"), Map.entry(0x00000103L, "STATUS_PENDING"),
            Map.entry(0x0000010cL, "STATUS_NOTIFY_ENUM_DIR"), Map.entry(0x80000005L, "STATUS_BUFFER_OVERFLOW"),
            Map.entry(0x80000006L, "STATUS_NO_MORE_FILES"), Map.entry(0xc0000001L, "STATUS_UNSUCCESSFUL"),
            Map.entry(0xc0000002L, "STATUS_NOT_IMPLEMENTED"), Map.entry(0xc0000003L, "STATUS_INVALID_INFO_CLASS"),
            Map.entry(0xc000000dL, "STATUS_INVALID_PARAMETER"), Map.entry(0xc000000fL, "STATUS_NO_SUCH_FILE"),
            Map.entry(0xc0000010L, "STATUS_INVALID_DEVICE_REQUEST"), Map.entry(0xc0000011L, "STATUS_END_OF_FILE"),
            Map.entry(0xc0000016L, "STATUS_MORE_PROCESSING_REQUIRED"), Map.entry(0xc0000022L, "STATUS_ACCESS_DENIED"),
            Map.entry(0xc0000023L, "STATUS_BUFFER_TOO_SMALL"), Map.entry(0xc0000033L, "STATUS_OBJECT_NAME_INVALID"),
            Map.entry(0xc0000034L, "STATUS_OBJECT_NAME_NOT_FOUND"), Map.entry(0xc0000035L, "STATUS_OBJECT_NAME_COLLISION"),
            Map.entry(0xc000003aL, "STATUS_OBJECT_PATH_NOT_FOUND"), Map.entry(0xc0000043L, "STATUS_SHARING_VIOLATION"),
            Map.entry(0xc0000056L, "STATUS_DELETE_PENDING"), Map.entry(0xc000006aL, "STATUS_WRONG_PASSWORD"),
            Map.entry(0xc000006dL, "STATUS_LOGON_FAILURE"), Map.entry(0xc000006eL, "STATUS_ACCOUNT_RESTRICTION"),
            Map.entry(0xc000006fL, "STATUS_INVALID_LOGON_HOURS"), Map.entry(0xc0000070L, "STATUS_INVALID_WORKSTATION"),
            Map.entry(0xc0000071L, "STATUS_PASSWORD_EXPIRED"), Map.entry(0xc0000072L, "STATUS_ACCOUNT_DISABLED"),
            Map.entry(0xc00000baL, "STATUS_FILE_IS_A_DIRECTORY"), Map.entry(0xc00000bbL, "STATUS_NOT_SUPPORTED"),
            Map.entry(0xc00000c9L, "STATUS_NETWORK_NAME_DELETED"), Map.entry(0xc00000ccL, "STATUS_BAD_NETWORK_NAME"),
            Map.entry(0xc0000101L, "STATUS_DIRECTORY_NOT_EMPTY"), Map.entry(0xc0000103L, "STATUS_NOT_A_DIRECTORY"),
            Map.entry(0xc0000120L, "STATUS_CANCELLED"), Map.entry(0xc0000128L, "STATUS_FILE_CLOSED"),
            Map.entry(0xc000015bL, "STATUS_LOGON_TYPE_NOT_GRANTED"), Map.entry(0xc0000193L, "STATUS_ACCOUNT_EXPIRED"),
            Map.entry(0xc0000203L, "STATUS_USER_SESSION_DELETED"), Map.entry(0xc0000224L, "STATUS_PASSWORD_MUST_CHANGE"),
            Map.entry(0xc0000225L, "STATUS_NOT_FOUND"), Map.entry(0xc0000234L, "STATUS_ACCOUNT_LOCKED_OUT"),
            Map.entry(0xc000035cL, "STATUS_NETWORK_SESSION_EXPIRED"), Map.entry(0xc000a000L, "STATUS_INVALID_SIGNATURE"));

    /** The SMB2 command's name, or {@code UNKNOWN_0x..}. */
    public static String smb2Command(int cmd) {
        return cmd >= 0 && cmd < SMB2.length ? SMB2[cmd] : String.format("UNKNOWN_0x%04x", cmd);
    }

    /** The SMB1 command's name, or {@code UNKNOWN_0x..}. */
    public static String smb1Command(int cmd) {
        String s = SMB1.get(cmd);
        return s != null ? s : String.format("UNKNOWN_0x%02x", cmd);
    }

    /** The NT status name, or {@code 0x........} for one not listed. */
    public static String status(long status) {
        if (status < 0) return null;
        String s = STATUS.get(status);
        return s != null ? s : String.format("0x%08x", status);
    }
}
