package org.nta.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.decode.Proto;
import org.nta.event.Credential;
import org.nta.event.HttpFileObject.Direction;
import org.nta.event.TcpSession;
import org.nta.event.TelnetSession;
import org.nta.event.TransferredFile;

/**
 * The lab captures of test resources/ftp (recorded by lab/ftp/record.sh with vsftpd, curl, lftp and
 * inetutils-telnetd): logins, files and listings with their names, sizes and users, data connections labelled
 * ftp-data, and the Telnet transcript.
 */
class FtpCaptureTest {
    @Test
    void anonymousPassiveListingAndDownloads() throws Exception {
        FtpCaptures r = FtpCaptures.run("ftp-anon-passive.pcap.gz");
        assertThat(r.labels).containsExactly(java.util.Map.entry(0, Proto.FTP), java.util.Map.entry(1, Proto.FTP_DATA),
                java.util.Map.entry(2, Proto.FTP_DATA), java.util.Map.entry(3, Proto.FTP_DATA));
        assertThat(r.of(Credential.class)).extracting(Credential::user, Credential::secret, Credential::result, Credential::secretFrame, Credential::frame)
                .containsExactly(tuple("anonymous", "ftp@example.com", Credential.Result.ACCEPTED, 16L, 17L));
        assertThat(r.of(TransferredFile.class)).extracting(TransferredFile::source, TransferredFile::command, TransferredFile::originalName,
                        TransferredFile::size, TransferredFile::direction, TransferredFile::user, TransferredFile::mimeType)
                .containsExactly(tuple("listing", "LIST", "", 199L, Direction.DOWNLOAD, "anonymous", "text/plain"),
                        tuple("transfer", "RETR", "gpl.txt", 20000L, Direction.DOWNLOAD, "anonymous", "text/plain"),
                        tuple("transfer", "RETR", "logo.png", 4061L, Direction.DOWNLOAD, "anonymous", "image/png"));
        TransferredFile gpl = r.of(TransferredFile.class).get(1);
        assertThat(gpl.control().stream()).isZero();
        assertThat(gpl.conn().stream()).isEqualTo(2);
        assertThat(gpl.incomplete()).isFalse();
        assertThat(gpl.truncated()).isFalse();
        assertThat(r.of(TcpSession.class)).isEmpty(); // no connection is left unknown
    }

