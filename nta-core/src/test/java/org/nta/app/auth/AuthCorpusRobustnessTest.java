package org.nta.app.auth;

import org.junit.jupiter.api.Test;
import org.nta.capture.CaptureException;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.testing.TestFiles;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parser (HTTP auth, LDAP, SNMP with the others) over every file of the tcpdump corpus: no exception escapes,
 * and nothing there is taken for a credential except the SNMP the corpus really carries.
 */
class AuthCorpusRobustnessTest {
    @Test
    void wholeCorpusRunsWithoutExceptions() throws Exception {
        int files = 0, creds = 0;
        for (Path f : TestFiles.corpus()) {
            List<Event> ev;
            try {
                ev = AuthCaptures.events(f);
            } catch (CaptureException unreadable) {
                continue; // the capture reader's business, tested elsewhere
            }
            files++;
            for (Event e : ev) {
                if (e instanceof Credential c) {
                    creds++;
                    assertThat(c.protocol()).as(f.getFileName().toString()).isIn("snmp", "http", "ldap");
                }
            }
        }
        assertThat(files).isGreaterThan(700);
        assertThat(creds).isLessThan(50);
    }
}
