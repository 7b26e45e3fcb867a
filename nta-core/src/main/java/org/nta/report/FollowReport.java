package org.nta.report;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.nta.event.ConnInfo;
import org.nta.reassembly.StreamRecorder;

/**
 * Follow Stream output: each side's turns in order with their frames, as ASCII (non-printable bytes as '.'),
 * a hex dump, or raw (tshark's "follow,tcp,raw" format: hex per turn, the server's turns indented by a tab).
 */
public final class FollowReport {
    public enum Format { ASCII, HEX, RAW }

    private FollowReport() {}

    public static String render(ConnInfo conn, List<StreamRecorder.Turn> turns, Format format, TimeFormat tf, long captureStartNs) {
        StringBuilder sb = new StringBuilder();
        String client = conn.clientAddr() + ":" + conn.clientPort(), server = conn.serverAddr() + ":" + conn.serverPort();
        if (format == Format.RAW) {
            sb.append("Follow: ").append(conn.transport()).append(",raw\n");
            sb.append("Filter: ").append(conn.filter()).append('\n');
            sb.append("Node 0: ").append(client).append('\n');
            sb.append("Node 1: ").append(server).append('\n');
            for (StreamRecorder.Turn t : turns) {
                if (t.size() == 0) continue;
                if (!t.fromClient) sb.append('\t');
                sb.append(org.nta.bytes.Bytes.hex(t.bytes())).append('\n');
            }
            return sb.toString();
        }
        long up = 0, down = 0;
        for (StreamRecorder.Turn t : turns) {
            if (t.fromClient) up += t.size();
            else down += t.size();
        }
        sb.append("Follow ").append(conn.transport().toUpperCase()).append(" stream ").append(conn.stream())
                .append("   (display filter: ").append(conn.filter()).append(")\n");
        sb.append("Client ").append(client).append(" → server ").append(server).append(": ")
                .append(Numbers.count(up)).append(" bytes; server → client: ").append(Numbers.count(down)).append(" bytes; ")
                .append(turns.size()).append(turns.size() == 1 ? " turn\n" : " turns\n");
        for (StreamRecorder.Turn t : turns) {
            sb.append('\n').append(t.fromClient ? "── client → server" : "── server → client")
                    .append(", frame").append(t.firstFrame == t.lastFrame ? " " + t.firstFrame : "s " + t.firstFrame + "–" + t.lastFrame)
                    .append(", ").append(Numbers.count(t.size())).append(" bytes, ").append(tf.format(t.firstTimeNs, captureStartNs));
            if (t.missing > 0) sb.append(", ").append(Numbers.count(t.missing)).append(" bytes missing in the capture");
            sb.append('\n');
            byte[] b = t.bytes();
            if (format == Format.HEX) hexdump(sb, b);
            else ascii(sb, b);
        }
        return sb.toString();
    }

    static void ascii(StringBuilder sb, byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        StringBuilder line = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t') line.append(c);
            else if (c == '\r') continue;
            else if (c >= 0x20 && c < 0x7f) line.append(c);
            else line.append('.');
        }
        sb.append(line);
        if (line.length() == 0 || line.charAt(line.length() - 1) != '\n') sb.append('\n');
    }

    static void hexdump(StringBuilder sb, byte[] b) {
        for (int i = 0; i < b.length; i += 16) {
            sb.append(String.format("%08x  ", i));
            for (int j = 0; j < 16; j++) {
                if (i + j < b.length) sb.append(String.format("%02x ", b[i + j] & 0xff));
                else sb.append("   ");
                if (j == 7) sb.append(' ');
            }
            sb.append(" |");
            for (int j = 0; j < 16 && i + j < b.length; j++) {
                int c = b[i + j] & 0xff;
                sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            sb.append("|\n");
        }
    }
}
