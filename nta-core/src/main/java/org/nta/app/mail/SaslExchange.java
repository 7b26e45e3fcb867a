package org.nta.app.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;

/**
 * One SASL authentication as SMTP AUTH, POP3 AUTH and IMAP AUTHENTICATE carry it: the mechanism, the server's
 * challenges and the client's base64 responses (or initial response), read into a user and a secret. PLAIN and
 * LOGIN give the password, CRAM-MD5 the user and a hash (hashcat mode 10200), XOAUTH2 the user and a token; other
 * mechanisms give nothing.
 */
final class SaslExchange {
    final String mechanism;
    private final AnomalyCounter anomalies;
    private String user;
    private String secret;
    private Credential.Kind kind = Credential.Kind.PASSWORD;
    private int hashcatMode;
    private String challengeB64;
    private int responses;
    private long secretFrame, secretTimeNs;
    private boolean cancelled;

    SaslExchange(String mechanism, AnomalyCounter anomalies) {
        this.mechanism = mechanism.toUpperCase(Locale.ROOT);
        this.anomalies = anomalies;
    }

    boolean known() {
        return switch (mechanism) {
            case "PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2" -> true;
            default -> false;
        };
    }

    /** The server sent a challenge (base64 text after 334 or +). */
    void challenge(String b64) {
        challengeB64 = b64.strip();
    }

    /** A client response line (or the initial response), base64; "*" cancels, "=" is an empty initial response. */
    void response(String line, long frame, long timeNs) {
        String s = line.strip();
        if (s.equals("*")) {
            cancelled = true;
            return;
        }
        byte[] raw;
        if (s.equals("=")) {
            raw = new byte[0];
        } else {
            MailCodecs.Decoded d = MailCodecs.base64(s);
            if (d.invalid()) anomalies.add(Anomaly.MAIL_AUTH_MALFORMED, frame);
            raw = d.bytes();
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        int step = responses++;
        switch (mechanism) {
            case "PLAIN" -> {
                if (step > 0) return;
                String[] f = text.split("\0", -1);
                if (f.length != 3) {
                    anomalies.add(Anomaly.MAIL_AUTH_MALFORMED, frame);
                    if (f.length < 2) return;
                }
                user = f[1];
                secret = f.length > 2 ? f[2] : null;
                mark(frame, timeNs);
            }
            case "LOGIN" -> {
                if (step == 0) {
                    user = text;
                    mark(frame, timeNs);
                } else if (step == 1) {
                    secret = text;
                    mark(frame, timeNs);
                }
            }
            case "CRAM-MD5" -> {
                if (step > 0) return;
                int sp = text.lastIndexOf(' ');
                user = sp < 0 ? text : text.substring(0, sp);
                kind = Credential.Kind.HASH;
                if (challengeB64 != null && sp > 0) {
                    secret = "$cram_md5$" + challengeB64 + "$" + s;
                    hashcatMode = 10200;
                }
                mark(frame, timeNs);
            }
            case "XOAUTH2" -> {
                if (step > 0) return;
                for (String part : text.split("\u0001")) {
                    if (part.startsWith("user=")) user = part.substring(5);
                    else if (part.startsWith("auth=")) secret = part.substring(5);
                }
                kind = Credential.Kind.TOKEN;
                mark(frame, timeNs);
            }
            default -> {
            }
        }
    }

    private void mark(long frame, long timeNs) {
        secretFrame = frame;
        secretTimeNs = timeNs;
    }

    /** The credential read so far (result unknown), or null when no user was seen or the client cancelled. */
    Credential credential(ConnInfo conn, String protocol, String mechanismName) {
        if (user == null || cancelled) return null;
        return new Credential(conn, protocol, mechanismName, user, null, kind, secret, Credential.Result.UNKNOWN,
                secretFrame, secretTimeNs, secretFrame, secretTimeNs, hashcatMode, null);
    }

    boolean cancelled() {
        return cancelled;
    }

    String user() {
        return cancelled ? null : user;
    }
}
