package org.nta.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
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
}
