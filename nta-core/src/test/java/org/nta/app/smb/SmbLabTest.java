package org.nta.app.smb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nta.app.ntlm.NtlmCrypto;
import org.nta.event.Credential;
import org.nta.event.HttpFileObject;
import org.nta.event.NtlmAuthentication;
import org.nta.event.SmbCommand;
import org.nta.event.SmbMessage;
import org.nta.event.TransferredFile;

/**
 * The SMB lab recording (lab/win/record-smb.sh: Samba's smbd and smbclient, user alice with password "Passw0rd!"):
 * logons and their results, NetNTLMv2 lines that verify with the known password, files rebuilt byte for byte,
 * the encrypted session, SMB1 and the SMB1→SMB2 upgrade, and NBSS on port 139.
 */
class SmbLabTest {
    static WinRun.Result r;

    @BeforeAll
    static void run() {
        r = WinRun.run(WinRun.file("smb-lab.pcap.gz"));
    }

    @Test
    void logonsGiveNetNtlmV2LinesThatVerifyWithThePassword() {
        List<Credential> creds = r.of(Credential.class);
        assertThat(creds).hasSize(7);
        for (Credential c : creds) {
            assertThat(c.mechanism()).isEqualTo("NTLMv2");
            assertThat(c.kind()).isEqualTo(Credential.Kind.HASH);
            assertThat(c.hashcatMode()).isEqualTo(5600);
            assertThat(c.user()).isEqualTo("alice");
            assertThat(c.secret()).startsWith("alice::" + c.domain() + ":");
            boolean wrong = c.result() == Credential.Result.REJECTED;
            assertThat(NtlmCrypto.verify(c.secret(), "Passw0rd!")).as(c.secret()).isEqualTo(!wrong);
            if (wrong) {
                assertThat(NtlmCrypto.verify(c.secret(), "wrongpass")).isTrue();
                assertThat(c.detail()).isEqualTo("STATUS_LOGON_FAILURE");
                assertThat(c.frame()).isEqualTo(43);
                assertThat(c.secretFrame()).isEqualTo(42);
            }
        }
        assertThat(creds.stream().filter(c -> c.result() == Credential.Result.REJECTED)).hasSize(1);
        assertThat(creds.stream().map(Credential::protocol).distinct().sorted().collect(Collectors.toList())).containsExactly("smb", "smb2");
        NtlmAuthentication a = r.of(NtlmAuthentication.class).get(0);
        assertThat(a.workstation()).isEqualTo("VM");
        assertThat(a.frame()).isEqualTo(11);
    }

    @Test
    void filesAreRebuiltByteForByte() throws Exception {
        List<String> truth = Files.readAllLines(WinRun.file("smb-lab.truth.txt"));
        String upload = truth.get(0).split(" ")[0], report = truth.get(1).split(" ")[0], notes = truth.get(2).split(" ")[0];
        List<TransferredFile> files = r.of(TransferredFile.class);
        assertThat(files).extracting(TransferredFile::originalName).containsExactly("\\\\10.77.0.2\\data\\evil.exe",
                "\\\\10.77.0.2\\data\\report.bin", "\\\\10.77.0.2\\data\\notes.txt", "\\\\10.77.0.2\\data\\notes.txt");
        assertThat(files.get(0).sha256()).isEqualTo(upload);
        assertThat(files.get(0).direction()).isEqualTo(HttpFileObject.Direction.UPLOAD);
        assertThat(files.get(0).size()).isEqualTo(70032);
        assertThat(files.get(0).user()).isEqualTo("HWIN\\alice");
        assertThat(files.get(1).sha256()).isEqualTo(report);
        assertThat(files.get(1).direction()).isEqualTo(HttpFileObject.Direction.DOWNLOAD);
        assertThat(files.get(1).firstFrame()).isEqualTo(92);
        assertThat(files.get(2).sha256()).isEqualTo(notes);
        assertThat(files.get(3).sha256()).isEqualTo(notes);
        for (TransferredFile f : files) {
            assertThat(f.protocol()).isEqualTo("smb2");
            assertThat(f.incomplete()).isFalse();
            assertThat(f.truncated()).isFalse();
        }
    }

