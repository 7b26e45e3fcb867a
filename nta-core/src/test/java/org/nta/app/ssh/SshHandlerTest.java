package org.nta.app.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.app.Feed;
import org.nta.app.Fixtures;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.SshBanner;

class SshHandlerTest {
    private static final Map<String, byte[]> P = Fixtures.hexFile("/ssh/payloads.txt");
    private static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "202.108.87.165", 62146, "223.132.53.222", 22);

    private final AnomalyCounter anomalies = new AnomalyCounter();
    private final List<SshBanner> events = new ArrayList<>();

    private SshHandler handler() {
        return handler(SshConfig.DEFAULTS);
    }

    private SshHandler handler(SshConfig c) {
        return new SshHandler(CONN, c, anomalies, events::add);
    }

    private static SshBanner reframed(SshBanner b, long frame) {
        return new SshBanner(frame, Feed.timeOf(frame), b.conn(), b.fromClient(), b.protoVersion(), b.software(),
                b.comments(), b.line(), b.linesBefore());
    }

    @Test
    void bannersOfTcpdumpCapture() {
        // tcpdump ssh.pcap: client banner in frame 4 (CR LF), server banner in frame 6 (LF only), then KEXINITs
        SshHandler h = handler();
        byte[] c = P.get("ssh-4"), s = P.get("ssh-6");
        h.onData(true, c, 0, c.length, 4, 40);
        assertThat(h.isDone()).isFalse();
        h.onData(false, s, 0, s.length, 6, 60);
        assertThat(h.isDone()).isTrue();
        assertThat(events).containsExactly(
                new SshBanner(4, 40, CONN, true, "2.0", "OpenSSH_7.8", "", "SSH-2.0-OpenSSH_7.8", 0),
                new SshBanner(6, 60, CONN, false, "2.0", "OpenSSH_7.4p1", "Debian-10+deb9u3",
                        "SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u3", 0));
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void linesMatchTsharkSshProtocol() {
        // tshark 4.0.17 -e ssh.protocol for the same frames
        Map<String, String> tshark = Map.of("geneve-6", "SSH-2.0-OpenSSH_5.9p1 Debian-5ubuntu1",
                "geneve-8", "SSH-2.0-OpenSSH_5.3", "ipoib-11", "SSH-2.0-OpenSSH_7.5 FIPS",
                "mptcp-v0-4", "SSH-2.0-OpenSSH_5.5p1 Debian-6+squeeze1",
                "mptcp-v0-6", "SSH-2.0-OpenSSH_5.5p1 Debian-6+squeeze2");
        tshark.forEach((key, line) -> {
            events.clear();
            byte[] b = P.get(key);
            handler().onData(false, b, 0, b.length, 1, 1);
            assertThat(events).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(line));
        });
        events.clear();
        byte[] fips = P.get("ipoib-11");
        handler().onData(true, fips, 0, fips.length, 1, 1);
        assertThat(events.get(0).software()).isEqualTo("OpenSSH_7.5");
        assertThat(events.get(0).comments()).isEqualTo("FIPS");
    }

    @Test
    void everySplitPointAndByteByByte() {
        // client banner followed by its binary KEXINIT packet
        byte[] s = Fixtures.concat(P.get("ssh-4"), P.get("ssh-8"));
        int end = P.get("ssh-4").length;
        List<SshBanner> base = new ArrayList<>();
        new SshHandler(CONN, SshConfig.DEFAULTS, new AnomalyCounter(), base::add).onData(true, s, 0, s.length, 1,
                Feed.timeOf(1));
        assertThat(base).hasSize(1);
        for (int cut = 1; cut < s.length; cut++) {
            events.clear();
            Feed.cuts(handler(), true, s, 1, cut);
            assertThat(events).as("cut %d", cut)
                    .containsExactly(reframed(base.get(0), Feed.frameOfByte(end - 1, cut, 1)));
        }
        events.clear();
        Feed.bytewise(handler(), true, s, 1);
        assertThat(events).containsExactly(reframed(base.get(0), end));
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void serverMayPrecedeItsBannerWithOtherLines() {
        byte[] s = Fixtures.ascii("Welcome to host7\r\nAuthorized use only\n\r\nSSH-1.99-Cisco-1.25\r\n");
        Feed.bytewise(handler(), false, s, 1);
        assertThat(events).singleElement().satisfies(b -> {
            assertThat(b.protoVersion()).isEqualTo("1.99");
            assertThat(b.software()).as("a dash inside the software version is kept").isEqualTo("Cisco-1.25");
            assertThat(b.comments()).isEmpty();
            assertThat(b.linesBefore()).isEqualTo(3);
            assertThat(b.frame()).isEqualTo(s.length);
        });
    }

    @Test
    void clientMayNot() {
        byte[] s = Fixtures.ascii("hello\r\nSSH-2.0-x\r\n");
        handler().onData(true, s, 0, s.length, 1, 1);
        assertThat(events).isEmpty();
        assertThat(anomalies.count(Anomaly.SSH_MALFORMED)).isEqualTo(1);
    }

    @Test
    void endlessPreBannerLinesStopAtTheLimit() {
        SshHandler h = handler(new SshConfig(100, 256));
        h.onData(true, P.get("ssh-4"), 0, P.get("ssh-4").length, 1, 1);
        byte[] line = Fixtures.ascii("not yet\r\n");
        int frames = 0;
        while (!h.isDone() && frames < 1_000_000) {
            h.onData(false, line, 0, line.length, frames + 2, frames + 2);
            frames++;
        }
        assertThat(frames).as("gave up after the limit").isEqualTo(101);
        assertThat(anomalies.count(Anomaly.SSH_PRE_BANNER_LIMIT)).isEqualTo(1);
        assertThat(anomalies.firstFrame(Anomaly.SSH_PRE_BANNER_LIMIT)).isEqualTo(102);
        assertThat(events).extracting(SshBanner::fromClient).containsExactly(true);
        // exactly at the limit is still fine
        events.clear();
        byte[] hundred = Fixtures.concat(Fixtures.ascii("x\n".repeat(100)), P.get("ssh-6"));
        handler(new SshConfig(100, 256)).onData(false, hundred, 0, hundred.length, 1, 1);
        assertThat(events).singleElement().satisfies(b -> assertThat(b.linesBefore()).isEqualTo(100));
    }

    @Test
    void endlessLineWithoutLineEnd() {
        SshHandler h = handler(new SshConfig(10, 255));
        byte[] chunk = Fixtures.ascii("SSH-2.0-" + "A".repeat(92));
        for (int i = 0; i < 10_000; i++) h.onData(true, chunk, 0, chunk.length, i + 1, i + 1);
        assertThat(anomalies.count(Anomaly.SSH_LINE_TOO_LONG)).isEqualTo(1);
        assertThat(anomalies.firstFrame(Anomaly.SSH_LINE_TOO_LONG)).isEqualTo(3);
        assertThat(events).isEmpty();
    }

    @Test
    void binaryGarbageIsNotABanner() {
        byte[] kex = P.get("ssh-8");
        handler().onData(true, kex, 0, kex.length, 1, 1);
        assertThat(events).isEmpty();
        assertThat(anomalies.total()).isEqualTo(1);
    }

    @Test
    void oddBanners() {
        byte[] s = Fixtures.ascii("SSH-2.0-\r\n");
        handler().onData(true, s, 0, s.length, 1, 1);
        byte[] t = Fixtures.concat(Fixtures.ascii("SSH-2.0-Go\u0001x "), new byte[] {(byte) 0xff},
                Fixtures.ascii("\n"));
        handler().onData(true, t, 0, t.length, 2, 2);
        byte[] u = Fixtures.ascii("SSH-2.0\r\n");
        handler().onData(true, u, 0, u.length, 3, 3);
        assertThat(events).extracting(SshBanner::line)
                .containsExactly("SSH-2.0-", "SSH-2.0-Go\\001x \ufffd", "SSH-2.0");
        assertThat(events.get(2).protoVersion()).isEqualTo("2.0");
        assertThat(events.get(2).software()).isEmpty();
        assertThat(anomalies.count(Anomaly.SSH_MALFORMED)).isEqualTo(3);
    }

    @Test
    void bannerEndedByFinWithoutLineEnd() {
        SshHandler h = handler();
        byte[] s = Fixtures.ascii("SSH-2.0-libssh_0.9.6");
        h.onData(true, s, 0, s.length, 1, 1);
        assertThat(events).isEmpty();
        h.onFin(true, false, 2, 2);
        assertThat(events).singleElement().satisfies(b -> {
            assertThat(b.software()).isEqualTo("libssh_0.9.6");
            assertThat(b.frame()).isEqualTo(2);
        });
        SshHandler g = handler();
        g.onData(false, s, 0, 10, 1, 1);
        g.onGap(false, 5, 2, 2);
        g.onData(false, Fixtures.ascii("\r\n"), 0, 2, 3, 3);
        assertThat(events).hasSize(1);
    }
}
