package org.nta.app.ldap;

/**
 * Limits of the LDAP parser.
 *
 * @param maxMessageBytes an LDAPMessage larger than this is skipped, counted as {@code ldap.message_too_large}
 *                        (binds and searches are small; a huge search result entry is not read)
 * @param maxDepth        BER nesting depth (search filters nest; deeper is counted as {@code ber.too_deep})
 * @param maxFilterChars  characters of a search filter's text kept
 * @param maxPendingBinds binds awaiting their response on one connection
 */
public record LdapConfig(int maxMessageBytes, int maxDepth, int maxFilterChars, int maxPendingBinds) {
    public static final LdapConfig DEFAULTS = new LdapConfig(1 << 20, 48, 1024, 16);
}
