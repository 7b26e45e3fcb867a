package org.nta.event;

import java.util.List;
import java.util.Objects;

/**
 * One SNMP v1/v2c message (one datagram), on its frame.
 *
 * @param fromClient  sent by the manager (the side that asks; for traps, the agent sending them)
 * @param version     0 for v1, 1 for v2c, 3 for v3 (whose PDU is not read)
 * @param community   the community string as sent (ISO-8859-1 text), or null for v3
 * @param pduType     the PDU's context tag, Wireshark's {@code snmp.data}: 0 get-request, 1 get-next-request,
 *                    2 get-response, 3 set-request, 4 trap (v1), 5 getBulkRequest, 6 informRequest,
 *                    7 snmpV2-trap, 8 report; -1 when unknown
 * @param requestId   the request-id (0 for a v1 trap)
 * @param errorStatus the error-status (0 noError, 16 authorizationError …)
 * @param oids        the variable bindings' names in order (bounded by the parser's limit)
 */
public record SnmpMessage(ConnInfo conn, boolean fromClient, int version, String community, int pduType,
                          long requestId, int errorStatus, List<String> oids, long frame, long timeNs)
        implements Event {
    public SnmpMessage {
        Objects.requireNonNull(conn);
        oids = List.copyOf(oids);
    }

    private static final String[] PDUS = {"get-request", "get-next-request", "get-response", "set-request", "trap",
            "getBulkRequest", "informRequest", "snmpV2-trap", "report"};

    /** The PDU's name as Wireshark prints it ({@code get-request} …). */
    public String pduName() {
        return pduName(pduType);
    }

    /** The name of PDU type {@code type}. */
    public static String pduName(int type) {
        return type >= 0 && type < PDUS.length ? PDUS[type] : "pdu" + type;
    }

    /** Whether this PDU asks for an answer (get, get-next, get-bulk, set, inform). */
    public boolean isRequest() {
        return pduType == 0 || pduType == 1 || pduType == 3 || pduType == 5 || pduType == 6;
    }
}
