package org.nta.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.MailCommand;
import org.nta.event.MailMessage;
import org.nta.event.MailReply;
import org.nta.event.TransferredFile;

class SmtpHandlerTest {
    static final Conversation.Factory SMTP = SmtpHandler::new;
    static final byte[] PDF = "%PDF-1.4\nfake pdf\n".getBytes(StandardCharsets.ISO_8859_1);

    static final String MESSAGE = "From: Alice <a@x.test>\r\n"
            + "To: b@y.test,\r\n c@y.test\r\n"
            + "Subject: =?utf-8?B?" + Base64.getEncoder().encodeToString("Grüße".getBytes(StandardCharsets.UTF_8)) + "?= =?utf-8?Q?_und_mehr?=\r\n"
            + "Date: Mon, 07 Dec 2026 00:30:00 +0000\r\n"
            + "Message-ID: <1@x.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "preamble\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "Gr=C3=BC=C3=9Fe\r\n"
            + ".a line with a dot\r\n"
            + "--b1\r\n"
            + "Content-Type: application/pdf; name=\"r.pdf\"\r\n"
            + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + Base64.getMimeEncoder().encodeToString(PDF) + "\r\n"
            + "--b1--\r\n";

    static String stuffed(String m) {
        return m.replace("\r\n.", "\r\n..");
    }

    static Conversation session() {
        return new Conversation()
                .s("220 mx.test ESMTP ready\r\n")
                .c("EHLO client\r\n")
                .s("250-mx.test\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN CRAM-MD5\r\n")
                .c("AUTH LOGIN\r\n")
                .s("334 VXNlcm5hbWU6\r\n")
                .c("Ym9i\r\n")
                .s("334 UGFzc3dvcmQ6\r\n")
                .c("c2VjcmV0\r\n")
                .s("235 2.7.0 ok\r\n")
                .c("MAIL FROM:<a@x.test> SIZE=100\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n")
                .s("250 ok\r\n250 ok\r\n550 no such user\r\n354 go ahead\r\n")
                .c(stuffed(MESSAGE) + ".\r\n")
                .s("250 queued\r\n")
                .c("QUIT\r\n")
                .s("221 bye\r\n");
    }

