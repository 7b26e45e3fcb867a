package org.nta.detect.auth;

import java.util.ArrayList;
import java.util.List;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.web.FormCredentials;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.HttpTransaction;

/**
 * The credential uses of a capture, in capture order, shared by the auth detectors (which judge them once the
 * capture has been read). Fed every {@link Credential} event and the HTTP form logins ({@link FormCredentials});
 * bounded by {@link AuthConfig#maxUses}. It reports no findings itself; it is listed first among the detectors so
 * that it has seen every event before the others finish.
 */
public final class CredentialLog implements Detector {
    private final AuthConfig config;
    private final List<Use> uses = new ArrayList<>();
    private long dropped;
    private boolean sorted;
    private Guessing.Analysis analysis;

    public CredentialLog(AuthConfig config) {
        this.config = config;
    }

    @Override
    public List<Class<? extends Event>> eventTypes() {
        return List.of(Credential.class, HttpTransaction.class);
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof Credential c) add(c, FormCredentials.judgedByWebDetectors(c));
        else if (e instanceof HttpTransaction t && t.request() != null) {
            Credential c = FormCredentials.of(t);
            if (c != null) add(c, true);
        }
    }

    /** Records a use (tests feed it directly). */
    public void add(Credential c, boolean web) {
        if (uses.size() >= config.maxUses()) {
            dropped++;
            return;
        }
        uses.add(Use.of(uses.size(), c, config.maxSecretChars(), web));
        sorted = false;
    }

    /**
     * Every use kept, in capture order of the frames that carried the secrets (a parser emits a use when its answer
     * comes, so uses of parallel connections can arrive out of that order). Read once the capture has been read.
     */
    List<Use> uses() {
        if (!sorted) {
            uses.sort((a, b) -> a.secretFrame() != b.secretFrame() ? Long.compare(a.secretFrame(), b.secretFrame())
                    : Integer.compare(a.seq(), b.seq()));
            sorted = true;
        }
        return uses;
    }

    /** Uses beyond {@link AuthConfig#maxUses}. */
    long dropped() {
        return dropped;
    }

    /**
     * Whether {@code client} had this user's password accepted before {@code frame} (the frame where guessing found
     * it): the account's own user, whose later logins are not the attacker's.
     */
    boolean ownerBefore(Use u, long frame) {
        for (Use o : uses) {
            if (o.secretFrame() >= frame) continue;
            if (o.accepted() && o.client().equals(u.client()) && o.userKey().equals(u.userKey()) && java.util.Objects.equals(o.secret(), u.secret())) {
                return true;
            }
        }
        return false;
    }

    /** The guessing bursts of the capture (computed once, when first asked after the capture was read). */
    Guessing.Analysis guessing() {
        if (analysis == null) analysis = Guessing.analyze(uses(), config);
        return analysis;
    }

    @Override
    public List<Finding> finish() {
        return List.of();
    }
}
