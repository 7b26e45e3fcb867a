package org.nta.app.dcerpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.app.smb.WinRun;
import org.nta.event.Credential;
import org.nta.event.RpcCall;
import org.nta.testing.TestFiles;

/** RpcCall events on recorded captures, checked against what Wireshark shows for the same frames. */
class DceRpcCapturesTest {
    @Test
    void psexecRecordingCallsAreNamedDecodedAndPaired() {
        var r = WinRun.run(TestFiles.resources().resolve("captures").resolve("ad-roast-psexec.pcap.gz"));
        List<RpcCall> calls = r.of(RpcCall.class);
        assertThat(calls).extracting(c -> c.interfaceName() + " " + c.operation() + " " + c.requestFrame() + "→" + c.frame())
                .contains("srvsvc NetShareEnumAll 332→335", "svcctl OpenSCManagerW 367→371", "svcctl OpenServiceW 373→378",
                        "svcctl CreateServiceW 380→383", "svcctl OpenSCManagerW 421→424", "svcctl CreateServiceW 425→428");
        RpcCall create = calls.stream().filter(c -> c.frame() == 383).findFirst().orElseThrow();
        assertThat(create.carrier()).isEqualTo("smb-pipe svcctl");
        assertThat(create.fault()).isTrue();
        assertThat(create.status()).isEqualTo(0x1c010002L);
    }

    /** secretsdump's DRSUAPI binds carry NTLMSSP at packet privacy: the logon is a credential, the stubs stay sealed. */
    @Test
    void sealedDrsuapiLogonIsACredentialAndItsCallsAreNamed() {
        var r = WinRun.run(TestFiles.resources().resolve("captures").resolve("ad-dcsync-zerologon.pcap.gz"));
        List<Credential> creds = r.of(Credential.class).stream().filter(c -> c.protocol().equals("dcerpc")).toList();
        assertThat(creds).isNotEmpty();
        assertThat(creds).allSatisfy(c -> {
            assertThat(c.user()).isEqualTo("svc_sql");
            assertThat(c.kind()).isEqualTo(Credential.Kind.HASH);
            assertThat(c.result()).isEqualTo(Credential.Result.ACCEPTED); // the DsBind after it was answered
        });
        assertThat(creds).extracting(Credential::secretFrame).containsExactly(177L, 263L); // the AUTH3s
        assertThat(creds).extracting(Credential::frame).containsExactly(182L, 267L); // the DsBind answers
        List<RpcCall> ncChanges = r.of(RpcCall.class).stream().filter(c -> "DsGetNCChanges".equals(c.operation())).toList();
        assertThat(ncChanges).hasSize(9).allSatisfy(c -> {
            assertThat(c.encrypted()).isTrue();
            assertThat(c.authLevel()).isEqualTo(6);
            assertThat(c.args()).isEmpty();
            assertThat(c.carrier()).isEqualTo("tcp");
        });
        assertThat(ncChanges.get(0).requestFrame()).isEqualTo(187);
        assertThat(ncChanges.get(0).frame()).isEqualTo(190); // two fragments: 188 and 190
        List<RpcCall> zero = r.of(RpcCall.class).stream().filter(c -> "NetrServerAuthenticate3".equals(c.operation())).toList();
        assertThat(zero).hasSize(256).allSatisfy(c -> {
            assertThat(c.arg("client_credential")).isEqualTo("0000000000000000");
            assertThat(c.arg("account_name")).isEqualTo("DC1$");
            assertThat(c.arg("secure_channel_type")).isEqualTo("6");
            assertThat(c.arg("negotiate_flags")).isEqualTo("0x212fffff");
            assertThat(c.status()).isEqualTo(0xc0000022L);
        });
        assertThat(zero.get(0).requestFrame()).isEqualTo(455);
    }
}
