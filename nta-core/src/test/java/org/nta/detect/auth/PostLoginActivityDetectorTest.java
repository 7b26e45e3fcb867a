package org.nta.detect.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.event.Credential.Result.ACCEPTED;
import static org.nta.event.Credential.Result.REJECTED;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;
import org.nta.detect.FindingType;
import org.nta.detect.Phase;
import org.nta.detect.Severity;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.HttpFileObject;
import org.nta.event.TelnetSession;
import org.nta.event.TransferredFile;
import org.nta.incident.StoryBuilder;
import org.nta.incident.Verdict;

/** post_login_activity: files and mail moved by the attacker's session after a found credential. */
class PostLoginActivityDetectorTest {
    static final String ATTACKER = "10.0.0.66", FTP = "10.0.0.5", ALICE = "10.0.0.20";
    final Creds c = new Creds();

    private TransferredFile file(Credential login, String protocol, String command, HttpFileObject.Direction dir, String name, String user) {
        ConnInfo data = new ConnInfo("tcp", 900 + c.stream++, 4, login.conn().serverAddr(), 20, login.conn().clientAddr(), 50000);
        long f = c.frame;
        c.frame += 5;
        return new TransferredFile(data, protocol.equals("ftp-data") ? login.conn() : null, protocol, "transfer", command, dir, name,
                f + 4, f, c.ns, 1234, "ab".repeat(32), "text/plain", null, new byte[0], false, false, user);
    }

