package org.nta.detect.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.detect.Detector;
import org.nta.event.ConnInfo;
import org.nta.event.HttpFileObject;
import org.nta.event.KerberosMessage;
import org.nta.event.SmbCommand;
import org.nta.event.TransferredFile;

/** Events with every optional field absent, answers without requests, and state at its caps: no exception, bounded. */
class AdRobustnessTest {
    private static List<Detector> all(AdConfig c) {
        return AdDetectors.all(c);
    }

    @Test
    void absentFieldsAndOrphanAnswersAreIgnored() {
        ConnInfo c = new ConnInfo("udp", 3, 4, "10.0.0.5", 50000, "10.0.0.10", 88);
        for (int type : new int[] {10, 11, 12, 13, 30, 14, 99}) {
            KerberosMessage k = new KerberosMessage(type, 1, c, type, List.of(), List.of(), null, List.of(), List.of(), null,
                    List.of(), List.of(), List.of(), 6, -1, -1, -1, null, 0);
            for (Detector d : all(AdConfig.DEFAULTS)) d.onEvent(k);
        }
        SmbCommand s = new SmbCommand(c, 2, 9, null, 1, 1, 1, null, null, -1, 0, 5, 0, -1, null, 0, -1, -1, -1, -1, null, null, false);
        TransferredFile f = new TransferredFile(c, null, "smb2", "transfer", null, HttpFileObject.Direction.UPLOAD, null, 5, 5, 0, 0,
                null, null, null, null, false, true, null);
        for (Detector d : all(AdConfig.DEFAULTS)) {
            d.onEvent(s);
            d.onEvent(f);
            assertThat(d.finish()).isEmpty();
        }
    }

    @Test
    void requestsBeyondTheCapAreCountedNotKept() {
        AdConfig small = new AdConfig(10, 5, 3, 4, 300, 3, 3, 5, false);
        Kdc k = new Kdc();
        for (int i = 0; i < 50; i++) k.error(k.asReq("10.0.0.66", "user" + i, List.of(23), false), 25);
        var fs = k.run(new AsrepRoastingDetector(small));
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).evidence()).containsEntry("user_count", 5).containsEntry("requests_dropped", 45L);
        assertThat((List<?>) fs.get(0).evidence().get("users")).hasSize(3);
        // more frames than the filter lists: the hosts, the protocol and the span
        assertThat(fs.get(0).filter()).isEqualTo("ip.addr == 10.0.0.66 && ip.addr == 10.0.0.10 && kerberos && frame.number >= 12 && frame.number <= 30");
    }
}
