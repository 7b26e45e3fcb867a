package org.nta.app;

import org.nta.app.http.HttpConfig;

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
 * @param win           the Windows-network parsers (SMB, Kerberos, DHCP, NBNS); {@link WinConfig#OFF} unless asked for
 */
public record AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                        int detectBytes, int searchBytes, long searchMemcap, WinConfig win) {
    public static final int SEARCH_BYTES = 64 << 10;
    public static final long SEARCH_MEMCAP = 32L << 20;

    public AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                     int detectBytes) {
        this(http, httpConfig, tls, ssh, dns, opaque, detectBytes, SEARCH_BYTES, SEARCH_MEMCAP);
    }

    public AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                     int detectBytes, int searchBytes, long searchMemcap) {
        this(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, WinConfig.OFF);
    }

    public static AppConfig all() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), true, true, true, true, 64).withWin(WinConfig.ALL);
    }

    public static AppConfig httpOnly() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), false, false, false, false, 64);
    }

    public AppConfig withHttp(HttpConfig c) {
        return new AppConfig(http, c, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, win);
    }

    public AppConfig withWin(WinConfig w) {
        return new AppConfig(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, w);
    }
}
