package org.nta.event;

import java.util.Objects;

/**
 * One use of a credential seen in the traffic (a login attempt, a community string, an authentication exchange),
 * emitted by the protocol parser that read it once its result is known (or when the connection ends without one).
 * Shared by every protocol so that {@code nta creds} and the authentication detectors read one shape.
 *
 * @param conn        the connection (TCP or UDP) that carried it
 * @param protocol    the protocol's display-filter name: {@code ftp}, {@code telnet}, {@code smtp}, {@code pop},
 *                    {@code imap}, {@code http}, {@code ldap}, {@code snmp}, {@code ntlmssp}, {@code kerberos} …
 * @param mechanism   how it was sent, as the protocol names it: {@code USER/PASS}, {@code AUTH PLAIN},
 *                    {@code AUTH LOGIN}, {@code LOGIN}, {@code Basic}, {@code Digest}, {@code NTLMv2},
 *                    {@code simple bind}, {@code community} …
 * @param user        the user name, or null when none was given (an SNMP community)
 * @param domain      the domain or realm, or null
 * @param kind        what the secret is
 * @param secret      the secret as sent (a password, a community), or for a hash the hashcat line; null when the
 *                    mechanism does not reveal one (CRAM-MD5 user only, an aborted login)
 * @param result      whether the server accepted it
 * @param secretFrame the frame that carries the secret (or the user name when no secret was seen)
 * @param secretTimeNs that frame's capture time
 * @param frame       the frame that shows the result (the server's answer), or {@code secretFrame} when unknown
 * @param timeNs      that frame's capture time
 * @param hashcatMode hashcat's mode number for a {@link Kind#HASH} secret (5600 for NetNTLMv2 …), else 0
 * @param detail      a short protocol-specific note for people (the reply text, the SNMP PDU type), or null
 */
public record Credential(ConnInfo conn, String protocol, String mechanism, String user, String domain, Kind kind,
                         String secret, Result result, long secretFrame, long secretTimeNs, long frame, long timeNs,
                         int hashcatMode, String detail) implements Event {
    /** What kind of secret a credential carries. */
    public enum Kind {
        PASSWORD("password"), COMMUNITY("community"), HASH("hash"), TOKEN("token");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The JSON name (a contract: add, never rename). */
        public String id() {
            return id;
        }
    }

    /** What the server said of it. */
    public enum Result {
        ACCEPTED("accepted"), REJECTED("rejected"), UNKNOWN("unknown");

        private final String id;

        Result(String id) {
            this.id = id;
        }

        /** The JSON name (a contract: add, never rename). */
        public String id() {
            return id;
        }
    }

    /** What outputs show instead of a secret unless asked to show secrets ({@code --show-secrets}). */
    public static final String MASK = "****";

    public Credential {
        Objects.requireNonNull(conn);
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(mechanism);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(result);
    }

    /** The same credential with its result, shown by {@code frame} at {@code timeNs}. */
    public Credential withResult(Result result, long frame, long timeNs, String detail) {
        return new Credential(conn, protocol, mechanism, user, domain, kind, secret, result, secretFrame, secretTimeNs,
                frame, timeNs, hashcatMode, detail != null ? detail : this.detail);
    }

    /** The secret as outputs show it: itself when {@code show}, else {@link #MASK} (null stays null). */
    public String shownSecret(boolean show) {
        return secret == null ? null : show ? secret : MASK;
    }

    /** The client's address (the side that logged in). */
    public String client() {
        return conn.clientAddr();
    }

    /** The server's address. */
    public String server() {
        return conn.serverAddr();
    }
}
