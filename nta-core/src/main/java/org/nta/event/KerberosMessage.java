package org.nta.event;

import java.util.List;

/**
 * One Kerberos 5 message (RFC 4120) over UDP or TCP 88, on the frame that carried it (for TCP, its last byte).
 * Lists keep the order in which Wireshark shows the values (nested messages, tickets and padata included).
 *
 * @param msgType         the message type: 10 AS-REQ, 11 AS-REP, 12 TGS-REQ, 13 TGS-REP, 14 AP-REQ, 15 AP-REP,
 *                        30 KRB-ERROR
 * @param msgTypes        every msg-type in the message (a TGS-REQ carries an AP-REQ: 12, 14), as {@code kerberos.msg_type}
 * @param cname           the client name's components ({@code kerberos.CNameString}); empty when absent
 * @param crealm          the client realm (KDC-REP, KRB-ERROR), or null
 * @param realms          every realm ({@code kerberos.realm}: request body, tickets, KRB-ERROR's server realm)
 * @param snames          every server name component ({@code kerberos.SNameString}: tickets, body, error)
 * @param spn             the server principal the message is about, components joined with "/" (the body's sname of a
 *                        request, the ticket's of a reply, the error's), or null
 * @param etypes          encryption types of every EncryptedData and ETYPE-INFO entry ({@code kerberos.etype})
 * @param requestedEtypes the etypes a request offers (KDC-REQ-BODY etype), in its order
 * @param padataTypes     every padata-type ({@code kerberos.padata_type})
 * @param errorCode       KRB-ERROR error-code, or -1
 * @param preauthEtype    etype of an AS-REQ's PA-ENC-TIMESTAMP, or -1 when it carries none
 * @param ticketEtype     etype of a KDC-REP's ticket, or -1
 * @param encPartEtype    etype of a KDC-REP's enc-part, or -1
 * @param hashcat         the crackable material as a hashcat line (AS-REQ pre-auth, AS-REP enc-part, TGS-REP ticket),
 *                        or null
 * @param hashcatMode     hashcat's mode for {@code hashcat}, else 0
 */
public record KerberosMessage(long frame, long timeNs, ConnInfo conn, int msgType, List<Integer> msgTypes,
                              List<String> cname, String crealm, List<String> realms, List<String> snames, String spn,
                              List<Integer> etypes, List<Integer> requestedEtypes, List<Integer> padataTypes,
                              int errorCode, int preauthEtype, int ticketEtype, int encPartEtype, String hashcat,
                              int hashcatMode) implements Event {
    public KerberosMessage {
        msgTypes = List.copyOf(msgTypes);
        cname = List.copyOf(cname);
        realms = List.copyOf(realms);
        snames = List.copyOf(snames);
        etypes = List.copyOf(etypes);
        requestedEtypes = List.copyOf(requestedEtypes);
        padataTypes = List.copyOf(padataTypes);
    }

    /** The client principal as {@code name}, or null. */
    public String client() {
        return cname.isEmpty() ? null : String.join("/", cname);
    }

    public boolean isRequest() {
        return msgType == 10 || msgType == 12;
    }
}
