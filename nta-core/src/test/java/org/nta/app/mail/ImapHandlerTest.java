package org.nta.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

class ImapHandlerTest {
    static final Conversation.Factory IMAP = ImapHandler::new;
    static final String MSG = "From: a@x\r\nSubject: fetched\r\nContent-Type: text/plain; name=\"x.txt\"\r\n\r\n) * 3 FETCH {5}\r\nA001 OK not the end\r\n";

    static Conversation session() {
        int n = MSG.getBytes(StandardCharsets.UTF_8).length;
        return new Conversation()
                .s("* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready\r\n")
                .c("a1 LOGIN \"bo\\\"b\" \"wrong pw\"\r\n").s("a1 NO [AUTHENTICATIONFAILED] failed\r\n")
                .c("a2 LOGIN {3}\r\n").s("+ go\r\n").c("bob {6}\r\n").s("+ go\r\n").c("s3cr t\r\n").s("a2 OK logged in\r\n")
                .c("a3 SELECT \"INBOX\"\r\n").s("* 2 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\na3 OK [READ-WRITE] selected\r\n")
                .c("a4 UID FETCH 1:* (FLAGS BODY.PEEK[])\r\n")
                .s("* 1 FETCH (UID 7 FLAGS (\\Seen) BODY[] {" + n + "}\r\n" + MSG + " )\r\n* 2 FETCH (UID 8 BODY[HEADER.FIELDS (SUBJECT)] {20}\r\nSubject: only head\r\n)\r\n")
                .s("a4 OK done\r\n")
                .c("a5 APPEND Sent {" + n + "+}\r\n" + MSG + "\r\n").s("a5 OK appended\r\n")
                .c("a6 LOGOUT\r\n").s("* BYE\r\na6 OK bye\r\n");
    }

    @Test
    void wholeSession() {
        AnomalyCounter a = new AnomalyCounter();
        List<Event> ev = session().run(IMAP, MailConfig.DEFAULTS, a);
        assertThat(a.total()).isZero();
        List<MailCommand> cmds = Conversation.only(ev, MailCommand.class);
        assertThat(cmds).extracting(MailCommand::command).containsExactly("LOGIN", "LOGIN", "SELECT", "UID", "APPEND", "LOGOUT");
        assertThat(cmds.get(1).parameter()).isEqualTo("{3}");
        assertThat(cmds.get(1).frame()).as("on its first line's frame").isEqualTo(4);
        assertThat(cmds.get(3).parameter()).isEqualTo("FETCH 1:* (FLAGS BODY.PEEK[])");
        assertThat(Conversation.only(ev, Credential.class)).extracting(Conversation::describe).containsExactly(
                "CRED imap LOGIN bo\"b PASSWORD wrong pw REJECTED 0",
                "CRED imap LOGIN bob PASSWORD s3cr t ACCEPTED 0");
        Credential ok = Conversation.only(ev, Credential.class).get(1);
        assertThat(ok.secretFrame()).as("the frame with the password literal").isEqualTo(8);
        assertThat(ok.frame()).isEqualTo(9);
        List<MailMessage> msgs = Conversation.only(ev, MailMessage.class);
        assertThat(msgs).extracting(MailMessage::command).containsExactly("FETCH", "APPEND");
        assertThat(msgs.get(0).subject()).isEqualTo("fetched");
        assertThat(msgs.get(0).user()).isEqualTo("bob");
        assertThat(msgs.get(1).fromClient()).isTrue();
        List<TransferredFile> files = Conversation.only(ev, TransferredFile.class);
        assertThat(files.get(0).bytes()).isEqualTo(MSG.getBytes(StandardCharsets.UTF_8));
        assertThat(files).extracting(TransferredFile::source).containsExactly("message", "attachment", "message", "attachment");
        List<MailReply> tagged = Conversation.only(ev, MailReply.class).stream().filter(r -> r.tag().startsWith("a")).toList();
        assertThat(tagged).extracting(MailReply::status).containsExactly("NO", "OK", "OK", "OK", "OK", "OK");
        assertThat(tagged).extracting(MailReply::command).containsExactly("LOGIN", "LOGIN", "SELECT", "UID", "APPEND", "LOGOUT");
    }

