package org.nta.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.app.Expectations;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.decode.Proto;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.FtpRequest;
import org.nta.event.FtpResponse;
import org.nta.event.HttpFileObject;
import org.nta.event.TransferredFile;
import org.nta.reassembly.StreamHandler;

class FtpControlHandlerTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "10.0.0.1", 40000, "10.0.0.2", 21);

    /** One side's bytes of a scripted session. */
    record Msg(boolean fromClient, String text) {
    }

    static Msg c(String s) {
        return new Msg(true, s);
    }

    static Msg s(String s) {
        return new Msg(false, s);
    }

    static final List<Msg> SESSION = List.of(
            s("220-Welcome\r\n220-to the server\r\n220 ready\r\n"),
            c("USER alice\r\n"), s("331 Password required\r\n"), c("PASS s3cret\r\n"), s("530 Login incorrect.\r\n"),
            c("USER alice\r\n"), s("331 Password required\r\n"), c("PASS right\r\n"), s("230 Logged in\r\n"),
            c("PASV\r\n"), s("227 Entering Passive Mode (10,0,0,2,19,137).\r\n"), c("RETR /etc/passwd\r\n"),
            s("150 Opening\r\n226 Done\r\n"), c("quit\r\n"), s("221 Bye\n"));

    final AnomalyCounter anomalies = new AnomalyCounter();
    final List<Event> events = new ArrayList<>();
    final Expectations expectations = new Expectations(16, anomalies);

    FtpControlHandler handler() {
        return new FtpControlHandler(CONN, FtpConfig.DEFAULTS, anomalies, events::add, expectations);
    }

    /** Events without their frames and times, for comparing feeds cut differently. */
    static List<String> shape(List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof FtpRequest r) out.add("req " + r.command() + "|" + r.arg());
            else if (e instanceof FtpResponse r) out.add("resp " + r.code() + "|" + r.arg() + (r.multiLine() ? "|" + r.lines() : ""));
            else if (e instanceof Credential c) out.add("cred " + c.user() + "|" + c.secret() + "|" + c.result() + "|" + c.detail());
            else out.add(e.getClass().getSimpleName());
        }
        return out;
    }

    static long feed(StreamHandler h, List<Msg> msgs, int which, int cut, long frame) {
        for (int i = 0; i < msgs.size(); i++) {
            byte[] b = msgs.get(i).text().getBytes(StandardCharsets.ISO_8859_1);
            boolean fc = msgs.get(i).fromClient();
            if (i == which && cut > 0 && cut < b.length) {
                h.onData(fc, b, 0, cut, frame, frame * 1000);
                frame++;
                h.onData(fc, b, cut, b.length - cut, frame, frame * 1000);
            } else {
                h.onData(fc, b, 0, b.length, frame, frame * 1000);
            }
            frame++;
        }
        return frame;
    }

    @Test
    void commandsRepliesAndLogins() {
        FtpControlHandler h = handler();
        long f = feed(h, SESSION, -1, 0, 1);
        h.onClose(f, f * 1000);
        assertThat(shape(events)).containsExactly(
                "resp 220|Welcome|[220-Welcome, 220-to the server, 220 ready]",
                "req USER|alice", "resp 331|Password required", "req PASS|s3cret", "resp 530|Login incorrect.",
                "cred alice|s3cret|REJECTED|530 Login incorrect.",
                "req USER|alice", "resp 331|Password required", "req PASS|right", "resp 230|Logged in",
                "cred alice|right|ACCEPTED|230 Logged in",
                "req PASV|", "resp 227|Entering Passive Mode (10,0,0,2,19,137).", "req RETR|/etc/passwd",
                "resp 150|Opening", "resp 226|Done", "req quit|", "resp 221|Bye");
        Credential ok = (Credential) events.get(10);
        assertThat(ok.secretFrame()).isEqualTo(8);
        assertThat(ok.frame()).isEqualTo(9);
        assertThat(ok.protocol()).isEqualTo("ftp");
        assertThat(ok.mechanism()).isEqualTo("USER/PASS");
        assertThat(ok.kind()).isEqualTo(Credential.Kind.PASSWORD);
        assertThat(anomalies.isEmpty()).isTrue();
        assertThat(expectations.size()).isEqualTo(1); // the PASV connection never opened
    }

    @Test
    void sameEventsWhereverTheBytesAreCut() {
        FtpControlHandler whole = handler();
        feed(whole, SESSION, -1, 0, 1);
        List<String> expected = shape(events);
        for (int m = 0; m < SESSION.size(); m++) {
            int len = SESSION.get(m).text().length();
            for (int cut = 1; cut < len; cut++) {
                events.clear();
                FtpControlHandler h = handler();
                feed(h, SESSION, m, cut, 1);
                assertThat(shape(events)).as("message %d cut at %d", m, cut).isEqualTo(expected);
            }
        }
    }

    @Test
    void oneByteAtATime() {
        FtpControlHandler whole = handler();
        feed(whole, SESSION, -1, 0, 1);
        List<String> expected = shape(events);
        events.clear();
        FtpControlHandler h = handler();
        long frame = 1;
        for (Msg m : SESSION) {
            byte[] b = m.text().getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < b.length; i++) h.onData(m.fromClient(), new byte[] {b[i]}, 0, 1, frame, frame++);
        }
        assertThat(shape(events)).isEqualTo(expected);
    }

    @Test
    void multiLineReplyIsOnTheFrameOfItsLastLine() {
        FtpControlHandler h = handler();
        feed(h, List.of(s("211-Features:\r\n EPRT\r\n"), s(" PASV\r\n211 End\r\n")), -1, 0, 7);
        FtpResponse r = (FtpResponse) events.get(0);
        assertThat(r.code()).isEqualTo(211);
        assertThat(r.firstFrame()).isEqualTo(7);
        assertThat(r.frame()).isEqualTo(8);
        assertThat(r.lines()).containsExactly("211-Features:", " EPRT", " PASV", "211 End");
        assertThat(r.arg()).isEqualTo("Features:");
    }

    @Test
    void userAcceptedWithoutPasswordAndLoginWithoutAnswer() {
        FtpControlHandler h = handler();
        feed(h, List.of(c("USER ftp\r\n"), s("230 ok\r\n"), c("USER bob\r\n"), s("331 pw\r\n"), c("PASS x\r\n")), -1, 0, 1);
        h.onClose(9, 9000);
        List<Credential> creds = events.stream().filter(e -> e instanceof Credential).map(e -> (Credential) e).toList();
        assertThat(creds).extracting(Credential::user, Credential::secret, Credential::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ftp", null, Credential.Result.ACCEPTED),
                org.assertj.core.groups.Tuple.tuple("bob", "x", Credential.Result.UNKNOWN));
    }

    /** Drives a transfer: the control connection, then the data connection the announcement opened. */
    private TransferredFile transfer(List<Msg> control, ConnInfo dataConn, boolean dataFromClient, String content, List<Msg> after) {
        FtpControlHandler h = handler();
        long f = feed(h, control, -1, 0, 1);
        Expectations.Match m = expectations.take(dataConn, f * 1000);
        assertThat(m).as("data connection expected").isNotNull();
        assertThat(m.proto()).isEqualTo(Proto.FTP_DATA);
        byte[] b = content.getBytes(StandardCharsets.ISO_8859_1);
        m.handler().onData(dataFromClient, b, 0, 3, f, f * 1000);
        m.handler().onData(dataFromClient, b, 3, b.length - 3, f + 1, (f + 1) * 1000);
        m.handler().onClose(f + 2, (f + 2) * 1000);
        feed(h, after, -1, 0, f + 3);
        h.onClose(f + 10, 0);
        List<TransferredFile> files = events.stream().filter(e -> e instanceof TransferredFile).map(e -> (TransferredFile) e).toList();
        assertThat(files).hasSize(1);
        TransferredFile t = files.get(0);
        assertThat(t.bytes()).isEqualTo(b);
        assertThat(t.size()).isEqualTo(b.length);
        assertThat(t.firstFrame()).isEqualTo(f);
        assertThat(t.frame()).isEqualTo(f + 1);
        assertThat(t.control()).isEqualTo(CONN);
        assertThat(t.conn()).isEqualTo(dataConn);
        assertThat(t.protocol()).isEqualTo("ftp-data");
        return t;
    }

    @Test
    void passiveDownload() {
        ConnInfo data = new ConnInfo("tcp", 1, 4, "10.0.0.1", 40001, "10.0.0.2", 5001);
        TransferredFile t = transfer(List.of(c("USER a\r\n"), s("230 ok\r\n"), c("PASV\r\n"),
                s("227 Entering Passive Mode (10,0,0,2,19,137)\r\n"), c("RETR dir/file.txt\r\n")), data, false, "file content\n", List.of());
        assertThat(t.command()).isEqualTo("RETR");
        assertThat(t.originalName()).isEqualTo("dir/file.txt");
        assertThat(t.direction()).isEqualTo(HttpFileObject.Direction.DOWNLOAD);
        assertThat(t.source()).isEqualTo("transfer");
        assertThat(t.user()).isEqualTo("a");
        assertThat(t.mimeType()).isEqualTo("text/plain");
    }

    @Test
    void passiveBehindNatAlsoAwaitsTheServersOwnAddress() {
        ConnInfo data = new ConnInfo("tcp", 1, 4, "10.0.0.1", 40001, "10.0.0.2", 5001);
        transfer(List.of(c("PASV\r\n"), s("227 Entering Passive Mode (192,168,1,5,19,137)\r\n"), c("LIST\r\n")), data, false, "-rw x\r\n", List.of());
    }

    @Test
    void activeUploadWhoseCommandComesAfterTheData() {
        ConnInfo data = new ConnInfo("tcp", 1, 4, "10.0.0.2", 20, "10.0.0.1", 5002);
        TransferredFile t = transfer(List.of(c("PORT 10,0,0,1,19,138\r\n"), s("200 ok\r\n")), data, false, "#!/bin/sh\nid\n",
                List.of(c("STOR shell.php\r\n"), s("226 ok\r\n")));
        assertThat(t.command()).isEqualTo("STOR");
        assertThat(t.direction()).isEqualTo(HttpFileObject.Direction.UPLOAD);
        assertThat(t.originalName()).isEqualTo("shell.php");
    }

    @Test
    void ipv6ActiveAndPassive() {
        ConnInfo ctl = new ConnInfo("tcp", 0, 6, "2001:db8::1", 40000, "2001:db8::2", 21);
        List<Event> out = new ArrayList<>();
        FtpControlHandler h = new FtpControlHandler(ctl, FtpConfig.DEFAULTS, anomalies, out::add, expectations);
        feed(h, List.of(c("EPRT |2|2001:db8:0::1|6000|\r\n"), s("200 ok\r\n"), c("LIST\r\n")), -1, 0, 1);
        assertThat(expectations.take(new ConnInfo("tcp", 1, 6, "2001:db8::2", 20, "2001:db8::1", 6000), 0)).isNotNull();
        feed(h, List.of(c("EPSV\r\n"), s("229 Entering Extended Passive Mode (|||6001|)\r\n")), -1, 0, 10);
        assertThat(expectations.take(new ConnInfo("tcp", 2, 6, "2001:db8::1", 5, "2001:db8::2", 6001), 0)).isNotNull();
    }

    @Test
    void expectationsExpireAndAreBounded() {
        Expectations x = new Expectations(2, anomalies);
        Expectations.Opener o = conn -> null;
        x.expect("1.1.1.1", 1, Proto.FTP_DATA, 100, o, 1);
        x.expect("1.1.1.1", 2, Proto.FTP_DATA, 100, o, 2);
        x.expect("1.1.1.1", 3, Proto.FTP_DATA, 100, o, 3);
        assertThat(anomalies.count(Anomaly.APP_EXPECTATION_LIMIT)).isEqualTo(1);
        assertThat(x.take(new ConnInfo("tcp", 1, 4, "9.9.9.9", 5, "1.1.1.1", 1), 50)).isNull(); // dropped
        assertThat(x.take(new ConnInfo("tcp", 1, 4, "9.9.9.9", 5, "1.1.1.1", 2), 101)).isNull(); // expired
        assertThat(x.take(new ConnInfo("tcp", 1, 4, "9.9.9.9", 5, "1.1.1.1", 3), 50)).isNull(); // purged with 2
        assertThat(x.size()).isZero();
    }

    @Test
    void authTlsEndsTheParsing() {
        FtpControlHandler h = handler();
        feed(h, List.of(c("AUTH TLS\r\n"), s("234 Proceed\r\n"), c("\u0016\u0003\u0001garbage\r\n"), s("\u0016\u0003\u0003x\r\n")), -1, 0, 1);
        assertThat(shape(events)).containsExactly("req AUTH|TLS", "resp 234|Proceed");
    }

    @Test
    void limitsAreCounted() {
        FtpConfig small = new FtpConfig(32, 3, 2, 4, 1, 1000, 4);
        FtpControlHandler h = new FtpControlHandler(CONN, small, anomalies, events::add, expectations);
        feed(h, List.of(c("STOR " + "x".repeat(100) + "\r\n"), s("123-a\r\nb\r\nc\r\nd\r\n123 e\r\n"), c("NOOP\r\nNOOP\r\nNOOP\r\n"),
                c("PASV\r\n"), s("227 (1,2,3,4,5,6)\r\n"), s("227 (1,2,3,4,5,7)\r\n"), s("not a reply\r\n"), s("227 nothing\r\n")), -1, 0, 1);
        assertThat(anomalies.count(Anomaly.FTP_LINE_TOO_LONG)).isEqualTo(1);
        assertThat(anomalies.count(Anomaly.FTP_REPLY_LINES_LIMIT)).isEqualTo(1);
        assertThat(anomalies.count(Anomaly.FTP_PENDING_LIMIT)).isPositive();
        assertThat(anomalies.count(Anomaly.FTP_MALFORMED_REPLY)).as(shape(events).toString()).isEqualTo(1);
        assertThat(anomalies.count(Anomaly.FTP_BAD_DATA_ADDRESS)).isEqualTo(1);
        FtpRequest cut = (FtpRequest) events.get(0);
        assertThat(cut.arg()).hasSize(27);
        FtpResponse r = (FtpResponse) events.get(1);
        assertThat(r.lines()).hasSize(3);
    }
}
