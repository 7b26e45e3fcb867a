package org.nta.cli;

import org.nta.app.dns.DnsTypes;
import org.nta.event.DnsMessage;
import org.nta.event.Event;
import org.nta.event.HttpRequest;
import org.nta.event.HttpResponse;
import org.nta.event.SshBanner;
import org.nta.event.TlsHello;
import org.nta.filter.FrameView;

/**
 * The protocol and info columns tshark shows for a frame that completes an application message: HTTP request and
 * status lines (with the body's content type), DNS queries and answers with their records, TLS hellos, SSH banners.
 */
final class AppLine {
    private AppLine() {}

    /** Overwrites {@code protoInfo} (protocol, info) when an event of the frame names a protocol; says whether one did. */
    static boolean apply(FrameView v, String[] protoInfo) {
        boolean any = false;
        for (Event e : v.events()) {
            if (e instanceof HttpRequest || e instanceof HttpResponse || e instanceof DnsMessage || e instanceof TlsHello
                    || e instanceof SshBanner || e instanceof org.nta.event.FtpRequest || e instanceof org.nta.event.FtpResponse) {
                any = true;
            }
            if (e instanceof HttpRequest q) {
                protoInfo[0] = "HTTP";
                String type = q.body().keptLength() > 0 && !isMultipart(q.contentType()) ? contentType(q.contentType()) : "";
                protoInfo[1] = q.method() + " " + q.uri() + " " + q.version() + " " + type;
            } else if (e instanceof HttpResponse r) {
                protoInfo[0] = "HTTP";
                String type = r.body().keptLength() > 0 ? contentType(r.contentType()) : "";
                protoInfo[1] = r.version() + " " + r.status() + " " + r.reason() + " " + type;
            } else if (e instanceof DnsMessage d) {
                protoInfo[0] = isMdns(d) ? "MDNS" : "DNS";
                protoInfo[1] = dns(d, isMdns(d));
            } else if (e instanceof TlsHello t) {
                protoInfo[0] = "TLS";
                protoInfo[1] = t.fromClient() ? "Client Hello" : "Server Hello";
            } else if (e instanceof org.nta.event.FtpRequest q) {
                protoInfo[0] = "FTP";
                protoInfo[1] = "Request: " + q.command() + (q.arg().isEmpty() ? "" : " " + q.arg());
            } else if (e instanceof org.nta.event.FtpResponse r) {
                protoInfo[0] = "FTP";
                protoInfo[1] = "Response: " + r.lines().get(0);
            } else if (e instanceof SshBanner b) {
                protoInfo[0] = "SSH";
                protoInfo[1] = (b.fromClient() ? "Client: " : "Server: ") + "Protocol (" + b.line() + ")";
            }
        }
        return any;
    }

    private static boolean isMultipart(String type) {
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    /** " (text/html)" as tshark appends it (after the line's trailing space), or "" without a type. */
    private static String contentType(String type) {
        if (type == null || type.isBlank()) return "";
        int semi = type.indexOf(';');
        return " (" + (semi >= 0 ? type.substring(0, semi) : type).strip() + ")";
    }

    private static boolean isMdns(DnsMessage d) {
        return d.conn() != null && "udp".equals(d.transport()) && (d.conn().clientPort() == 5353 || d.conn().serverPort() == 5353);
    }

    /** "Standard query response 0x8496 A portal.corp.lan A 10.251.96.5 OPT", as Wireshark's DNS info column. */
    static String dns(DnsMessage d, boolean mdns) {
        StringBuilder sb = new StringBuilder(opcode(d.opcode()));
        if (d.response()) sb.append(" response");
        sb.append(" 0x").append(String.format("%04x", d.id()));
        if (d.response() && d.rcode() != 0) sb.append(' ').append(rcode(d.rcode()));
        for (DnsMessage.Question q : d.questions()) {
            sb.append(' ').append(DnsTypes.typeName(q.type())).append(' ').append(q.name());
            if (mdns) sb.append((q.dnsClass() & 0x8000) != 0 ? ", \"QU\" question" : ", \"QM\" question"); // unicast-response bit
        }
        for (var list : java.util.List.of(d.answers(), d.authority(), d.additional())) {
            for (DnsMessage.Record r : list) sb.append(' ').append(DnsTypes.typeName(r.type())).append(record(r));
        }
        return sb.toString();
    }

    private static String record(DnsMessage.Record r) {
        return switch (r.type()) {
            case 1, 2, 5, 12, 28 -> " " + r.data(); // A, NS, CNAME, PTR, AAAA
            case 6 -> " " + r.data(); // SOA: the primary name server
            case 15 -> " " + number(r.details(), "preference") + " " + r.data(); // MX
            case 33 -> " " + number(r.details(), "priority") + " " + number(r.details(), "weight") + " "
                    + number(r.details(), "port") + " " + r.data(); // SRV
            default -> "";
        };
    }

    /** The value of "key=N" in a record's details. */
    private static String number(String details, String key) {
        for (String part : details.split(" ")) if (part.startsWith(key + "=")) return part.substring(key.length() + 1);
        return "?";
    }

    private static String opcode(int op) {
        return switch (op) {
            case 0 -> "Standard query";
            case 1 -> "Inverse query";
            case 2 -> "Server status request";
            case 4 -> "Zone change notification";
            case 5 -> "Dynamic update";
            default -> "Unknown operation (" + op + ")";
        };
    }

    private static String rcode(int rc) {
        return switch (rc) {
            case 1 -> "Format error";
            case 2 -> "Server failure";
            case 3 -> "No such name";
            case 4 -> "Not implemented";
            case 5 -> "Refused";
            case 6 -> "Name exists";
            case 7 -> "RRset exists";
            case 8 -> "RRset does not exist";
            case 9 -> "Not authoritative";
            case 10 -> "Name out of zone";
            default -> "Unknown error (" + rc + ")";
        };
    }
}
