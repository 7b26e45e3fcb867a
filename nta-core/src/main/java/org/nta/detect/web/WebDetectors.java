package org.nta.detect.web;

import java.util.List;

import org.nta.detect.Detector;

/** The web detectors, in report order. They share one request inspector, so each request is decoded once. */
public final class WebDetectors {
    private WebDetectors() {}

    public static List<Detector> all(WebConfig config) {
        UserAgentCatalog catalog = UserAgentCatalog.standard();
        RequestInspector inspector = new RequestInspector(config);
        return List.of(
                new ContentDiscoveryDetector(config, catalog, inspector),
                new AttackToolDetector(config, catalog, inspector),
                new WebAttackDetector(config, catalog, inspector),
                new LoginBruteforceDetector(config, catalog, inspector),
                new InfoDisclosureDetector(config, inspector),
                new CleartextCredentialsDetector(config, catalog, inspector));
    }
}
