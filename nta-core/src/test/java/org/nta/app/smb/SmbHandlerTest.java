package org.nta.app.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nta.app.smb.Smb2Bytes.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.SmbCommand;
import org.nta.event.SmbMessage;
import org.nta.event.TransferredFile;

/**
 * The SMB handler on messages built to the specification: every split point of both streams, compounded requests
 * with related operations, responses out of order, and hostile input (bad NextCommand offsets, lengths beyond the
 * message, huge NBSS lengths, garbage, truncations, random mutations) that is counted, never thrown.
 */
class SmbHandlerTest {
    static final ConnInfo CONN = new ConnInfo("tcp", 0, 4, "10.0.0.1", 50000, "10.0.0.2", 445);
    static final byte[] DATA = new byte[1200];

    static {
        new Random(1).nextBytes(DATA);
    }

    /**
     * Message pairs {client bytes, server bytes} in the order they cross: tree connect, CREATE+WRITE+CLOSE
     * compounded (related), CREATE, then two READs whose responses come in reverse order, CLOSE.
     */
    static List<byte[][]> exchange() {
        byte[] half1 = java.util.Arrays.copyOfRange(DATA, 0, 700), half2 = java.util.Arrays.copyOfRange(DATA, 700, 1200);
        byte[] none = new byte[0];
        return List.of(
                new byte[][] {nbss(treeConnectRequest(1, "\\\\srv\\ADMIN$")), nbss(treeConnectResponse(1))},
                new byte[][] {nbss(compound(createRequest(2, 0, "PSEXESVC.exe", 5), writeRequest(3, RELATED, allOnes(), 0, DATA),
                        closeRequest(4, RELATED, allOnes()))),
                        nbss(compound(createResponse(2, 0, fid(1), 2), writeResponse(3, RELATED, DATA.length), closeResponse(4, RELATED)))},
                new byte[][] {nbss(createRequest(5, 0, "dump.bin", 1)), nbss(createResponse(5, 0, fid(2), 1))},
                new byte[][] {nbss(readRequest(6, 0, fid(2), 0, 700)), none},
                new byte[][] {nbss(readRequest(7, 0, fid(2), 700, 500)), cat(nbss(readResponse(7, 0, half2)), nbss(readResponse(6, 0, half1)))},
                new byte[][] {nbss(closeRequest(8, 0, fid(2))), nbss(closeResponse(8, 0))});
    }

    /** The client's and the server's whole streams. */
    static byte[][] streams() {
        byte[] c = new byte[0], sv = new byte[0];
        for (byte[][] p : exchange()) {
            c = cat(c, p[0]);
            sv = cat(sv, p[1]);
        }
        return new byte[][] {c, sv};
    }

    record Run(List<Event> events, AnomalyCounter anomalies) {
        <T> List<T> of(Class<T> t) {
            return events.stream().filter(t::isInstance).map(t::cast).toList();
        }
    }

    /** Feeds the exchange in lockstep, the client stream cut at {@code cut} and the server's at {@code serverCut}. */
    static Run feed(int cut, int serverCut) {
        List<Event> out = new ArrayList<>();
        AnomalyCounter a = new AnomalyCounter();
        SmbHandler h = new SmbHandler(CONN, SmbConfig.DEFAULTS, a, out::add);
        int cpos = 0, spos = 0;
        for (byte[][] p : exchange()) {
            piece(h, true, p[0], cut - cpos, 1);
            piece(h, false, p[1], serverCut - spos, 2);
            cpos += p[0].length;
            spos += p[1].length;
        }
        h.onClose(3, 3);
        return new Run(out, a);
    }

    private static void piece(SmbHandler h, boolean fromClient, byte[] b, int cut, long frame) {
        if (cut > 0 && cut < b.length) {
            h.onData(fromClient, b, 0, cut, frame, frame);
            h.onData(fromClient, b, cut, b.length - cut, frame, frame);
        } else if (b.length > 0) {
            h.onData(fromClient, b, 0, b.length, frame, frame);
        }
    }

