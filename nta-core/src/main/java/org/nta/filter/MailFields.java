package org.nta.filter;

import static org.nta.filter.FieldType.BOOLEAN;
import static org.nta.filter.FieldType.STRING;
import static org.nta.filter.FieldType.UINT;

import java.util.Locale;

import org.nta.decode.Proto;
import org.nta.event.MailCommand;
import org.nta.event.MailMessage;
import org.nta.event.MailReply;

/**
 * SMTP, POP, IMAP and IMF fields with Wireshark's names, read from the mail parsers' events on the frame (a command
 * or reply on the frame that delivered its end, a message on the frame that completed it). The protocol names
 * follow the connection's recognised protocol, on every frame with payload, as Wireshark's do on their ports.
 */
final class MailFields {
    private MailFields() {}

    static void register(FieldRegistry r) {
        smtp(r);
        imf(r);
        pop(r);
        imap(r);
    }

    private static boolean on(FrameView v, Proto p) {
        return v.flow() != null && v.flow().app == p && v.packet().payloadLen > 0;
    }

    private static void smtp(FieldRegistry r) {
        r.registerProtocol("smtp", v -> on(v, Proto.SMTP));
        r.registerEventField("smtp.req", BOOLEAN, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("smtp")) out.add(true);
        });
        r.register("smtp.rsp", BOOLEAN, (v, out) -> { // once per frame with replies
            for (var e : v.events()) {
                if (e instanceof MailReply m && m.protocol().equals("smtp")) {
                    out.add(true);
                    return;
                }
            }
        });
        r.registerEventField("smtp.req.command", STRING, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("smtp")) out.addString(e.command());
        });
        r.registerEventField("smtp.req.parameter", STRING, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("smtp") && !e.parameter().isEmpty()) out.addString(e.parameter());
        });
        // Wireshark shows a code on the frame's first reply line and on each line that starts a new reply
        r.register("smtp.response.code", UINT, (v, out) -> {
            boolean start = true;
            for (var e : v.events()) {
                if (!(e instanceof MailReply m) || !m.protocol().equals("smtp")) continue;
                if (start) out.add(m.code());
                start = m.last();
            }
        });
        r.registerEventField("smtp.rsp.parameter", STRING, MailReply.class, (e, out) -> {
            if (e.protocol().equals("smtp") && !e.text().isEmpty()) out.addString(e.text());
        });
    }

    private static void imf(FieldRegistry r) {
        r.registerProtocol("imf", v -> {
            for (var e : v.events()) if (e instanceof MailMessage) return true;
            return false;
        });
        header(r, "imf.from", "from");
        header(r, "imf.to", "to");
        header(r, "imf.cc", "cc");
        header(r, "imf.subject", "subject");
        header(r, "imf.date", "date");
        header(r, "imf.message_id", "message-id");
        header(r, "imf.user_agent", "user-agent");
        header(r, "imf.ext.mailer", "x-mailer");
        header(r, "imf.reply_to", "reply-to");
        header(r, "imf.return_path", "return-path");
    }

    /** Every value of a top-level header, as sent (encoded words left as they are, as Wireshark shows them). */
    private static void header(FieldRegistry r, String field, String name) {
        r.registerEventField(field, STRING, MailMessage.class, (e, out) -> {
            for (String h : e.headers()) {
                int c = h.indexOf(':');
                if (c == name.length() && h.regionMatches(true, 0, name, 0, c)) out.addString(h.substring(c + 1).strip());
            }
        });
    }

    private static void pop(FieldRegistry r) {
        r.registerProtocol("pop", v -> on(v, Proto.POP));
        r.registerEventField("pop.request.command", STRING, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("pop")) out.addString(e.command());
        });
        r.registerEventField("pop.request.parameter", STRING, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("pop") && !e.parameter().isEmpty()) out.addString(e.parameter());
        });
        r.registerEventField("pop.response.indicator", STRING, MailReply.class, (e, out) -> {
            if (e.protocol().equals("pop") && e.status() != null && !e.status().equals("+")) out.addString(e.status());
        });
        r.registerEventField("pop.response.description", STRING, MailReply.class, (e, out) -> {
            if (e.protocol().equals("pop") && e.status() != null && !e.status().equals("+") && !e.text().isEmpty()) out.addString(e.text());
        });
    }

    private static void imap(FieldRegistry r) {
        // Wireshark reassembles IMAP lines: a segment that ends inside a line (a literal's middle) is TCP only there
        r.registerProtocol("imap", v -> on(v, Proto.IMAP)
                && (v.packet().payload[v.packet().payloadOff + v.packet().payloadLen - 1] == '\n' || completesMessageOrCommand(v)));
        r.registerEventField("imap.isrequest", BOOLEAN, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("imap")) out.add(true);
        });
        r.registerEventField("imap.request", STRING, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("imap")) out.addString(e.tag() + " " + e.command() + (e.parameter().isEmpty() ? "" : " " + e.parameter()));
        });
        r.registerEventField("imap.request_tag", STRING, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("imap")) out.addString(e.tag());
        });
        r.registerEventField("imap.request.command", STRING, MailCommand.class, (e, out) -> {
            if (!e.protocol().equals("imap")) return;
            // Wireshark names the command after UID (UID FETCH is FETCH, with imap.request.command.uid)
            if (e.command().equalsIgnoreCase("UID")) {
                String next = firstWord(e.parameter());
                if (!next.isEmpty()) out.addString(next);
            } else {
                out.addString(e.command());
            }
        });
        r.registerEventField("imap.request.command.uid", BOOLEAN, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("imap") && e.command().equalsIgnoreCase("UID")) out.add(true);
        });
        r.registerEventField("imap.request.username", STRING, MailCommand.class, (e, out) -> {
            if (e.protocol().equals("imap") && e.command().equalsIgnoreCase("LOGIN")) {
                String u = astring(e.parameter());
                if (u != null) out.addString(u);
            }
        });
        r.registerEventField("imap.request.folder", STRING, MailCommand.class, (e, out) -> {
            if (!e.protocol().equals("imap")) return;
            String c = e.command().toUpperCase(Locale.ROOT);
            if (c.equals("SELECT") || c.equals("EXAMINE")) {
                String f = astring(e.parameter());
                if (f != null) out.addString(f);
            }
        });
        // tagged responses; Wireshark reads a continuation ("+ text") the same way, its first word as the status
        r.registerEventField("imap.response.status", STRING, MailReply.class, (e, out) -> {
            if (!e.protocol().equals("imap") || e.tag() == null || e.tag().equals("*")) return;
            if (e.tag().equals("+")) {
                String w = firstWord(e.text());
                if (!w.isEmpty()) out.addString(w);
            } else if (e.status() != null) {
                out.addString(e.status());
            }
        });
        r.registerEventField("imap.response_tag", STRING, MailReply.class, (e, out) -> {
            if (e.protocol().equals("imap") && e.tag() != null && !e.tag().equals("*")) out.addString(e.tag());
        });
    }

    private static boolean completesMessageOrCommand(FrameView v) {
        for (var e : v.events()) if (e instanceof MailMessage || e instanceof MailCommand) return true;
        return false;
    }

    private static String firstWord(String s) {
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    /** The first IMAP astring of a parameter: a quoted string (escapes undone) or an atom; null for a literal. */
    static String astring(String s) {
        if (s.isEmpty() || s.charAt(0) == '{') return null;
        if (s.charAt(0) != '"') return firstWord(s);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') break;
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }
}
