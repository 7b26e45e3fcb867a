package org.nta.app.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.app.smb.WinRun;
import org.nta.event.RpcCall;
import org.nta.testing.TestFiles;

/** RpcCall events on recorded captures, checked against what Wireshark shows for the same frames. */
class DceRpcCapturesTest {
    @Test
    void psexecRecordingCallsAreNamedDecodedAndPaired() {
        var r = WinRun.run(TestFiles.resources().resolve("captures").resolve("ad-roast-psexec.pcap.gz"));
        List<RpcCall> calls = r.of(RpcCall.class);
        calls.forEach(System.out::println);
        assertThat(calls).extracting(c -> c.interfaceName() + " " + c.operation() + " " + c.requestFrame() + "→" + c.frame())
                .contains("srvsvc NetShareEnumAll 332→335", "svcctl OpenSCManagerW 367→371", "svcctl OpenServiceW 373→378",
                        "svcctl CreateServiceW 380→383", "svcctl OpenSCManagerW 421→424", "svcctl CreateServiceW 425→428");
        RpcCall create = calls.stream().filter(c -> c.frame() == 383).findFirst().orElseThrow();
        assertThat(create.carrier()).isEqualTo("smb-pipe svcctl");
        assertThat(create.fault()).isTrue();
        assertThat(create.status()).isEqualTo(0x1c010002L);
    }
}