    /** Feeds two whole streams (mutated ones), client first, each cut once. */
    static Run feed(byte[] client, int cut, byte[] server, int serverCut) {
        List<Event> out = new ArrayList<>();
        AnomalyCounter a = new AnomalyCounter();
        SmbHandler h = new SmbHandler(CONN, SmbConfig.DEFAULTS, a, out::add);
        h.onData(true, client, 0, cut, 1, 1);
        h.onData(true, client, cut, client.length - cut, 1, 1);
        h.onData(false, server, 0, serverCut, 2, 2);
        h.onData(false, server, serverCut, server.length - serverCut, 2, 2);
        h.onClose(3, 3);
        return new Run(out, a);
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void compoundedRelatedRequestsAndOutOfOrderReadsRebuildTheFiles() throws Exception {
        Run r = feed(0, 0);
        assertThat(r.anomalies().asMap()).isEmpty();
        List<TransferredFile> files = r.of(TransferredFile.class);
        assertThat(files).hasSize(2);
        assertThat(files.get(0).originalName()).isEqualTo("\\\\srv\\ADMIN$\\PSEXESVC.exe");
        assertThat(files.get(0).direction()).isEqualTo(HttpFileObject.Direction.UPLOAD);
        assertThat(files.get(0).sha256()).isEqualTo(sha(DATA));
        assertThat(files.get(1).originalName()).isEqualTo("\\\\srv\\ADMIN$\\dump.bin");
        assertThat(files.get(1).direction()).isEqualTo(HttpFileObject.Direction.DOWNLOAD);
        assertThat(files.get(1).sha256()).isEqualTo(sha(DATA));
        assertThat(files.get(1).bytes()).isEqualTo(DATA);
        List<SmbCommand> cmds = r.of(SmbCommand.class);
        assertThat(cmds).extracting(SmbCommand::commandName).containsExactly("TREE_CONNECT", "CREATE", "WRITE", "CLOSE",
                "CREATE", "READ", "READ", "CLOSE");
        assertThat(cmds.get(2).fileName()).isEqualTo("PSEXESVC.exe");
        assertThat(cmds.get(2).tree()).isEqualTo("\\\\srv\\ADMIN$");
        assertThat(cmds.get(5).messageId()).isEqualTo(7);
        assertThat(cmds.get(5).offset()).isEqualTo(700);
        assertThat(cmds).allSatisfy(c -> assertThat(c.status()).isZero());
    }

    @Test
    void everySplitPointGivesTheSameEvents() {
        byte[][] s = streams();
        String whole = feed(0, 0).events().toString();
        for (int i = 0; i <= s[0].length; i++) {
            assertThat(feed(i, 0).events().toString()).as("client split %d", i).isEqualTo(whole);
        }
        for (int i = 0; i <= s[1].length; i++) {
            assertThat(feed(0, i).events().toString()).as("server split %d", i).isEqualTo(whole);
        }
    }

    @Test
    void compoundWithBadNextCommandIsCountedAndTheFirstMessageKept() {
        byte[] c = compound(createRequest(2, 0, "a.txt", 1), closeRequest(3, RELATED, allOnes()));
        for (int bad : new int[] {8, 63, 65, c.length + 8, -8, Integer.MAX_VALUE}) {
            byte[] m = c.clone();
            ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(20, bad);
            List<Event> out = new ArrayList<>();
            AnomalyCounter a = new AnomalyCounter();
            SmbHandler h = new SmbHandler(CONN, SmbConfig.DEFAULTS, a, out::add);
            byte[] n = nbss(m);
            h.onData(true, n, 0, n.length, 1, 1);
            h.onClose(2, 2);
            assertThat(a.asMap()).as("NextCommand %d", bad).containsKey(Anomaly.SMB_BAD_COMPOUND.id());
            assertThat(out.stream().filter(e -> e instanceof SmbMessage).count()).isEqualTo(1);
        }
    }

    @Test
    void offsetsOutsideTheMessageAreCounted() {
        byte[] m = createRequest(2, 0, "a.txt", 1);
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putShort(64 + 46, (short) 0x7ff0); // NameLength far beyond
        List<Event> out = new ArrayList<>();
        AnomalyCounter a = new AnomalyCounter();
        SmbHandler h = new SmbHandler(CONN, SmbConfig.DEFAULTS, a, out::add);
        byte[] n = nbss(m);
        h.onData(true, n, 0, n.length, 1, 1);
        assertThat(a.asMap()).containsKey(Anomaly.SMB_MALFORMED.id());
        assertThat(((SmbMessage) out.get(0)).fileName()).isNull();
    }

    @Test
    void hugeNbssLengthIsSkippedAndCounted() {
        SmbConfig small = new SmbConfig(4096, 16, 16, 1024, 1024, 8);
        List<Event> out = new ArrayList<>();
        AnomalyCounter a = new AnomalyCounter();
        SmbHandler h = new SmbHandler(CONN, small, a, out::add);
        byte[] big = nbss(writeRequest(1, 0, fid(1), 0, new byte[8000]));
        byte[] next = nbss(createRequest(2, 0, "after.txt", 1));
        byte[] both = cat(big, next);
        h.onData(true, both, 0, both.length, 1, 1);
        assertThat(a.asMap()).containsKey(Anomaly.SMB_MESSAGE_TOO_LARGE.id());
        assertThat(out).singleElement().satisfies(e -> assertThat(((SmbMessage) e).fileName()).isEqualTo("after.txt"));
    }

    @Test
    void garbageTruncationsAndMutationsNeverThrow() {
        byte[][] s = streams();
        Random rnd = new Random(42);
        for (int round = 0; round < 600; round++) {
            byte[] c = s[0].clone(), sv = s[1].clone();
            int flips = 1 + rnd.nextInt(8);
            for (int i = 0; i < flips; i++) {
                c[rnd.nextInt(c.length)] = (byte) rnd.nextInt(256);
                sv[rnd.nextInt(sv.length)] = (byte) rnd.nextInt(256);
            }
            int cl = rnd.nextInt(c.length + 1), sl = rnd.nextInt(sv.length + 1);
            feed(java.util.Arrays.copyOf(c, cl), rnd.nextInt(cl + 1), java.util.Arrays.copyOf(sv, sl), rnd.nextInt(sl + 1));
        }
        byte[] garbage = new byte[5000];
        rnd.nextBytes(garbage);
        garbage[0] = 0;
        garbage[4] = (byte) 0xfe;
        feed(garbage, 1234, garbage, 17);
    }

    @Test
    void aGapLosesTheDirectionUntilTheNextSmbHeader() {
        byte[][] s = streams();
        List<Event> out = new ArrayList<>();
        AnomalyCounter a = new AnomalyCounter();
        SmbHandler h = new SmbHandler(CONN, SmbConfig.DEFAULTS, a, out::add);
        h.onData(true, s[0], 0, 30, 1, 1);
        h.onGap(true, 100, 2, 2);
        byte[] later = cat(new byte[] {1, 2, 3}, nbss(createRequest(9, 0, "later.txt", 1)));
        h.onData(true, later, 0, later.length, 3, 3);
        assertThat(a.asMap()).containsKey(Anomaly.SMB_GAP.id());
        assertThat(out).filteredOn(e -> e instanceof SmbMessage m && "later.txt".equals(m.fileName())).hasSize(1);
    }
}
