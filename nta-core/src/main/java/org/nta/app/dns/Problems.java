package org.nta.app.dns;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;

/** Problems of one DNS message as bits, so that each kind is counted once per message however often it occurs. */
final class Problems {
    static final int MALFORMED = 1, LOOP = 2, TOO_LONG = 4, FORWARD_POINTER = 8, POINTER_LIMIT = 16,
            RECORD_LIMIT = 32;

    private static final int[] BITS = {MALFORMED, LOOP, TOO_LONG, FORWARD_POINTER, POINTER_LIMIT, RECORD_LIMIT};
    private static final Anomaly[] KINDS = {Anomaly.DNS_MALFORMED, Anomaly.DNS_NAME_LOOP, Anomaly.DNS_NAME_TOO_LONG,
            Anomaly.DNS_NAME_FORWARD_POINTER, Anomaly.DNS_NAME_POINTER_LIMIT, Anomaly.DNS_RECORD_LIMIT};

    private Problems() {}

    static void count(int problems, AnomalyCounter anomalies, long frame) {
        for (int i = 0; i < BITS.length; i++) if ((problems & BITS[i]) != 0) anomalies.add(KINDS[i], frame);
    }
}
