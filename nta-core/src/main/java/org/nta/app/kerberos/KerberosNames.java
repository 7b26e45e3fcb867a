package org.nta.app.kerberos;

import java.util.Map;

/** Names of Kerberos error codes (RFC 4120 7.5.9) and message types. */
public final class KerberosNames {
    private KerberosNames() {}

    private static final Map<Integer, String> ERRORS = Map.ofEntries(
            Map.entry(0, "KDC_ERR_NONE"), Map.entry(6, "KDC_ERR_C_PRINCIPAL_UNKNOWN"),
            Map.entry(7, "KDC_ERR_S_PRINCIPAL_UNKNOWN"), Map.entry(12, "KDC_ERR_POLICY"),
            Map.entry(13, "KDC_ERR_BADOPTION"), Map.entry(14, "KDC_ERR_ETYPE_NOSUPP"),
            Map.entry(18, "KDC_ERR_CLIENT_REVOKED"), Map.entry(23, "KDC_ERR_KEY_EXPIRED"),
            Map.entry(24, "KDC_ERR_PREAUTH_FAILED"), Map.entry(25, "KDC_ERR_PREAUTH_REQUIRED"),
            Map.entry(31, "KRB_AP_ERR_BAD_INTEGRITY"), Map.entry(32, "KRB_AP_ERR_TKT_EXPIRED"),
            Map.entry(37, "KRB_AP_ERR_SKEW"), Map.entry(41, "KRB_AP_ERR_MODIFIED"),
            Map.entry(52, "KRB_ERR_RESPONSE_TOO_BIG"), Map.entry(60, "KRB_ERR_GENERIC"),
            Map.entry(68, "KDC_ERR_WRONG_REALM"));

    public static String error(int code) {
        String s = ERRORS.get(code);
        return s != null ? s : "KRB_ERROR_" + code;
    }

    public static String messageType(int t) {
        return switch (t) {
            case 10 -> "AS-REQ";
            case 11 -> "AS-REP";
            case 12 -> "TGS-REQ";
            case 13 -> "TGS-REP";
            case 14 -> "AP-REQ";
            case 15 -> "AP-REP";
            case 30 -> "KRB-ERROR";
            default -> "KRB-" + t;
        };
    }
}
