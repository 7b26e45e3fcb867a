package org.nta.event;

import java.util.List;
import java.util.Objects;

/**
 * One LDAPMessage ([RFC 4511] 4.2), reported on the frame that completed it.
 *
 * @param fromClient   sent by the client
 * @param messageId    the messageID
 * @param protocolOp   the operation's [APPLICATION n] number (Wireshark's {@code ldap.protocolOp}: 0 bindRequest,
 *                     1 bindResponse, 2 unbindRequest, 3 searchRequest, 4 searchResEntry, 5 searchResDone …)
 * @param name         bindRequest's name (a DN), searchRequest's baseObject, searchResEntry's objectName, or null
 * @param mechanism    bindRequest's SASL mechanism ({@code GSS-SPNEGO}, {@code DIGEST-MD5} …), {@code null} for a
 *                     simple bind and other operations
 * @param simple       bindRequest's simple password (may be empty: an anonymous or unauthenticated bind), or null
 * @param filter       searchRequest's filter as RFC 4515 text (basic), or null
 * @param scope        searchRequest's scope (0 base, 1 one level, 2 subtree), or -1
 * @param resultCode   an LDAPResult's resultCode (0 success, 49 invalidCredentials …), or -1
 * @param errorMessage an LDAPResult's diagnosticMessage, or null
 * @param account      a searchResEntry's sAMAccountName, or null
 * @param spns         a searchResEntry's servicePrincipalName values, else empty
 */
public record LdapMessage(ConnInfo conn, boolean fromClient, long messageId, int protocolOp, String name,
                          String mechanism, String simple, String filter, int scope, int resultCode,
                          String errorMessage, long frame, long timeNs, String account, List<String> spns) implements Event {
    public LdapMessage {
        Objects.requireNonNull(conn);
        spns = spns == null ? List.of() : spns;
    }

    private static final String[] OPS = {"bindRequest", "bindResponse", "unbindRequest", "searchRequest",
            "searchResEntry", "searchResDone", "modifyRequest", "modifyResponse", "addRequest", "addResponse",
            "delRequest", "delResponse", "modDNRequest", "modDNResponse", "compareRequest", "compareResponse",
            "abandonRequest", null, null, "searchResRef", null, null, null, "extendedRequest", "extendedResponse",
            "intermediateResponse"};

    /** The operation's ASN.1 name ({@code bindRequest} …), or {@code op<n>} for an unknown one. */
    public String opName() {
        return protocolOp >= 0 && protocolOp < OPS.length && OPS[protocolOp] != null ? OPS[protocolOp] : "op" + protocolOp;
    }
}
