package org.nta.filter;

import static org.nta.filter.FieldType.BYTES;
import static org.nta.filter.FieldType.INT;
import static org.nta.filter.FieldType.STRING;
import static org.nta.filter.FieldType.UINT;

import java.util.HexFormat;

import org.nta.app.http.HttpAuth;
import org.nta.event.HttpHeader;
import org.nta.event.HttpRequest;
import org.nta.event.LdapMessage;
import org.nta.event.NtlmsspMessage;
import org.nta.event.SnmpMessage;

/**
 * Display-filter fields of the authentication parsers, with Wireshark's names: {@code http.authbasic},
 * {@code ntlmssp.*}, {@code ldap.*} and {@code snmp.*}, read from the events completed on the frame.
 */
final class AuthFields {
    private AuthFields() {}

    static void register(FieldRegistry r) {
        r.registerEventField("http.authbasic", STRING, HttpRequest.class, (e, out) -> {
            for (HttpHeader h : e.headers().list()) {
                if (!h.name().equalsIgnoreCase("authorization") && !h.name().equalsIgnoreCase("proxy-authorization")) continue;
                String basic = HttpAuth.basic(h.value());
                if (basic != null) out.addString(basic);
            }
        });
        r.registerEventField("http.proxy_authorization", STRING, HttpRequest.class, (e, out) -> {
            for (HttpHeader h : e.headers().list()) if (h.name().equalsIgnoreCase("proxy-authorization")) out.addString(h.value());
        });
        ntlmssp(r);
        ldap(r);
        snmp(r);
    }

    private static void ntlmssp(FieldRegistry r) {
        r.registerProtocol("ntlmssp", v -> has(v, NtlmsspMessage.class) || has(v, org.nta.event.NtlmAuthentication.class));
        r.register(Field.hex("ntlmssp.messagetype", 8, (v, out) -> { // tshark prints 0x00000003
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) if (events.get(i) instanceof NtlmsspMessage m) out.add(m.messageType());
        }));
        r.register("ntlmssp.auth.username", STRING, (v, out) -> {
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) {
                if (events.get(i) instanceof NtlmsspMessage e && e.messageType() == 3) out.addString(e.user().isEmpty() ? "NULL" : e.user());
                else if (events.get(i) instanceof org.nta.event.NtlmAuthentication e) out.addString(e.user().isEmpty() ? "NULL" : e.user());
            }
        });
        r.register("ntlmssp.auth.domain", STRING, (v, out) -> {
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) {
                if (events.get(i) instanceof NtlmsspMessage e && e.messageType() == 3) out.addString(e.domain().isEmpty() ? "NULL" : e.domain());
                else if (events.get(i) instanceof org.nta.event.NtlmAuthentication e) out.addString(e.domain().isEmpty() ? "NULL" : e.domain());
            }
        });
        r.register("ntlmssp.auth.hostname", STRING, (v, out) -> {
            var events = v.events();
            for (int i = 0, n = events.size(); i < n; i++) {
                if (events.get(i) instanceof NtlmsspMessage e && e.messageType() == 3) out.addString(e.host().isEmpty() ? "NULL" : e.host());
                else if (events.get(i) instanceof org.nta.event.NtlmAuthentication e) out.addString(e.workstation().isEmpty() ? "NULL" : e.workstation());
            }
        });
        r.registerEventField("ntlmssp.ntlmserverchallenge", BYTES, NtlmsspMessage.class, (e, out) -> {
            if (e.serverChallenge() != null) {
                byte[] b = HexFormat.of().parseHex(e.serverChallenge());
                out.addBytes(b, 0, b.length);
            }
        });
        r.registerEventField("ntlmssp.ntlmv2_response.ntproofstr", BYTES, NtlmsspMessage.class, (e, out) -> {
            if (e.ntProofStr() != null) {
                byte[] b = HexFormat.of().parseHex(e.ntProofStr());
                out.addBytes(b, 0, b.length);
            }
        });
    }

    private static void ldap(FieldRegistry r) {
        r.registerProtocol("ldap", v -> has(v, LdapMessage.class));
        r.registerEventField("ldap.messageID", UINT, LdapMessage.class, (e, out) -> out.add(e.messageId()));
        r.registerEventField("ldap.protocolOp", UINT, LdapMessage.class, (e, out) -> out.add(e.protocolOp()));
        r.registerEventField("ldap.name", STRING, LdapMessage.class, (e, out) -> {
            if (e.protocolOp() == 0 && e.name() != null) out.addString(e.name());
        });
        r.registerEventField("ldap.baseObject", STRING, LdapMessage.class, (e, out) -> {
            if (e.protocolOp() == 3 && e.name() != null) out.addString(e.name());
        });
        r.registerEventField("ldap.simple", STRING, LdapMessage.class, (e, out) -> {
            if (e.simple() != null) out.addString(e.simple());
        });
        r.registerEventField("ldap.mechanism", STRING, LdapMessage.class, (e, out) -> {
            if (e.mechanism() != null) out.addString(e.mechanism());
        });
        r.registerEventField("ldap.resultCode", UINT, LdapMessage.class, (e, out) -> {
            if (e.resultCode() >= 0) out.add(e.resultCode());
        });
        r.registerEventField("ldap.scope", UINT, LdapMessage.class, (e, out) -> {
            if (e.scope() >= 0) out.add(e.scope());
        });
    }

    private static void snmp(FieldRegistry r) {
        r.registerProtocol("snmp", v -> has(v, SnmpMessage.class));
        r.registerEventField("snmp.version", INT, SnmpMessage.class, (e, out) -> out.add(e.version()));
        r.registerEventField("snmp.community", STRING, SnmpMessage.class, (e, out) -> {
            if (e.community() != null) out.addString(e.community());
        });
        r.registerEventField("snmp.data", UINT, SnmpMessage.class, (e, out) -> {
            if (e.pduType() >= 0) out.add(e.pduType());
        });
        r.registerEventField("snmp.request_id", INT, SnmpMessage.class, (e, out) -> {
            if (e.pduType() >= 0 && e.pduType() != 4) out.add(e.requestId());
        });
        r.registerEventField("snmp.error_status", INT, SnmpMessage.class, (e, out) -> {
            if (e.pduType() >= 0 && e.pduType() != 4 && e.pduType() != 5) out.add(e.errorStatus());
        });
        r.registerEventField("snmp.name", STRING, SnmpMessage.class, (e, out) -> {
            for (String oid : e.oids()) out.addString(oid);
        });
    }

    private static boolean has(FrameView v, Class<?> type) {
        var events = v.events();
        for (int i = 0, n = events.size(); i < n; i++) if (type.isInstance(events.get(i))) return true;
        return false;
    }
}