    @Test
    void everySplitPointGivesTheSameEvents() {
        Conversation conv = session();
        List<String> whole = Conversation.describe(conv.run(IMAP, MailConfig.DEFAULTS, new AnomalyCounter()));
        for (int t = 0; t < conv.turns().size(); t++) {
            for (int k = 1; k < conv.turns().get(t).bytes().length; k++) {
                assertThat(Conversation.describe(conv.run(IMAP, MailConfig.DEFAULTS, new AnomalyCounter(), t, k)))
                        .as("turn %d cut at %d", t, k).isEqualTo(whole);
            }
        }
        assertThat(Conversation.describe(conv.bytewise(IMAP, MailConfig.DEFAULTS, new AnomalyCounter()))).isEqualTo(whole);
    }

    @Test
    void authenticatePlainWithContinuationAndInitialResponse() {
        List<Event> ev = new Conversation()
                .s("* OK ready\r\n")
                .c("A1 AUTHENTICATE PLAIN\r\n").s("+ \r\n").c("AGJvYgBwdw==\r\n").s("A1 OK done\r\n")
                .c("A2 AUTHENTICATE PLAIN AGFsaWNlAHB3Mg==\r\n").s("A2 NO bad\r\n")
                .c("A3 AUTHENTICATE LOGIN\r\n").s("+ VXNlcm5hbWU6\r\n").c("Ym9i\r\n").s("+ UGFzc3dvcmQ6\r\n").c("*\r\n").s("A3 BAD cancelled\r\n")
                .c("A4 NOOP\r\n").s("A4 OK\r\n")
                .run(IMAP, MailConfig.DEFAULTS, new AnomalyCounter());
        assertThat(Conversation.only(ev, Credential.class)).extracting(Conversation::describe).containsExactly(
                "CRED imap AUTHENTICATE PLAIN bob PASSWORD pw ACCEPTED 0",
                "CRED imap AUTHENTICATE PLAIN alice PASSWORD pw2 REJECTED 0");
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::command)
                .containsExactly("AUTHENTICATE", "AUTHENTICATE", "AUTHENTICATE", "NOOP");
    }

    @Test
    void hugeLiteralIsSkippedByCountAndCounted() {
        AnomalyCounter a = new AnomalyCounter();
        MailConfig small = new MailConfig(1024, 1000, 2000, 8, 16, 16, 16);
        byte[] body = new byte[5000];
        java.util.Arrays.fill(body, (byte) 'x');
        List<Event> ev = new Conversation()
                .s("* OK ready\r\n").c("a1 FETCH 1 RFC822\r\n")
                .s("* 1 FETCH (RFC822 {5000}\r\n").s(new String(body, StandardCharsets.ISO_8859_1)).s(")\r\na1 OK done\r\n")
                .c("a2 NOOP\r\n").s("a2 OK\r\n")
                .run(IMAP, small, a);
        assertThat(a.count(Anomaly.MAIL_LITERAL_TOO_LARGE)).isEqualTo(1);
        assertThat(a.count(Anomaly.MAIL_MESSAGE_TRUNCATED)).isEqualTo(1);
        MailMessage m = Conversation.only(ev, MailMessage.class).get(0);
        assertThat(m.size()).isEqualTo(5000);
        assertThat(m.truncated()).isTrue();
        assertThat(Conversation.only(ev, MailReply.class)).extracting(MailReply::command).contains("FETCH", "NOOP");
    }

    @Test
    void aRefusedLiteralDoesNotSwallowTheNextCommand() {
        List<Event> ev = new Conversation()
                .s("* OK ready\r\n")
                .c("a1 LOGIN {300}\r\n").s("a1 NO too long\r\n")
                .c("a2 LOGIN bob pw\r\n").s("a2 OK\r\n")
                .run(IMAP, MailConfig.DEFAULTS, new AnomalyCounter());
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::tag).containsExactly("a1", "a2");
        assertThat(Conversation.only(ev, Credential.class)).extracting(Conversation::describe)
                .containsExactly("CRED imap LOGIN bob PASSWORD pw ACCEPTED 0");
    }
}
