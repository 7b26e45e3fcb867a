package org.nta.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The report's own style sheet and script (resources beside this class), the only markup the page holds that is
 * not escaped, and the Content-Security-Policy that lets exactly these two run: each is allowed by the SHA-256 of
 * its text, computed here when the page is written, so an edited asset can never be left out of the policy.
 */
final class Assets {
    static final String CSS = load("report.css");
    static final String JS = load("report.js");

    private Assets() {}

    static Html.Trusted css() {
        return new Html.Trusted(CSS);
    }

    static Html.Trusted js() {
        return new Html.Trusted(JS);
    }

    /**
     * Nothing may be fetched (no {@code default-src}, no images, fonts or connections), forms and {@code base} are
     * off, and only the page's own style sheet and script are applied, by hash: inline handlers, {@code javascript:}
     * URLs and any other script or style are refused by the browser.
     */
    static String contentSecurityPolicy() {
        return "default-src 'none'; script-src '" + hash(JS) + "'; style-src '" + hash(CSS) + "'; img-src 'none'; "
                + "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'";
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String load(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            // one form of line ends whatever the checkout did, so the hash and the page bytes are the same everywhere
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