    @Test
    void wholeSession() {
        AnomalyCounter anomalies = new AnomalyCounter();
        List<Event> events = session().run(SMTP, MailConfig.DEFAULTS, anomalies);
        assertThat(anomalies.total()).isZero();
        List<MailCommand> cmds = Conversation.only(events, MailCommand.class);
        assertThat(cmds).extracting(MailCommand::command).containsExactly("EHLO", "AUTH", "MAIL", "RCPT", "RCPT", "DATA", "QUIT");
        assertThat(cmds.get(2).parameter()).isEqualTo("FROM:<a@x.test> SIZE=100");
        assertThat(cmds.get(2).frame()).isEqualTo(10);
        List<MailReply> replies = Conversation.only(events, MailReply.class);
        assertThat(replies.get(1).last()).isFalse();
        assertThat(replies.get(3).last()).isTrue();
        assertThat(replies.get(3).command()).isEqualTo("EHLO");
        assertThat(replies).filteredOn(r -> r.code() == 550).singleElement().satisfies(r -> assertThat(r.command()).isEqualTo("RCPT"));
        assertThat(replies).filteredOn(r -> r.code() == 250 && r.text().equals("queued")).singleElement()
                .satisfies(r -> assertThat(r.command()).isEqualTo("DATA"));

        Credential c = Conversation.only(events, Credential.class).get(0);
        assertThat(c.protocol()).isEqualTo("smtp");
        assertThat(c.mechanism()).isEqualTo("AUTH LOGIN");
        assertThat(c.user()).isEqualTo("bob");
        assertThat(c.secret()).isEqualTo("secret");
        assertThat(c.kind()).isEqualTo(Credential.Kind.PASSWORD);
        assertThat(c.result()).isEqualTo(Credential.Result.ACCEPTED);
        assertThat(c.secretFrame()).isEqualTo(8);
        assertThat(c.frame()).isEqualTo(9);

        MailMessage m = Conversation.only(events, MailMessage.class).get(0);
        assertThat(m.frame()).isEqualTo(12);
        assertThat(m.from()).isEqualTo("Alice <a@x.test>");
        assertThat(m.to()).containsExactly("b@y.test, c@y.test");
        assertThat(m.subject()).isEqualTo("Grüße und mehr");
        assertThat(m.messageId()).isEqualTo("<1@x.test>");
        assertThat(m.mailFrom()).isEqualTo("a@x.test");
        assertThat(m.rcptTo()).as("the refused recipient is not in the envelope").containsExactly("b@y.test");
        assertThat(m.user()).isEqualTo("bob");
        assertThat(m.attachments()).containsExactly("report.pdf");
        assertThat(m.size()).isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8).length);

        List<TransferredFile> files = Conversation.only(events, TransferredFile.class);
        assertThat(files).hasSize(2);
        assertThat(files.get(0).source()).isEqualTo("message");
        assertThat(files.get(0).originalName()).isEqualTo("Grüße und mehr.eml");
        assertThat(files.get(0).bytes()).as("dot-unstuffed").isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(files.get(0).sha256()).isEqualTo(MailOutput.sha256(MESSAGE.getBytes(StandardCharsets.UTF_8)));
        assertThat(files.get(1).source()).isEqualTo("attachment");
        assertThat(files.get(1).originalName()).isEqualTo("report.pdf");
        assertThat(files.get(1).bytes()).isEqualTo(PDF);
        assertThat(files.get(1).declaredType()).isEqualTo("application/pdf");
        assertThat(files.get(1).mimeType()).isEqualTo("application/pdf");
        assertThat(files.get(1).command()).isEqualTo("DATA");
        assertThat(files.get(1).user()).isEqualTo("bob");
    }

    @Test
    void everySplitPointGivesTheSameEvents() {
        Conversation conv = session();
        List<String> whole = Conversation.describe(conv.run(SMTP, MailConfig.DEFAULTS, new AnomalyCounter()));
        for (int t = 0; t < conv.turns().size(); t++) {
            for (int k = 1; k < conv.turns().get(t).bytes().length; k++) {
                assertThat(Conversation.describe(conv.run(SMTP, MailConfig.DEFAULTS, new AnomalyCounter(), t, k)))
                        .as("turn %d cut at %d", t, k).isEqualTo(whole);
            }
        }
        assertThat(Conversation.describe(conv.bytewise(SMTP, MailConfig.DEFAULTS, new AnomalyCounter()))).isEqualTo(whole);
    }

    @Test
    void authPlainWithChallengeAndInitialResponseAndCancel() {
        String plain = Base64.getEncoder().encodeToString("\0alice\0pw1".getBytes(StandardCharsets.UTF_8));
        String plain2 = Base64.getEncoder().encodeToString("admin\0carol\0pw2".getBytes(StandardCharsets.UTF_8));
        List<Event> ev = new Conversation()
                .s("220 x ESMTP\r\n").c("EHLO a\r\n").s("250 x\r\n")
                .c("AUTH PLAIN\r\n").s("334 \r\n").c(plain + "\r\n").s("535 5.7.8 bad\r\n")
                .c("AUTH PLAIN " + plain2 + "\r\n").s("235 ok\r\n")
                .c("AUTH LOGIN\r\n").s("334 VXNlcm5hbWU6\r\n").c("*\r\n").s("501 cancelled\r\n")
                .c("AUTH CRAM-MD5\r\n").s("334 PDEyMzQ1QHg+\r\n").c("Ym9iIDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm\r\n").s("235 ok\r\n")
                .c("MAIL FROM:<x@y>\r\n").s("250 ok\r\n")
                .run(SMTP, MailConfig.DEFAULTS, new AnomalyCounter());
        List<Credential> creds = Conversation.only(ev, Credential.class);
        assertThat(creds).extracting(Conversation::describe).containsExactly(
                "CRED smtp AUTH PLAIN alice PASSWORD pw1 REJECTED 0",
                "CRED smtp AUTH PLAIN carol PASSWORD pw2 ACCEPTED 0",
                "CRED smtp CRAM-MD5 bob HASH $cram_md5$PDEyMzQ1QHg+$Ym9iIDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm ACCEPTED 10200");
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::command)
                .containsExactly("EHLO", "AUTH", "AUTH", "AUTH", "AUTH", "MAIL");
    }

    @Test
    void starttlsStopsParsing() {
        List<Event> ev = new Conversation()
                .s("220 x ESMTP\r\n").c("EHLO a\r\n").s("250 STARTTLS\r\n").c("STARTTLS\r\n").s("220 go ahead\r\n")
                .c("\u0016\u0003\u0001\u0002\u0000garbage\r\nAUTH PLAIN AGEAYg==\r\n").s("\u0016\u0003\u0003 more\r\n")
                .run(SMTP, MailConfig.DEFAULTS, new AnomalyCounter());
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::command).containsExactly("EHLO", "STARTTLS");
        assertThat(Conversation.only(ev, Credential.class)).isEmpty();
    }

    @Test
    void refusedDataGoesBackToCommands() {
        List<Event> ev = new Conversation()
                .s("220 x ESMTP\r\n").c("HELO a\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n")
                .s("250 x\r\n250 ok\r\n550 no\r\n554 no valid recipients\r\n")
                .c("RSET\r\nQUIT\r\n").s("250 ok\r\n221 bye\r\n")
                .run(SMTP, MailConfig.DEFAULTS, new AnomalyCounter());
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::command)
                .containsExactly("HELO", "MAIL", "RCPT", "DATA", "RSET", "QUIT");
        assertThat(Conversation.only(ev, MailMessage.class)).isEmpty();
    }

    @Test
    void bdatChunks() {
        String part1 = "Subject: chunked\r\n\r\nline one\r\n.not stuffed\r\n", part2 = "end\r\n";
        List<Event> ev = new Conversation()
                .s("220 x ESMTP\r\n").c("EHLO a\r\n").s("250 CHUNKING\r\n").c("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n").s("250 ok\r\n250 ok\r\n")
                .c("BDAT " + part1.length() + "\r\n" + part1).s("250 got it\r\n")
                .c("BDAT " + part2.length() + " LAST\r\n" + part2 + "QUIT\r\n").s("250 done\r\n221 bye\r\n")
                .run(SMTP, MailConfig.DEFAULTS, new AnomalyCounter());
        MailMessage m = Conversation.only(ev, MailMessage.class).get(0);
        assertThat(m.command()).isEqualTo("BDAT");
        assertThat(m.subject()).isEqualTo("chunked");
        assertThat(Conversation.only(ev, TransferredFile.class).get(0).bytes()).isEqualTo((part1 + part2).getBytes(StandardCharsets.UTF_8));
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::command).containsExactly("EHLO", "MAIL", "RCPT", "BDAT", "BDAT", "QUIT");
    }

    @Test
    void messageKeptWithinItsLimitAndCutConnections() {
        AnomalyCounter a = new AnomalyCounter();
        String big = "Subject: big\r\n\r\n" + "0123456789\r\n".repeat(1000);
        List<Event> ev = new Conversation()
                .s("220 x ESMTP\r\n").c("HELO a\r\n").s("250 x\r\n").c("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n")
                .s("250 ok\r\n250 ok\r\n354 go\r\n").c(big + ".\r\n")
                .c("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n").s("250 ok\r\n250 ok\r\n354 go\r\n").c("Subject: cut\r\n\r\nhalf")
                .run(SMTP, MailConfig.DEFAULTS.withMaxMessageBytes(1000), a);
        List<TransferredFile> f = Conversation.only(ev, TransferredFile.class);
        assertThat(f.get(0).size()).isEqualTo(big.length());
        assertThat(f.get(0).keptLength()).isEqualTo(1000);
        assertThat(f.get(0).truncated()).isTrue();
        assertThat(f.get(0).sha256()).as("hashed over every byte").isEqualTo(MailOutput.sha256(big.getBytes(StandardCharsets.UTF_8)));
        assertThat(a.count(Anomaly.MAIL_MESSAGE_TRUNCATED)).isEqualTo(1);
        assertThat(Anomaly.MAIL_MESSAGE_TRUNCATED.isLimit()).isTrue();
        MailMessage cut = Conversation.only(ev, MailMessage.class).get(1);
        assertThat(cut.incomplete()).isTrue();
        assertThat(cut.subject()).isEqualTo("cut");
    }
}
