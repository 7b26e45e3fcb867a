package org.nta.app.kerberos;

/**
 * Limits of the Kerberos parser.
 *
 * @param maxMessageBytes largest message over TCP (its 4-byte length says how much is coming); a larger one is
 *                        skipped and counted ({@code kerberos.message_too_large}). Tickets with a PAC are a few kB.
 * @param maxDepth        ASN.1 nesting followed ({@code kerberos.malformed} beyond)
 * @param maxFlows        UDP conversations whose unanswered request is remembered (for the result of a pre-auth)
 */
public record KerberosConfig(int maxMessageBytes, int maxDepth, int maxFlows) {
    public static final KerberosConfig DEFAULTS = new KerberosConfig(1 << 20, 24, 4096);

    public KerberosConfig {
        if (maxMessageBytes < 1024 || maxDepth < 8 || maxFlows < 1) throw new IllegalArgumentException("limits too small");
    }
}
