package org.nta.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.MailCommand;
import org.nta.event.MailMessage;
import org.nta.event.MailReply;
import org.nta.event.TransferredFile;

class PopHandlerTest {
    static final Conversation.Factory POP = PopHandler::new;
    static final String MSG = "From: a@x\r\nSubject: hello\r\n\r\n.starts with a dot\r\nbody\r\n";

    static Conversation session() {
        return new Conversation()
                .s("+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n")
                .c("USER bob\r\n").s("+OK\r\n")
                .c("PASS wrong\r\n").s("-ERR [AUTH] Authentication failed.\r\n")
                .c("APOP bob c4c9334bac560ecc979e58001b3e22fb\r\n").s("+OK maildrop has 2 messages\r\n")
                .c("STAT\r\nLIST\r\n").s("+OK 2 320\r\n+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n")
                .c("RETR 1\r\n").s("+OK 120 octets\r\n" + MSG.replace("\r\n.", "\r\n..")).s(".\r\n")
                .c("TOP 2 0\r\n").s("+OK\r\nSubject: second\r\n\r\n.\r\n")
                .c("RETR 9\r\n").s("-ERR no such message\r\n")
                .c("QUIT\r\n").s("+OK bye\r\n");
    }

    @Test
    void wholeSession() {
        AnomalyCounter a = new AnomalyCounter();
        List<Event> ev = session().run(POP, MailConfig.DEFAULTS, a);
        assertThat(a.total()).isZero();
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::command)
                .containsExactly("USER", "PASS", "APOP", "STAT", "LIST", "RETR", "TOP", "RETR", "QUIT");
        assertThat(Conversation.only(ev, Credential.class)).extracting(Conversation::describe).containsExactly(
                "CRED pop USER/PASS bob PASSWORD wrong REJECTED 0",
                "CRED pop APOP bob HASH c4c9334bac560ecc979e58001b3e22fb:<1896.697170952@dbc.mtview.ca.us> ACCEPTED 20");
        List<MailReply> replies = Conversation.only(ev, MailReply.class);
        assertThat(replies).extracting(MailReply::status).containsExactly("+OK", "+OK", "-ERR", "+OK", "+OK", "+OK", "+OK", "+OK", "-ERR", "+OK");
        List<MailMessage> msgs = Conversation.only(ev, MailMessage.class);
        assertThat(msgs).extracting(MailMessage::command).containsExactly("RETR", "TOP");
        assertThat(msgs.get(0).subject()).isEqualTo("hello");
        assertThat(msgs.get(0).user()).isEqualTo("bob");
        assertThat(msgs.get(0).frame()).as("the final dot's frame").isEqualTo(12);
        assertThat(msgs.get(0).firstFrame()).isEqualTo(11);
        assertThat(msgs.get(1).subject()).isEqualTo("second");
        TransferredFile f = Conversation.only(ev, TransferredFile.class).get(0);
        assertThat(f.bytes()).isEqualTo(MSG.getBytes(StandardCharsets.UTF_8));
        assertThat(f.protocol()).isEqualTo("pop");
        assertThat(f.command()).isEqualTo("RETR");
        assertThat(f.direction().id()).isEqualTo("download");
    }

    @Test
    void everySplitPointGivesTheSameEvents() {
        Conversation conv = session();
        List<String> whole = Conversation.describe(conv.run(POP, MailConfig.DEFAULTS, new AnomalyCounter()));
        for (int t = 0; t < conv.turns().size(); t++) {
            for (int k = 1; k < conv.turns().get(t).bytes().length; k++) {
                assertThat(Conversation.describe(conv.run(POP, MailConfig.DEFAULTS, new AnomalyCounter(), t, k)))
                        .as("turn %d cut at %d", t, k).isEqualTo(whole);
            }
        }
        assertThat(Conversation.describe(conv.bytewise(POP, MailConfig.DEFAULTS, new AnomalyCounter()))).isEqualTo(whole);
    }

    @Test
    void saslLoginAndPlain() {
        List<Event> ev = new Conversation()
                .s("+OK ready\r\n")
                .c("AUTH LOGIN\r\n").s("+ VXNlcm5hbWU6\r\n").c("Ym9i\r\n").s("+ UGFzc3dvcmQ6\r\n").c("c2VjcmV0\r\n").s("+OK Logged in.\r\n")
                .c("AUTH PLAIN AGFsaWNlAHB3\r\n").s("-ERR no\r\n")
                .c("AUTH\r\n").s("+OK\r\nPLAIN\r\nLOGIN\r\n.\r\n")
                .c("NOOP\r\n").s("+OK\r\n")
                .run(POP, MailConfig.DEFAULTS, new AnomalyCounter());
        assertThat(Conversation.only(ev, Credential.class)).extracting(Conversation::describe).containsExactly(
                "CRED pop AUTH LOGIN bob PASSWORD secret ACCEPTED 0",
                "CRED pop AUTH PLAIN alice PASSWORD pw REJECTED 0");
        assertThat(Conversation.only(ev, MailCommand.class)).extracting(MailCommand::command).containsExactly("AUTH", "AUTH", "AUTH", "NOOP");
        assertThat(Conversation.only(ev, MailReply.class).get(Conversation.only(ev, MailReply.class).size() - 1).command()).isEqualTo("NOOP");
    }

    @Test
    void loginWithoutAnswerIsUnknown() {
        List<Event> ev = new Conversation().s("+OK ready\r\n").c("USER bob\r\n").s("+OK\r\n").c("PASS pw\r\n")
                .run(POP, MailConfig.DEFAULTS, new AnomalyCounter());
        assertThat(Conversation.only(ev, Credential.class)).extracting(Conversation::describe)
                .containsExactly("CRED pop USER/PASS bob PASSWORD pw UNKNOWN 0");
    }
}
