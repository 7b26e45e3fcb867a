package org.nta.app;

import org.nta.app.http.HttpConfig;

/**
 * Which application parsers run and their limits.
 *
 * @param http          parse HTTP/1.x (detected by content on any port)
 * @param opaque        keep unrecognised TCP streams' opening bytes for detectors (interactive shells)
 * @param detectBytes   bytes of a direction looked at before a connection is declared unrecognised
 */
public record AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                        int detectBytes) {
    public static AppConfig all() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), true, true, true, true, 64);
    }

    public static AppConfig httpOnly() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), false, false, false, false, 64);
    }

    public AppConfig withHttp(HttpConfig c) {
        return new AppConfig(http, c, tls, ssh, dns, opaque, detectBytes);
    }
}
