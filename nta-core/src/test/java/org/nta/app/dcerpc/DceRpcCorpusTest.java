package org.nta.app.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.nta.app.smb.WinRun;
import org.nta.event.DceRpcPdu;
import org.nta.testing.TestFiles;

/**
 * Every file of the tcpdump corpus through every parser: nothing escapes, and DCE/RPC is found exactly where tshark
 * finds it (one PDU, in wccp_redirect_gre) — the content detector takes nothing else for a DCE/RPC header.
 */
class DceRpcCorpusTest {
    @Test
    void dceRpcIsFoundOnlyWhereTsharkFindsIt() throws Exception {
        Map<String, Integer> found = new TreeMap<>();
        int files = 0;
        for (Path f : TestFiles.corpus()) {
            WinRun.Result r;
            try {
                r = WinRun.run(f);
            } catch (IllegalStateException unreadable) {
                continue; // the capture reader's business, tested elsewhere
            }
            files++;
            int n = r.of(DceRpcPdu.class).size();
            if (n > 0) found.put(f.getFileName().toString(), n);
        }
        assertThat(files).isGreaterThan(700);
        assertThat(found).isEqualTo(Map.of("wccp_redirect_gre.pcap.gz", 1));
    }
}
