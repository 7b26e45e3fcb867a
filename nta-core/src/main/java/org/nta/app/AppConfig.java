package org.nta.app;

import org.nta.app.http.HttpConfig;
import org.nta.app.mail.MailConfig;

/**
 * Which application parsers run and their limits.
 *
 * @param http          parse HTTP/1.x (detected by content on any port)
 * @param opaque        keep unrecognised TCP streams' opening bytes for detectors (interactive shells)
 * @param detectBytes   bytes of a direction looked at before a connection is declared unrecognised
 * @param searchBytes   bytes of a connection picked up without its handshake (or missing bytes before it was
 *                      recognised) held while its lines are searched for an HTTP request or status line; past them
 *                      it is unrecognised
 * @param searchMemcap  bytes held that way across all connections; a connection that would go beyond stops
 *                      searching, counted as {@code app.search_memcap_reached}
 * @param mail          limits of the SMTP, POP3 and IMAP parsers, or null to leave mail unparsed
 */
public record AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                        int detectBytes, int searchBytes, long searchMemcap, MailConfig mail) {
    public static final int SEARCH_BYTES = 64 << 10;
    public static final long SEARCH_MEMCAP = 32L << 20;

    public AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                     int detectBytes) {
        this(http, httpConfig, tls, ssh, dns, opaque, detectBytes, SEARCH_BYTES, SEARCH_MEMCAP, null);
    }

    public AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                     int detectBytes, int searchBytes, long searchMemcap) {
        this(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, null);
    }

    public static AppConfig all() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), true, true, true, true, 64)
                .withMail(MailConfig.DEFAULTS);
    }

    public static AppConfig httpOnly() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), false, false, false, false, 64);
    }

    public AppConfig withHttp(HttpConfig c) {
        return new AppConfig(http, c, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, mail);
    }

    /** The same with the mail parsers on ({@code c}) or off (null). */
    public AppConfig withMail(MailConfig c) {
        return new AppConfig(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, c);
    }
}
