package org.nta.app.netbios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.NbdgmMessage;

/** Browser announcements in NetBIOS datagrams built to RFC 1002 4.4, MS-CIFS 2.2.4.33 and MS-BRWS 2.2; cuts and mutations. */
class NbdgmDecoderTest {
    static final ConnInfo CONN = new ConnInfo("udp", 0, 4, "10.0.0.5", 138, "10.0.0.255", 138);

    static void le16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >> 8);
    }

    /** A direct-group datagram from {@code source<00>} to {@code dest} whose SMB Transaction writes {@code body} to {@code mailslot}. */
    static byte[] datagram(String source, String dest, int destSuffix, String mailslot, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x11, 0x02, 0x12, 0x34, 10, 0, 0, 5, 0, (byte) 138, 0, 0, 0, 0}); // length patched below
        o.writeBytes(NbnsDecoderTest.encoded(source, 0x00));
        o.writeBytes(NbnsDecoderTest.encoded(dest, destSuffix));
        byte[] name = (mailslot + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int words = 17, dataOffset = 32 + 1 + 2 * words + 2 + name.length;
        o.writeBytes(new byte[] {(byte) 0xff, 'S', 'M', 'B', 0x25, 0, 0, 0, 0, 0, 0, 0});
        o.writeBytes(new byte[20]);
        o.write(words);
        le16(o, 0); le16(o, body.length); le16(o, 0); le16(o, 0); o.write(0); o.write(0); le16(o, 0);
        o.writeBytes(new byte[4]); le16(o, 0); le16(o, 0); le16(o, dataOffset); le16(o, body.length); le16(o, dataOffset);
        o.write(3); o.write(0); le16(o, 1); le16(o, 1); le16(o, 2); // setup: write mailslot, priority, class
        le16(o, name.length + body.length);
        o.writeBytes(name);
        o.writeBytes(body);
        byte[] d = o.toByteArray();
        d[10] = (byte) ((d.length - 14) >> 8);
        d[11] = (byte) (d.length - 14);
        return d;
    }

    static byte[] announcement(int cmd, String server, int major, int minor, long type, String text) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) cmd, 1, (byte) 0xa0, (byte) 0xbb, 0x0d, 0});
        o.writeBytes(java.util.Arrays.copyOf(server.getBytes(StandardCharsets.ISO_8859_1), 16));
        o.write(major);
        o.write(minor);
        for (int i = 0; i < 4; i++) o.write((int) (type >> 8 * i));
        o.writeBytes(new byte[] {15, 1, 0x55, (byte) 0xaa});
        o.writeBytes((text + "\0").getBytes(StandardCharsets.ISO_8859_1));
        return o.toByteArray();
    }

    /** A LAN Manager announcement (\\MAILSLOT\\LANMAN) as Samba's nmbd writes it with {@code lm announce}. */
    static byte[] lanman(int cmd, String server, int major, int minor, long type, String text) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(cmd);
        o.write(0); // update count
        for (int i = 0; i < 4; i++) o.write((int) (type >> 8 * i));
        o.write(major);
        o.write(minor);
        le16(o, 5); // periodicity, seconds
        o.writeBytes((server + "\0" + text + "\0").getBytes(StandardCharsets.ISO_8859_1));
        return o.toByteArray();
    }

    static NbdgmMessage decode(byte[] d, AnomalyCounter a) {
        return new NbdgmDecoder(a).decode(d, 0, d.length, CONN, 1, 1);
    }

    @Test
    void readsAHostAnnouncement() {
        byte[] d = datagram("DESKTOP-7QF2", "WORKGROUP", 0x1d, "\\MAILSLOT\\BROWSE",
                announcement(0x01, "DESKTOP-7QF2", 10, 0, 0x00051003L, "Alice's PC"));
        AnomalyCounter a = new AnomalyCounter();
        NbdgmMessage m = decode(d, a);
        assertThat(m.type()).isEqualTo(0x11);
        assertThat(m.sourceName()).isEqualTo("DESKTOP-7QF2<00>");
        assertThat(m.destinationName()).isEqualTo("WORKGROUP<1d>");
        assertThat(m.mailslot()).isEqualTo("\\MAILSLOT\\BROWSE");
        assertThat(m.command()).isEqualTo(1);
        assertThat(m.announcesHost()).isTrue();
        assertThat(m.server()).isEqualTo("DESKTOP-7QF2");
        assertThat(m.osMajor()).isEqualTo(10);
        assertThat(m.osMinor()).isEqualTo(0);
        assertThat(m.serverType()).isEqualTo(0x00051003L);
        assertThat(m.comment()).isEqualTo("Alice's PC");
        assertThat(m.masterBrowser()).isNull();
        assertThat(a.asMap()).isEmpty();
    }

    @Test
    void aDomainAnnouncementNamesTheWorkgroupAndItsMasterBrowser() {
        byte[] d = datagram("NAS01", "\u0001\u0002__MSBROWSE__\u0002", 0x01, "\\MAILSLOT\\BROWSE",
                announcement(0x0c, "WORKGROUP", 6, 1, 0x80001000L, "NAS01"));
        NbdgmMessage m = decode(d, new AnomalyCounter());
        assertThat(m.command()).isEqualTo(0x0c);
        assertThat(m.announcesHost()).isFalse();
        assertThat(m.server()).isEqualTo("WORKGROUP");
        assertThat(m.masterBrowser()).isEqualTo("NAS01");
        assertThat(m.comment()).isNull();
        assertThat(m.destinationName()).isEqualTo("<01><02>__MSBROWSE__<02><01>");
    }

    @Test
    void readsALanManagerHostAnnouncement() {
        byte[] d = datagram("FILESRV", "CORP", 0x00, "\\MAILSLOT\\LANMAN",
                lanman(0x01, "FILESRV", 6, 1, 0x00819a03L, "OFFICE FILE SERVER"));
        AnomalyCounter a = new AnomalyCounter();
        NbdgmMessage m = decode(d, a);
        assertThat(m.mailslot()).isEqualTo("\\MAILSLOT\\LANMAN");
        assertThat(m.destinationName()).isEqualTo("CORP<00>");
        assertThat(m.command()).isEqualTo(1);
        assertThat(m.announcesHost()).isTrue();
        assertThat(m.server()).isEqualTo("FILESRV");
        assertThat(m.osMajor()).isEqualTo(6);
        assertThat(m.osMinor()).isEqualTo(1);
        assertThat(m.serverType()).isEqualTo(0x00819a03L);
        assertThat(m.comment()).isEqualTo("OFFICE FILE SERVER");
        assertThat(m.masterBrowser()).isNull();
        assertThat(a.asMap()).isEmpty();
    }

    @Test
    void aLanManagerDomainAnnouncementNamesItsMasterBrowserAndOtherCommandsOnlyTheCommand() {
        NbdgmMessage m = decode(datagram("FILESRV", "CORP", 0x00, "\\MAILSLOT\\LANMAN",
                lanman(0x0c, "CORP", 4, 9, 0x80001000L, "FILESRV")), new AnomalyCounter());
        assertThat(m.server()).isEqualTo("CORP");
        assertThat(m.masterBrowser()).isEqualTo("FILESRV");
        assertThat(m.comment()).isNull();
        AnomalyCounter a = new AnomalyCounter();
        m = decode(datagram("FILESRV", "CORP", 0x00, "\\MAILSLOT\\LANMAN", new byte[] {0x08, 1, 2, 3}), a);
        assertThat(m.command()).isEqualTo(8);
        assertThat(m.server()).isNull();
        assertThat(m.serverType()).isEqualTo(-1);
        assertThat(a.asMap()).isEmpty();
    }

    @Test
    void aCutLanManagerAnnouncementKeepsWhatCameBeforeTheCut() {
        byte[] body = lanman(0x01, "WS-BOB", 6, 1, 0x00809a03L, "BOB'S DESK");
        AnomalyCounter a = new AnomalyCounter();
        // the Transaction's data ends before the comment's NUL: server name, version and type kept, no comment
        NbdgmMessage m = decode(datagram("WS-BOB", "CORP", 0x00, "\\MAILSLOT\\LANMAN", Arrays.copyOf(body, body.length - 1)), a);
        assertThat(m.server()).isEqualTo("WS-BOB");
        assertThat(m.osMajor()).isEqualTo(6);
        assertThat(m.serverType()).isEqualTo(0x00809a03L);
        assertThat(m.comment()).isNull();
        assertThat(a.asMap()).containsEntry("nbdgm.malformed", 1L);
        // it ends inside the server name: the type and version before it kept, no name
        m = decode(datagram("WS-BOB", "CORP", 0x00, "\\MAILSLOT\\LANMAN", Arrays.copyOf(body, 13)), a);
        assertThat(m.command()).isEqualTo(1);
        assertThat(m.server()).isNull();
        assertThat(m.osMajor()).isEqualTo(6);
        assertThat(m.osMinor()).isEqualTo(1);
        assertThat(m.serverType()).isEqualTo(0x00809a03L);
        assertThat(a.asMap()).containsEntry("nbdgm.malformed", 2L);
        // it ends inside the server type: the command only
        m = decode(datagram("WS-BOB", "CORP", 0x00, "\\MAILSLOT\\LANMAN", Arrays.copyOf(body, 4)), a);
        assertThat(m.command()).isEqualTo(1);
        assertThat(m.serverType()).isEqualTo(-1);
        assertThat(m.osMajor()).isEqualTo(-1);
        assertThat(a.asMap()).containsEntry("nbdgm.malformed", 3L);
    }

    @Test
    void anotherMailslotIsNamedButNotReadAsBrowser() {
        byte[] d = datagram("DESKTOP", "CORP", 0x1c, "\\MAILSLOT\\NET\\NETLOGON", new byte[] {0x12, 0, 0, 0});
        AnomalyCounter a = new AnomalyCounter();
        NbdgmMessage m = decode(d, a);
        assertThat(m.mailslot()).isEqualTo("\\MAILSLOT\\NET\\NETLOGON");
        assertThat(m.command()).isEqualTo(-1);
        assertThat(a.asMap()).isEmpty();
    }

    @Test
    void aCutAnnouncementIsCountedAndKeepsTheDatagramHeader() {
        byte[] d = datagram("DESKTOP", "WORKGROUP", 0x1d, "\\MAILSLOT\\BROWSE", announcement(0x01, "DESKTOP", 10, 0, 3, ""));
        AnomalyCounter a = new AnomalyCounter();
        NbdgmMessage m = new NbdgmDecoder(a).decode(d, 0, d.length - 20, CONN, 1, 1);
        assertThat(m.sourceName()).isEqualTo("DESKTOP<00>");
        assertThat(m.command()).isEqualTo(-1);
        assertThat(a.asMap()).containsEntry("nbdgm.malformed", 1L);
        assertThat(new NbdgmDecoder(a).decode(d, 0, 9, CONN, 1, 1)).isNull();
    }

    @Test
    void everyTruncationAndMutationIsSafe() {
        mutate(datagram("DESKTOP", "WORKGROUP", 0x1d, "\\MAILSLOT\\BROWSE", announcement(0x0f, "DESKTOP", 6, 1, 0x00849a03L, "x")));
    }

    @Test
    void everyTruncationAndMutationOfALanManagerAnnouncementIsSafeAndCounted() {
        byte[] body = lanman(0x01, "NAS01", 6, 1, 0x00809a03L, "STORAGE NAS");
        byte[] d = datagram("NAS01", "CORP", 0x00, "\\MAILSLOT\\LANMAN", body);
        AnomalyCounter a = new AnomalyCounter();
        // every cut inside the message is counted (the Transaction's data count no longer fits), and returns its header
        for (int n = d.length - body.length; n < d.length; n++) {
            NbdgmMessage m = new NbdgmDecoder(a).decode(d, 0, n, CONN, 1, 1);
            assertThat(m.mailslot()).isEqualTo("\\MAILSLOT\\LANMAN");
        }
        assertThat(a.asMap()).containsEntry("nbdgm.malformed", (long) body.length);
        mutate(d);
    }

    static void mutate(byte[] d) {
        AnomalyCounter a = new AnomalyCounter();
        for (int n = 0; n <= d.length; n++) new NbdgmDecoder(a).decode(d, 0, n, CONN, 1, 1);
        Random rnd = new Random(11);
        for (int i = 0; i < 5000; i++) {
            byte[] x = d.clone();
            for (int k = 1 + rnd.nextInt(6); k > 0; k--) x[rnd.nextInt(x.length)] = (byte) rnd.nextInt(256);
            new NbdgmDecoder(a).decode(x, 0, rnd.nextInt(x.length + 1), CONN, 1, 1);
        }
    }
}
