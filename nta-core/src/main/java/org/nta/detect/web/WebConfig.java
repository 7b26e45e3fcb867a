package org.nta.detect.web;

/**
 * Thresholds and limits of the web detectors. Every cap bounds memory; what a cap drops is counted in the
 * finding's evidence ({@code *_total} next to a sampled list).
 *
 * @param maxSessions                client/server/agent sessions each detector tracks at once (least recently used
 *                                   dropped beyond it; the drop is counted in {@code sessions_dropped})
 * @param maxSamples                 samples per evidence list (payloads, found paths, usernames, frames shown)
 * @param maxFilterFrames            evidence frames listed one by one in a finding's display filter; beyond it the
 *                                   filter selects the evidence connections ({@code tcp.stream in {…}}) instead
 * @param maxFilterStreams           connections listed in a filter; beyond it the filter uses the addresses and
 *                                   the frame range
 * @param maxScanChars               characters of one value, header or body that payload and disclosure rules read
 * @param maxDecodeRounds            rounds of recursive decoding (percent, HTML entities, escapes) per value
 * @param discoveryMinRequests       requests in one session before it can be content discovery
 * @param discoveryMinDistinctPaths  distinct paths asked for in that session
 * @param discoveryMinNotFoundShare  share of those requests answered "not found" (404, 410 or the soft-404 answer)
 * @param softNotFoundMinShare       share of a session's answers one (status, size) pair must reach to be taken as
 *                                   the server's soft "not found" (a catch-all 200 or redirect)
 * @param softNotFoundMinCount       answers that pair must count as well
 * @param toolMinGrammarHits         requests with sqlmap's payload grammar before sqlmap is named by behaviour
 * @param wordlistMinShare           share of a session's paths that are well-known wordlist entries for a
 *                                   directory brute forcer to be named by behaviour (with the discovery thresholds)
 * @param reportScriptedClients      report curl, wget, python-requests … even when they carry no attack payload
 *                                   (they are INFO context; by default only reported alongside attack payloads)
 * @param bruteMinAttempts           login attempts in one burst before it is a brute force
 * @param bruteMinDistinctPasswords  distinct passwords tried (or, for password spraying, distinct usernames)
 * @param bruteMinFailures           failed attempts among them
 * @param bruteMaxGapSec             seconds without an attempt that end a burst
 * @param bruteMaxPayloadShare       share of a session's POSTs to the form carrying injection payloads above which
 *                                   it is an injection scan (web attack), not password guessing
 * @param revealPasswords            credential findings show passwords instead of a masked form (cleartext
 *                                   credentials and a brute force's successful password; {@code analyze --show-secrets})
 * @param reportWeakDisclosures      report version banners (INFO) and directory listings (LOW) as findings of their
 *                                   own, besides the context they give other disclosure findings of that server
 */
public record WebConfig(int maxSessions, int maxSamples, int maxFilterFrames, int maxFilterStreams, int maxScanChars,
                        int maxDecodeRounds, int discoveryMinRequests, int discoveryMinDistinctPaths,
                        double discoveryMinNotFoundShare, double softNotFoundMinShare, int softNotFoundMinCount,
                        int toolMinGrammarHits, double wordlistMinShare, boolean reportScriptedClients,
                        int bruteMinAttempts, int bruteMinDistinctPasswords, int bruteMinFailures, long bruteMaxGapSec,
                        double bruteMaxPayloadShare, boolean revealPasswords, boolean reportWeakDisclosures) {
    public static final WebConfig DEFAULTS = new WebConfig(10_000, 20, 400, 300, 64 * 1024, 4, 50, 40, 0.5, 0.5, 20, 3,
            0.05, false, 10, 5, 5, 300, 0.2, false, true);

    public WebConfig {
        if (maxSessions < 1 || maxSamples < 1 || maxFilterFrames < 1 || maxFilterStreams < 1 || maxScanChars < 16
                || maxDecodeRounds < 1) {
            throw new IllegalArgumentException("web detector limits must be positive");
        }
    }

    /** The same thresholds, showing or masking passwords. */
    public WebConfig withRevealPasswords(boolean reveal) {
        return new WebConfig(maxSessions, maxSamples, maxFilterFrames, maxFilterStreams, maxScanChars, maxDecodeRounds,
                discoveryMinRequests, discoveryMinDistinctPaths, discoveryMinNotFoundShare, softNotFoundMinShare,
                softNotFoundMinCount, toolMinGrammarHits, wordlistMinShare, reportScriptedClients, bruteMinAttempts,
                bruteMinDistinctPasswords, bruteMinFailures, bruteMaxGapSec, bruteMaxPayloadShare, reveal, reportWeakDisclosures);
    }
}