    @Test
    void activeModeUploadAndDownloadByALocalUser() throws Exception {
        FtpCaptures r = FtpCaptures.run("ftp-user-active.pcap.gz");
        assertThat(r.labels.values()).containsExactly(Proto.FTP, Proto.FTP_DATA, Proto.FTP_DATA, Proto.FTP_DATA);
        List<TransferredFile> files = r.of(TransferredFile.class);
        assertThat(files).extracting(TransferredFile::command, TransferredFile::originalName, TransferredFile::direction, TransferredFile::user)
                .containsExactly(tuple("LIST", "", Direction.DOWNLOAD, "hftp"), tuple("RETR", "report.txt", Direction.DOWNLOAD, "hftp"),
                        tuple("STOR", "tool.sh", Direction.UPLOAD, "hftp"));
        assertThat(new String(files.get(2).bytes(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("#!/bin/sh\necho uploaded tool\n");
        assertThat(files.get(2).conn().serverPort()).isNotEqualTo(21); // the server connected back to the client
        assertThat(files.get(2).conn().clientPort()).isEqualTo(20);
    }

    @Test
    void ipv6ActiveAndPassive() throws Exception {
        FtpCaptures r = FtpCaptures.run("ftp-ipv6.pcap.gz");
        assertThat(r.labels.values()).containsExactly(Proto.FTP, Proto.FTP_DATA, Proto.FTP, Proto.FTP_DATA);
        assertThat(r.of(TransferredFile.class)).extracting(TransferredFile::originalName, TransferredFile::size)
                .containsExactly(tuple("readme.txt", 34L), tuple("gpl.txt", 20000L));
        assertThat(r.of(TransferredFile.class).get(0).conn().ipVersion()).isEqualTo(6);
    }

    @Test
    void rejectedThenAcceptedLogin() throws Exception {
        FtpCaptures r = FtpCaptures.run("ftp-login-rejected.pcap.gz");
        assertThat(r.of(Credential.class)).extracting(Credential::user, Credential::secret, Credential::result, Credential::secretFrame, Credential::frame, Credential::detail)
                .containsExactly(tuple("hftp", "wrong", Credential.Result.REJECTED, 9L, 13L, "530 Login incorrect."),
                        tuple("hftp", "Secr3t-ftp", Credential.Result.ACCEPTED, 25L, 27L, "230 Login successful."));
    }

    @Test
    void telnetLoginAndCommands() throws Exception {
        FtpCaptures r = FtpCaptures.run("telnet-login.pcap.gz");
        assertThat(r.labels.values()).containsExactly(Proto.TELNET);
        assertThat(r.of(TcpSession.class)).isEmpty();
        assertThat(r.of(Credential.class)).extracting(Credential::protocol, Credential::mechanism, Credential::user, Credential::secret, Credential::result)
                .containsExactly(tuple("telnet", "login", "hftp", "not-the-password", Credential.Result.REJECTED),
                        tuple("telnet", "login", "hftp", "Secr3t-ftp", Credential.Result.ACCEPTED));
        TelnetSession s = r.of(TelnetSession.class).get(0);
        assertThat(s.user()).isEqualTo("hftp");
        assertThat(s.prompt()).isEqualTo("hftp@vm:~$");
        assertThat(s.commands()).extracting(TelnetSession.Command::command)
                .containsExactly("id", "uname -a", "cat /etc/hostname", "ls -la /tmp | head -3", "exit");
        assertThat(s.commands().get(0).output()).isEqualTo("uid=1001(hftp) gid=1001(hftp) groups=1001(hftp)\n");
        assertThat(s.commands().get(2).output()).isEqualTo("vm\n");
        assertThat(s.commands().get(0).outputFirstFrame()).isGreaterThan(s.commands().get(0).frame());
        assertThat(s.totalOptions()).isGreaterThan(10);
    }

    @Test
    void labelsOnlyLabelsTheDataConnectionsToo() throws Exception {
        for (String f : List.of("ftp-anon-passive.pcap.gz", "ftp-user-active.pcap.gz", "ftp-ipv6.pcap.gz", "telnet-login.pcap.gz")) {
            FtpCaptures full = FtpCaptures.run(f);
            FtpCaptures light = FtpCaptures.run(FtpCaptures.file(f), org.nta.app.AppDispatcher.labelsOnly());
            assertThat(light.labels).as(f).isEqualTo(full.labels);
            assertThat(light.events).as("labels-only runs emit no FTP events").isEmpty();
        }
    }

    @Test
    void hydraDictionaryOverTwoConnections() throws Exception {
        FtpCaptures r = FtpCaptures.run("ftp-hydra.pcap.gz");
        List<Credential> creds = r.of(Credential.class);
        assertThat(creds).extracting(Credential::secret, Credential::result).containsExactlyInAnyOrder(
                tuple("admin", Credential.Result.REJECTED), tuple("123456", Credential.Result.REJECTED),
                tuple("password", Credential.Result.REJECTED), tuple("letmein", Credential.Result.REJECTED),
                tuple("Secr3t-ftp", Credential.Result.ACCEPTED));
        Credential ok = creds.stream().filter(c -> c.result() == Credential.Result.ACCEPTED).findFirst().orElseThrow();
        assertThat(ok.secretFrame()).isEqualTo(60);
        assertThat(ok.frame()).isEqualTo(62);
        assertThat(creds).allMatch(c -> c.user().equals("hftp"));
    }
}
