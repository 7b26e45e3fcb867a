package org.nta.app.telnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Credential;
import org.nta.event.Event;
import org.nta.event.TelnetSession;

class TelnetHandlerTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "10.0.0.1", 40000, "10.0.0.2", 23);

    record Msg(boolean fromClient, byte[] data) {
    }

    static byte[] b(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) for (char c : s.toCharArray()) o.write(c);
            else o.write((Integer) p);
        }
        return o.toByteArray();
    }

    static final int IAC = 255, DO = 253, WILL = 251, WONT = 252, SB = 250, SE = 240;

    /** A login typed a character at a time with echo, a failed password, then commands. */
    static List<Msg> session() {
        List<Msg> m = new ArrayList<>();
        m.add(new Msg(false, b(IAC, DO, 24, IAC, DO, 32, IAC, SB, 24, 1, IAC, SE)));
        m.add(new Msg(true, b(IAC, WONT, 24, IAC, WONT, 32)));
        m.add(new Msg(false, b(IAC, WILL, 1, "\r\nDebian GNU/Linux\r\n\r\nhost login: ")));
        typed(m, "bob\r\n", true);
        m.add(new Msg(false, b("Password: ")));
        typed(m, "guess\r\0", false);
        m.add(new Msg(false, b("\r\nLogin incorrect\r\nhost login: ")));
        typed(m, "bob\r\n", true);
        m.add(new Msg(false, b("Password: ")));
        typed(m, "hunter2\r\n", false);
        m.add(new Msg(false, b("\r\nLast login: today\r\nbob@host:~$ ")));
        typed(m, "idd\u007f\r\n", true); // a backspace
        m.add(new Msg(false, b("uid=1000(bob) gid=1000(bob)\r\nbob@host:~$ ")));
        typed(m, "cat /etc/shadow\r\n", true);
        m.add(new Msg(false, b("cat: /etc/shadow: Permission denied\r\nbob@host:~$ ")));
        typed(m, "exit\r\n", true);
        m.add(new Msg(false, b("logout\r\n")));
        return m;
    }

    /** Keys one per packet; the server echoes each when {@code echo}. */
    static void typed(List<Msg> m, String keys, boolean echo) {
        for (char c : keys.toCharArray()) {
            m.add(new Msg(true, b((int) c)));
            if (echo && c >= 0x20 && c != 0x7f) m.add(new Msg(false, b((int) c)));
            if (echo && c == 0x7f) m.add(new Msg(false, b(8, " ", 8)));
        }
        if (echo) m.add(new Msg(false, b("\r\n")));
    }

    final AnomalyCounter anomalies = new AnomalyCounter();
    final List<Event> events = new ArrayList<>();

    List<Event> run(List<Msg> msgs, int which, int cut) {
        events.clear();
        TelnetHandler h = new TelnetHandler(CONN, TelnetConfig.DEFAULTS, anomalies, events::add);
        long f = 1;
        for (int i = 0; i < msgs.size(); i++) {
            byte[] d = msgs.get(i).data();
            boolean fc = msgs.get(i).fromClient();
            if (i == which && cut > 0 && cut < d.length) {
                h.onData(fc, d, 0, cut, f, f);
                h.onData(fc, d, cut, d.length - cut, f, f);
            } else {
                h.onData(fc, d, 0, d.length, f, f);
            }
            f++;
        }
        h.onClose(f, f);
        return new ArrayList<>(events);
    }

    @Test
    void loginsCommandsAndOutput() {
        List<Event> out = run(session(), -1, 0);
        assertThat(out).hasSize(3);
        Credential bad = (Credential) out.get(0), good = (Credential) out.get(1);
        assertThat(bad.protocol()).isEqualTo("telnet");
        assertThat(bad.mechanism()).isEqualTo("login");
        assertThat(List.of(bad.user(), bad.secret(), bad.result())).containsExactly("bob", "guess", Credential.Result.REJECTED);
        assertThat(List.of(good.user(), good.secret(), good.result())).containsExactly("bob", "hunter2", Credential.Result.ACCEPTED);
        assertThat(good.frame()).isGreaterThan(good.secretFrame());
        TelnetSession s = (TelnetSession) out.get(2);
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.loginResult()).isEqualTo(Credential.Result.ACCEPTED);
        assertThat(s.prompt()).isEqualTo("bob@host:~$");
        assertThat(s.banner()).isEqualTo("Debian GNU/Linux");
        assertThat(s.commands()).extracting(TelnetSession.Command::command).containsExactly("id", "cat /etc/shadow", "exit");
        assertThat(s.commands().get(0).output()).isEqualTo("uid=1000(bob) gid=1000(bob)\n");
        assertThat(s.commands().get(1).output()).isEqualTo("cat: /etc/shadow: Permission denied\n");
        assertThat(s.commands().get(2).output()).isEqualTo("logout\n");
        assertThat(s.totalOptions()).isEqualTo(6);
        assertThat(s.options().get(2)).isEqualTo(new TelnetSession.Option(false, "SB", 24, 1));
        assertThat(anomalies.isEmpty()).isTrue();
    }

    /** Events as text, without the frames (which a cut inside a message does not change here anyway). */
    static String text(List<Event> events) {
        return events.toString();
    }

    @Test
    void sameTranscriptWhereverABurstIsCut() {
        List<Msg> msgs = session();
        String expected = text(run(msgs, -1, 0));
        for (int m = 0; m < msgs.size(); m++) {
            for (int cut = 1; cut < msgs.get(m).data().length; cut++) {
                assertThat(text(run(msgs, m, cut))).as("message %d cut at %d", m, cut).isEqualTo(expected);
            }
        }
    }

    @Test
    void lineModeClientSendsWholeLines() {
        List<Msg> m = new ArrayList<>();
        m.add(new Msg(false, b("login: ")));
        m.add(new Msg(true, b("root\r\n")));
        m.add(new Msg(false, b("Password:")));
        m.add(new Msg(true, b("toor\r\n")));
        m.add(new Msg(false, b("\r\n# ")));
        m.add(new Msg(true, b("uname -a\r\n")));
        m.add(new Msg(false, b("uname -a\r\nLinux box\r\n# ")));
        List<Event> out = run(m, -1, 0);
        Credential c = (Credential) out.get(0);
        assertThat(List.of(c.user(), c.secret(), c.result())).containsExactly("root", "toor", Credential.Result.ACCEPTED);
        TelnetSession s = (TelnetSession) out.get(1);
        assertThat(s.commands()).hasSize(1);
        assertThat(s.commands().get(0).output()).isEqualTo("Linux box\n");
    }

    @Test
    void iacIacIsADataByteAndCommandsAreRemoved() {
        IacFilter f = new IacFilter();
        byte[] out = new byte[16];
        List<String> opts = new ArrayList<>();
        byte[] in = b("a", IAC, IAC, "b", IAC, 241, "c", IAC, WILL);
        int n = f.filter(in, 0, in.length, out, (v, o) -> opts.add(v + o));
        assertThat(java.util.Arrays.copyOf(out, n)).isEqualTo(b("a", 255, "b", "c"));
        n = f.filter(b(3, "d"), 0, 2, out, (v, o) -> opts.add(v + o));
        assertThat(java.util.Arrays.copyOf(out, n)).isEqualTo(b("d"));
        assertThat(opts).containsExactly("WILL3");
    }

    @Test
    void garbageAndEndlessInputStayBounded() {
        TelnetConfig small = new TelnetConfig(32, 3, 40, 256, 4);
        Random rnd = new Random(23);
        List<Msg> seed = session();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 2_000; i++) {
                TelnetHandler h = new TelnetHandler(CONN, small, anomalies, e -> { });
                long f = 1;
                for (Msg m : seed) {
                    byte[] d = m.data().clone();
                    if (rnd.nextInt(4) == 0) d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                    if (rnd.nextInt(60) == 0) h.onGap(m.fromClient(), 5, f, f);
                    else h.onData(rnd.nextInt(10) == 0 != m.fromClient(), d, 0, d.length, f, f);
                    f++;
                }
                h.onClose(f, f);
            }
            TelnetHandler h = new TelnetHandler(CONN, small, anomalies, events::add);
            byte[] junk = new byte[4096];
            java.util.Arrays.fill(junk, (byte) 'x');
            for (int i = 0; i < 1000; i++) h.onData(i % 2 == 0, junk, 0, junk.length, i + 1, i); // no line ends
            byte[] sb = b(IAC, SB, 24);
            h.onData(false, sb, 0, sb.length, 2000, 2000);
            for (int i = 0; i < 10; i++) h.onData(false, junk, 0, junk.length, 2001, 2001); // a subnegotiation that never ends
            h.onClose(3000, 3000);
        });
        assertThat(anomalies.count(Anomaly.TELNET_LINE_TOO_LONG)).isPositive();
        assertThat(anomalies.count(Anomaly.TELNET_BAD_OPTION)).isPositive();
        TelnetSession s = (TelnetSession) events.get(events.size() - 1);
        assertThat(s.truncated()).isTrue();
        assertThat(s.banner().length()).isLessThanOrEqualTo(41);
    }

    /** After a password, a server that shows a character per packet is read in linear time, and its verdict still found. */
    @Test
    void aFailureSpelledOutOneByteAtATimeIsFoundWithoutRescanning() {
        List<Msg> m = new ArrayList<>();
        m.add(new Msg(false, b("login: ")));
        m.add(new Msg(true, b("root\r\n")));
        m.add(new Msg(false, b("Password: ")));
        m.add(new Msg(true, b("toor\r\n")));
        String shown = "x".repeat(60_000) + "\r\nLogin incorrect\r\nlogin: ";
        for (char c : shown.toCharArray()) m.add(new Msg(false, b((int) c)));
        List<Event> out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(m, -1, 0));
        Credential c = (Credential) out.get(0);
        assertThat(List.of(c.user(), c.secret(), c.result())).containsExactly("root", "toor", Credential.Result.REJECTED);
    }
}
