package org.nta.detect.auth;

import java.util.ArrayList;
import java.util.List;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;

/**
 * Builds credential uses as the parsers will emit them: each on its own connection (a new stream), the secret in
 * one frame and the answer two frames later, one second apart unless told otherwise; and runs the auth detectors.
 */
final class Creds {
    static final long T0 = 1_700_000_000_000_000_000L;
    long frame = 10;
    long ns = T0;
    int stream;
    final List<Event> events = new ArrayList<>();

    Credential use(String client, String server, int port, String protocol, String mechanism, String user, Credential.Kind kind,
                   String secret, Credential.Result result) {
        ConnInfo conn = new ConnInfo(protocol.equals("snmp") ? "udp" : "tcp", stream++, 4, client, 40000 + stream, server, port);
        long secretFrame = frame, secretNs = ns;
        frame += 3;
        ns += 1_000_000_000L;
        Credential c = new Credential(conn, protocol, mechanism, user, null, kind, secret, result, secretFrame, secretNs,
                secretFrame + 2, secretNs + 5_000_000L, kind == Credential.Kind.HASH ? 5600 : 0, null);
        events.add(c);
        return c;
    }

    Credential ftp(String client, String server, String user, String password, Credential.Result result) {
        return use(client, server, 21, "ftp", "USER/PASS", user, Credential.Kind.PASSWORD, password, result);
    }

    Credential imap(String client, String server, String user, String password, Credential.Result result) {
        return use(client, server, 143, "imap", "LOGIN", user, Credential.Kind.PASSWORD, password, result);
    }

    Credential snmp(String client, String server, String community, Credential.Result result) {
        return use(client, server, 161, "snmp", "community", null, Credential.Kind.COMMUNITY, community, result);
    }

    /** Moves the clock on. */
    Creds pause(long seconds) {
        ns += seconds * 1_000_000_000L;
        return this;
    }

    Creds add(Event e) {
        events.add(e);
        return this;
    }

    /** Findings of every auth detector over the events so far, with this configuration. */
    List<Finding> run(AuthConfig config) {
        List<Detector> ds = AuthDetectors.all(config);
        for (Event e : events) for (Detector d : ds) d.onEvent(e);
        List<Finding> out = new ArrayList<>();
        for (Detector d : ds) out.addAll(d.finish());
        return out;
    }

    List<Finding> run() {
        return run(AuthConfig.DEFAULTS);
    }

    static List<Finding> of(List<Finding> fs, FindingType type) {
        return fs.stream().filter(f -> f.type() == type).toList();
    }
}