    @Test
    void commandsArePairedWithTheirResponses() {
        List<SmbCommand> cmds = r.of(SmbCommand.class);
        SmbCommand write = cmds.stream().filter(c -> c.commandName().equals("WRITE")).findFirst().orElseThrow();
        assertThat(write.requestFrame()).isEqualTo(73);
        assertThat(write.frame()).isEqualTo(75);
        assertThat(write.fileName()).isEqualTo("evil.exe");
        assertThat(write.tree()).isEqualTo("\\\\10.77.0.2\\data");
        assertThat(write.length()).isEqualTo(70032);
        assertThat(write.offset()).isZero();
        assertThat(write.user()).isEqualTo("HWIN\\alice");
        SmbCommand create = cmds.stream().filter(c -> c.requestFrame() == 66).findFirst().orElseThrow();
        assertThat(create.disposition()).isEqualTo(5); // FILE_OVERWRITE_IF
        assertThat(create.createAction()).isEqualTo(2); // created
        assertThat(create.statusName()).isEqualTo("STATUS_SUCCESS");
        // an IOCTL answered first by an interim STATUS_PENDING (frame 20), then for good (frame 22)
        SmbCommand ioctl = cmds.stream().filter(c -> c.requestFrame() == 18).findFirst().orElseThrow();
        assertThat(ioctl.frame()).isEqualTo(22);
        assertThat(ioctl.fileName()).isEqualTo("srvsvc");
        SmbCommand logonFailure = cmds.stream().filter(c -> c.requestFrame() == 42).findFirst().orElseThrow();
        assertThat(logonFailure.statusName()).isEqualTo("STATUS_LOGON_FAILURE");
        assertThat(logonFailure.mechanism()).isEqualTo("NTLMSSP");
        assertThat(cmds).allSatisfy(c -> assertThat(c.requestFrame()).isPositive());
    }

    @Test
    void smb1AndTheUpgradeToSmb2() {
        List<SmbCommand> cmds = r.of(SmbCommand.class);
        SmbCommand upgrade = cmds.stream().filter(c -> c.requestFrame() == 209).findFirst().orElseThrow();
        assertThat(upgrade.version()).isEqualTo(1);
        assertThat(upgrade.commandName()).isEqualTo("NEGOTIATE");
        assertThat(upgrade.frame()).isEqualTo(211);
        assertThat(upgrade.dialect()).isEqualTo(0x02ff);
        SmbMessage offer = r.of(SmbMessage.class).stream().filter(m -> m.frame() == 209).findFirst().orElseThrow();
        assertThat(offer.smb1Dialects()).contains("NT LM 0.12", "SMB 2.002", "SMB 2.???");
        SmbCommand create = cmds.stream().filter(c -> c.requestFrame() == 192).findFirst().orElseThrow();
        assertThat(create.commandName()).isEqualTo("NT_CREATE_ANDX");
        assertThat(create.fileName()).isEqualTo("\\notes.txt");
        assertThat(create.tree()).isEqualTo("\\\\10.77.0.2\\DATA");
    }

    @Test
    void encryptedSessionIsMarkedAndNotMisread() {
        List<SmbMessage> stream3 = r.of(SmbMessage.class).stream().filter(m -> m.conn().stream() == 3).toList();
        List<SmbMessage> enc = stream3.stream().filter(SmbMessage::encrypted).toList();
        assertThat(enc).hasSize(18);
        assertThat(enc).allSatisfy(m -> {
            assertThat(m.command()).isEqualTo(-1);
            assertThat(m.sessionId()).isEqualTo(1451476672L);
        });
        assertThat(r.of(SmbCommand.class).stream().filter(c -> c.conn().stream() == 3)).hasSize(3);
        assertThat(r.summary().malformed()).isEmpty();
    }

    @Test
    void netbiosSessionServiceOnPort139() {
        List<SmbMessage> nbss = r.of(SmbMessage.class).stream().filter(m -> m.version() == 0).toList();
        assertThat(nbss).extracting(SmbMessage::frame, SmbMessage::nbssType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(249L, 0x81), org.assertj.core.groups.Tuple.tuple(251L, 0x82));
        assertThat(r.of(SmbCommand.class).stream().filter(c -> c.conn().serverPort() == 139 && c.commandName().equals("READ"))).hasSize(1);
    }
}
