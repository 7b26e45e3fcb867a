package org.nta.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.TcpSession;
import org.nta.reassembly.StreamHandler;

/** Holding a connection's first bytes until a parser recognises them, and what a correction of the roles does. */
class DispatcherTest {
    static final ConnInfo GUESS = new ConnInfo("tcp", 3, 4, "10.0.0.2", 8080, "10.0.0.1", 40050);

    /** What the chosen parser saw, as text: C:"..." S:"..." gap(C,n) close. */
    static final class Log implements StreamHandler {
        final List<String> events = new ArrayList<>();
        final ConnInfo conn;

        Log(ConnInfo conn) {
            this.conn = conn;
        }

        @Override
        public void onData(boolean fromClient, byte[] data, int off, int len, long frame, long timeNs) {
            events.add((fromClient ? "C:" : "S:") + new String(data, off, len, StandardCharsets.ISO_8859_1) + "@" + frame);
        }

        @Override
        public void onGap(boolean fromClient, long len, long frame, long timeNs) {
            events.add("gap(" + (fromClient ? "C" : "S") + "," + len + ")");
        }

        @Override
        public void onRolesSwapped(ConnInfo conn) {
            events.add("swapped");
        }

        @Override
        public void onClose(long frame, long timeNs) {
            events.add("close");
        }
    }

    final List<Log> chosen = new ArrayList<>();
    final List<Event> events = new ArrayList<>();

    /** Chooses "HTTP" for a status line from the server or a request line from the client. */
    final Dispatcher.Chooser http = (conn, fromClient, b, off, len, last) -> {
        if (!Dispatcher.isHttp(fromClient, b, off, len)) return null;
        Log l = new Log(conn);
        chosen.add(l);
        return l;
    };

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void data(StreamHandler h, boolean fromClient, String s, long frame) {
        byte[] b = ascii(s);
        h.onData(fromClient, b, 0, b.length, frame, frame * 1000);
    }

    @Test
    void rolesCorrectedBeforeTheChoiceRelabelTheHeldBytesAndTheParserGetsTheCorrectedConnection() {
        Dispatcher d = new Dispatcher(GUESS, http, null, 64);
        data(d, true, "HTTP/1.1 200", 1); // labelled with the ports' guess: not yet a whole status line
        d.onRolesSwapped(GUESS.swapped());
        data(d, false, " OK\r\n\r\n", 2);
        assertThat(chosen).hasSize(1);
        assertThat(chosen.get(0).conn.clientPort()).isEqualTo(40050);
        assertThat(chosen.get(0).events).containsExactly("S:HTTP/1.1 200@1", "S: OK\r\n\r\n@2");
    }

    @Test
    void aCorrectionAfterTheChoiceIsPassedOnToTheParser() {
        Dispatcher d = new Dispatcher(GUESS, http, null, 64);
        data(d, true, "GET / HTTP/1.1\r\n\r\n", 1);
        d.onRolesSwapped(GUESS.swapped());
        assertThat(chosen.get(0).events).containsExactly("C:GET / HTTP/1.1\r\n\r\n@1", "swapped");
    }

    @Test
    void anUnrecognisedSessionKeepsItsBytesOnTheCorrectedSides() {
        SessionCollector fallback = new SessionCollector(GUESS, events::add, 1 << 10, 16);
        Dispatcher d = new Dispatcher(GUESS, http, fallback, 8);
        data(d, true, "id\n", 1);
        d.onRolesSwapped(GUESS.swapped());
        data(d, false, "uid=0(root)\n", 2); // 8 bytes without a parser: the fallback takes the connection
        data(d, true, "exit\n", 3);
        d.onClose(3, 3000);
        TcpSession s = (TcpSession) events.get(0);
        assertThat(s.conn().clientPort()).isEqualTo(40050);
        assertThat(s.chunks()).extracting(TcpSession.Chunk::fromClient).containsExactly(false, false, true);
        assertThat(s.bytesClient()).isEqualTo(5);
        assertThat(s.bytesServer()).isEqualTo(15);
    }

    final AnomalyCounter anomalies = new AnomalyCounter();
    final HoldBudget budget = new HoldBudget(1 << 20);

    Dispatcher searching(boolean midStream, int bytes) {
        SessionCollector fallback = new SessionCollector(GUESS.swapped(), events::add, 1 << 10, 16);
        return new Dispatcher(GUESS.swapped(), http, fallback, 16, new Dispatcher.Search(bytes, budget, anomalies, midStream));
    }

    @Test
    void aConnectionPickedUpMidStreamIsSearchedForALaterStartLineInEitherDirection() {
        Dispatcher d = searching(true, 1 << 10);
        data(d, false, "tail of a previous body, longer than the first bytes looked at\n", 1);
        assertThat(chosen).isEmpty();
        data(d, true, "GE", 2);
        data(d, true, "T /mid HTTP/1.1\r\n\r\n", 3);
        assertThat(chosen).hasSize(1);
        assertThat(chosen.get(0).events).containsExactly("S:tail of a previous body, longer than the first bytes looked at\n@1",
                "C:GE@2", "C:T /mid HTTP/1.1\r\n\r\n@3");
        assertThat(budget.held()).as("released once chosen").isZero();
    }

    @Test
    void aStartLineInsideAChunkAfterOtherLinesIsFound() {
        Dispatcher d = searching(true, 1 << 10);
        data(d, false, "0123456789abcdefghij\r\nHTTP/1.1 404 Not Found\r\n\r\n", 1);
        assertThat(chosen).hasSize(1);
    }

    @Test
    void theSearchEndsAfterItsBytesAndTheConnectionIsUnrecognised() {
        Dispatcher d = searching(true, 100);
        for (int i = 0; i < 10; i++) data(d, false, "line of a body\n", i + 1);
        data(d, true, "GET / HTTP/1.1\r\n\r\n", 11);
        d.onClose(12, 12_000);
        assertThat(chosen).isEmpty();
        assertThat(events).hasSize(1);
        assertThat(budget.held()).isZero();
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void theSharedBudgetEndsTheSearchAndIsCounted() {
        HoldBudget small = new HoldBudget(40);
        Dispatcher d = new Dispatcher(GUESS, http, null, 16, new Dispatcher.Search(1 << 10, small, anomalies, true));
        data(d, false, "line of a body, no start line\n", 1);
        data(d, false, "another line of that body\n", 2);
        data(d, true, "GET / HTTP/1.1\r\n\r\n", 3);
        assertThat(chosen).isEmpty();
        assertThat(anomalies.count(Anomaly.APP_SEARCH_MEMCAP)).isEqualTo(1);
        assertThat(small.held()).isZero();
    }

    @Test
    void withItsHandshakeAConnectionIsSearchedOnlyAfterAGap() {
        Dispatcher d = searching(false, 1 << 10);
        data(d, false, "not the start of anything we know\n", 1);
        data(d, true, "GET / HTTP/1.1\r\n\r\n", 2);
        assertThat(chosen).as("its first bytes decide").isEmpty();

        Dispatcher g = searching(false, 1 << 10);
        g.onGap(true, 20, 1, 1000); // the first segment was not captured
        data(g, true, "User-Agent: something long enough\r\n\r\nGET /second HTTP/1.1\r\n\r\n", 2);
        assertThat(chosen).hasSize(1);
        assertThat(chosen.get(0).events.get(0)).isEqualTo("gap(C,20)");
    }
}
