package org.nta.filter;

import static org.nta.filter.FieldType.BOOLEAN;
import static org.nta.filter.FieldType.STRING;
import static org.nta.filter.FieldType.UINT;

import org.nta.decode.Proto;
import org.nta.event.FtpRequest;
import org.nta.event.FtpResponse;

/**
 * FTP and Telnet display-filter fields with Wireshark's names. {@code ftp}, {@code ftp-data} and {@code telnet} are
 * the frames with payload of a connection recognised as such. A command or reply is on the frame that ends it (for
 * a multi-line reply, its last line); as in Wireshark, {@code ftp.request} and {@code ftp.response} are present on
 * both (true on one, false on the other), so {@code ftp.request == 1} selects the commands.
 */
public final class FtpFields {
    private FtpFields() {}

    public static FieldRegistry register(FieldRegistry r) {
        r.registerProtocol("ftp", v -> v.flow() != null && v.flow().app == Proto.FTP && v.packet().payloadLen > 0);
        r.registerProtocol("ftp-data", v -> v.flow() != null && v.flow().app == Proto.FTP_DATA && v.packet().payloadLen > 0);
        r.register("ftp.request", BOOLEAN, (v, out) -> {
            for (var e : v.events()) {
                if (e instanceof FtpRequest) out.add(true);
                else if (e instanceof FtpResponse) out.add(false);
            }
        });
        r.register("ftp.response", BOOLEAN, (v, out) -> {
            for (var e : v.events()) {
                if (e instanceof FtpResponse) out.add(true);
                else if (e instanceof FtpRequest) out.add(false);
            }
        });
        r.registerEventField("ftp.request.command", STRING, FtpRequest.class, (e, out) -> out.addString(e.command()));
        r.registerEventField("ftp.request.arg", STRING, FtpRequest.class, (e, out) -> {
            if (!e.arg().isEmpty()) out.addString(e.arg());
        });
        r.registerEventField("ftp.response.code", UINT, FtpResponse.class, (e, out) -> {
            if (e.code() >= 0) out.add(e.code());
        });
        r.registerEventField("ftp.response.arg", STRING, FtpResponse.class, (e, out) -> {
            if (!e.arg().isEmpty()) out.addString(e.arg());
        });
        r.registerProtocol("telnet", v -> v.flow() != null && v.flow().app == Proto.TELNET && v.packet().payloadLen > 0);
        return r;
    }
}