    private Credential bruteForceFtp() {
        for (int i = 0; i < 11; i++) c.ftp(ATTACKER, FTP, "admin", "guess" + i, REJECTED);
        return c.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED);
    }

    @Test
    void aWebShellUploadedThroughFtpAfterTheBruteForce() {
        Credential win = bruteForceFtp();
        Credential login = c.ftp(ATTACKER, FTP, "admin", "S3cr3t!", ACCEPTED);
        TransferredFile up = file(login, "ftp-data", "STOR", HttpFileObject.Direction.UPLOAD, "/var/www/html/shell.php", "admin");
        TransferredFile down = file(login, "ftp-data", "RETR", HttpFileObject.Direction.DOWNLOAD, "/home/admin/secrets.txt", "admin");
        c.add(up).add(down);
        List<Finding> fs = Creds.of(c.run(), FindingType.POST_LOGIN_ACTIVITY);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.phase()).isEqualTo(Phase.INSTALLATION);
        assertThat(f.attacker()).isEqualTo(ATTACKER);
        assertThat(f.victim()).isEqualTo(FTP);
        assertThat(f.techniques()).containsExactly("T1005", "T1105", "T1505.003");
        assertThat(f.firstFrame()).isEqualTo(login.secretFrame());
        assertThat(f.lastFrame()).isEqualTo(down.frame());
        assertThat(f.evidence()).containsEntry("username", "admin").containsEntry("found_by", "brute_force").containsEntry("uploads_total", 1L)
                .containsEntry("downloads_total", 1L).containsEntry("web_root_upload", true).containsEntry("script_upload", true)
                .containsEntry("login_frame", login.secretFrame()).containsEntry("found_frame", win.secretFrame());
        @SuppressWarnings("unchecked")
        Map<String, Object> u = ((List<Map<String, Object>>) f.evidence().get("uploads")).get(0);
        assertThat(u).containsEntry("name", "/var/www/html/shell.php").containsEntry("frame", up.frame()).containsEntry("web_root", true);
        assertThat(f.summary()).contains("downloaded 1 file", "uploaded 1 file (a server-side script)", "found by brute force");
        assertThat(f.filter()).contains(String.valueOf(up.firstFrame())).contains(String.valueOf(down.frame()));
        assertThat(StoryBuilder.verdict(fs).level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    private Credential telnet(String client, String user, String password, Credential.Result result) {
        return c.use(client, FTP, 23, "telnet", "login", user, Credential.Kind.PASSWORD, password, result);
    }

    private TelnetSession shell(Credential login, String... typed) {
        List<TelnetSession.Command> cmds = new java.util.ArrayList<>();
        for (String t : typed) {
            cmds.add(new TelnetSession.Command(t, c.frame, c.frame + 1, c.ns, "out of " + t, 12, c.frame + 2, c.frame + 3));
            c.frame += 5;
        }
        return new TelnetSession(login.conn(), login.secretFrame() - 10, c.frame, c.ns, login.user(), login.result(),
                login.frame(), "Debian GNU/Linux 12", "$ ", cmds, cmds.size(), List.of(), 0, 100, 1000, false);
    }

    @Test
    void commandsTypedInTheTelnetSessionTheGuessedPasswordOpened() {
        for (int i = 0; i < 11; i++) telnet(ATTACKER, "alice", "guess" + i, REJECTED);
        Credential win = telnet(ATTACKER, "alice", "sunshine1", ACCEPTED);
        TelnetSession s = shell(win, "id; uname -a", "cat /etc/passwd");
        c.add(s);
        List<Finding> fs = Creds.of(c.run(), FindingType.POST_LOGIN_ACTIVITY);
        assertThat(fs).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.phase()).isEqualTo(Phase.ACTIONS_ON_OBJECTIVES);
        assertThat(f.techniques()).containsExactly("T1059.004");
        assertThat(f.evidence()).containsEntry("protocol", "telnet").containsEntry("commands_total", 2).containsEntry("username", "alice");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cmds = (List<Map<String, Object>>) f.evidence().get("commands");
        assertThat(cmds).extracting(m -> m.get("command")).containsExactly("id; uname -a", "cat /etc/passwd");
        assertThat(cmds.get(1)).containsEntry("output", "out of cat /etc/passwd").containsEntry("frame", s.commands().get(1).frame());
        assertThat(f.summary()).contains("typed 2 commands (id; uname -a | cat /etc/passwd) over telnet");
        assertThat(f.filter()).contains(String.valueOf(s.commands().get(1).frame()));
        assertThat(f.lastFrame()).isEqualTo(s.commands().get(1).outputLastFrame());
    }

    @Test
    void aTelnetSessionWithoutAGuessedPasswordOrWithoutALoginIsNoFinding() {
        Credential own = telnet(ALICE, "bob", "Bob-2026!", ACCEPTED);        // bob's own password, never guessed
        c.add(shell(own, "ls"));
        for (int i = 0; i < 11; i++) telnet(ATTACKER, "alice", "guess" + i, REJECTED);
        Credential failed = telnet(ATTACKER, "alice", "nope", REJECTED);
        c.add(shell(failed, "id"));                                          // typed at a refused login: no shell
        assertThat(Creds.of(c.run(), FindingType.POST_LOGIN_ACTIVITY)).isEmpty();
    }

    @Test
    void theOwnersOwnSessionAfterTheBruteForceIsNotTheAttackers() {
        c.ftp(ALICE, FTP, "admin", "S3cr3t!", ACCEPTED); // the account's owner, before the attack
        bruteForceFtp();
        Credential own = c.ftp(ALICE, FTP, "admin", "S3cr3t!", ACCEPTED);
        c.add(file(own, "ftp-data", "RETR", HttpFileObject.Direction.DOWNLOAD, "/home/admin/report.txt", "admin"));
        assertThat(Creds.of(c.run(), FindingType.POST_LOGIN_ACTIVITY)).isEmpty();
    }

    @Test
    void mailReadFromTheStolenAccountIsCollection() {
        bruteForceFtp();
        Credential imap = c.imap(ATTACKER, "10.0.0.6", "admin", "S3cr3t!", ACCEPTED);
        c.add(new TransferredFile(imap.conn(), null, "imap", "message", "FETCH", HttpFileObject.Direction.DOWNLOAD, "Invoice.eml",
                imap.frame() + 3, imap.frame() + 1, c.ns, 900, "cd".repeat(32), "message/rfc822", null, new byte[0], false, false, "admin"));
        Finding f = Creds.of(c.run(), FindingType.POST_LOGIN_ACTIVITY).get(0);
        assertThat(f.phase()).isEqualTo(Phase.ACTIONS_ON_OBJECTIVES);
        assertThat(f.techniques()).containsExactly("T1114");
        assertThat(f.evidence()).containsEntry("messages_read", 1L).containsEntry("protocol", "imap");
    }

    @Test
    void ordinaryUsersFilesAreNotTheAttackers() {
        bruteForceFtp();
        Credential alice = c.ftp(ALICE, FTP, "alice", "hunter2", ACCEPTED);
        c.add(file(alice, "ftp-data", "RETR", HttpFileObject.Direction.DOWNLOAD, "report.pdf", "alice"));
        // the same account name from another client without the found password is not the attacker either
        Credential other = c.ftp(ALICE, FTP, "admin", "admins-own", ACCEPTED);
        c.add(file(other, "ftp-data", "RETR", HttpFileObject.Direction.DOWNLOAD, "x.txt", "admin"));
        assertThat(Creds.of(c.run(), FindingType.POST_LOGIN_ACTIVITY)).isEmpty();
    }

    @Test
    void filesBeforeTheLoginDoNotCount() {
        Credential early = c.ftp(ATTACKER, FTP, "admin", "old", ACCEPTED);
        c.add(file(early, "ftp-data", "RETR", HttpFileObject.Direction.DOWNLOAD, "x.txt", "admin"));
        c.pause(900);
        Credential win = bruteForceFtp();
        // the found password was in use before it was found: the earlier session is not the attacker's
        c.add(file(early, "ftp-data", "RETR", HttpFileObject.Direction.DOWNLOAD, "y.txt", "admin"));
        assertThat(win.secret()).isEqualTo("S3cr3t!");
        assertThat(Creds.of(c.run(), FindingType.POST_LOGIN_ACTIVITY)).isEmpty();
    }
}
