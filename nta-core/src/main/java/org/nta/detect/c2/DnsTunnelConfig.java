package org.nta.detect.c2;

/**
 * DNS tunnelling thresholds, per registered domain.
 *
 * @param minQueries          queries below which a domain is never a tunnel (a recognised tool: {@code minToolQueries})
 * @param minUniqueNames      distinct names under the domain below which it is never a tunnel
 * @param minMeanLength       mean characters before the registered domain (dots excluded) for a tunnel
 * @param minEncodedShare     share of names whose longest label looks encoded (base32, base64, hex) for a tunnel
 * @param minEntropy          mean character entropy (bits) of the names' subdomain part for a tunnel
 * @param highBytes           bytes carried up in names from which a tunnel is high severity
 * @param minToolQueries      queries that a recognised tool (iodine, dnscat2, dns2tcp) needs to be reported
 * @param maxDomains          registered domains tracked (beyond: counted, not kept)
 * @param maxNamesPerDomain   distinct names kept per domain (beyond: counted as distinct without being kept)
 * @param maxNames            distinct names kept over all domains
 * @param maxChunks           names kept in order per domain to decode in the evidence (all domains together keep
 *                            at most {@code maxChunkChars} characters of them)
 * @param minDataLabel        a label this long carries data (tunnels fill labels towards the 63-character limit; the
 *                            hashes in CDN names, MD5 or SHA-1 in hex, stay below): without it, a recognised tool,
 *                            {@code highBytes} up, mostly TXT/NULL-style or NXDOMAIN answers, or names that decode to
 *                            text, long encoded names answered with addresses are reported low
 * @param maxChunkChars       characters of names kept to decode, over all domains (a tunnel's 4 MB take about 8 M)
 */
public record DnsTunnelConfig(int minQueries, int minUniqueNames, double minMeanLength, double minEncodedShare,
                              double minEntropy, long highBytes, int minToolQueries, int maxDomains, int maxNamesPerDomain,
                              int maxNames, int maxChunks, int minDataLabel, long maxChunkChars) {
    public static final DnsTunnelConfig DEFAULTS = new DnsTunnelConfig(20, 15, 20, 0.5, 3.3, 4096, 4, 50_000, 2048,
            400_000, 2048, 48, 8L << 20);
}
