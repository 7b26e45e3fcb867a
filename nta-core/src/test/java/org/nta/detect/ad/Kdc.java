package org.nta.detect.ad;

import java.util.ArrayList;
import java.util.List;

import org.nta.detect.Detector;
import org.nta.detect.Finding;
import org.nta.event.ConnInfo;
import org.nta.event.Event;
import org.nta.event.HttpFileObject;
import org.nta.event.KerberosMessage;
import org.nta.event.SmbCommand;
import org.nta.event.TransferredFile;

/**
 * Builds Kerberos and SMB events as the parsers emit them: each Kerberos exchange on its own connection (a new
 * stream, as MIT kinit and impacket over TCP), frames two apart, 100 ms apart unless told otherwise.
 */
final class Kdc {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final String KDC = "10.0.0.10";
    long frame = 10;
    long ns = T0;
    int stream;
    final List<Event> events = new ArrayList<>();

    ConnInfo conn(String client, int port) {
        return new ConnInfo("tcp", stream++, 4, client, 40000 + stream, KDC, port);
    }

    private KerberosMessage msg(ConnInfo c, int type, List<String> cname, String spn, List<Integer> offered,
                                List<Integer> padata, int error, int preauth, int ticket, String hash, int mode) {
        frame += 2;
        ns += 100_000_000L;
        KerberosMessage k = new KerberosMessage(frame, ns, c, type, List.of(type), cname, null, List.of("LAB.LOCAL"),
                spn == null ? List.of() : List.of(spn.split("/")), spn, List.of(), offered, padata, error, preauth, ticket,
                -1, hash, mode);
        events.add(k);
        return k;
    }

    ConnInfo asReq(String client, String user, List<Integer> offered, boolean preauth) {
        ConnInfo c = conn(client, 88);
        msg(c, 10, List.of(user), "krbtgt/LAB.LOCAL", offered, preauth ? List.of(2, 149) : List.of(149), -1,
                preauth ? 18 : -1, -1, null, 0);
        return c;
    }

    void error(ConnInfo c, int code) {
        msg(c, 30, List.of(), "krbtgt/LAB.LOCAL", List.of(), List.of(), code, -1, -1, null, 0);
    }

    void asRep(ConnInfo c, String user, int etype) {
        msg(c, 11, List.of(user), "krbtgt/LAB.LOCAL", List.of(), List.of(), -1, -1, etype, "$krb5asrep$23$" + user + "@LAB.LOCAL:abc$def",
                18200);
    }

    ConnInfo tgsReq(String client, String spn, List<Integer> offered) {
        ConnInfo c = conn(client, 88);
        msg(c, 12, List.of(), spn, offered, List.of(1), -1, -1, -1, null, 0);
        return c;
    }

    void tgsRep(ConnInfo c, String user, String spn, int ticketEtype) {
        msg(c, 13, List.of(user), spn, List.of(), List.of(), -1, -1, ticketEtype,
                ticketEtype == 23 ? "$krb5tgs$23$*" + user + "$LAB.LOCAL$" + spn + "*$aa$bb" : null, ticketEtype == 23 ? 13100 : 0);
    }

    /** A normal MIT kinit: without pre-auth, PREAUTH_REQUIRED, with it, AS-REP (AES). */
    void kinit(String client, String user) {
        error(asReq(client, user, List.of(18, 17, 23), false), 25);
        asRep(asReq(client, user, List.of(18, 17, 23), true), user, 18);
    }

    void pause(long seconds) {
        ns += seconds * 1_000_000_000L;
    }

    // SMB

    SmbCommand smb(ConnInfo c, String command, String tree, String file, long status) {
        frame += 2;
        ns += 10_000_000L;
        SmbCommand s = new SmbCommand(c, 2, command.equals("CREATE") ? 5 : command.equals("WRITE") ? 9 : 3, command, frame, 1, 1,
                tree, file, frame - 1, ns - 1_000_000L, frame, ns, status, status == 0 ? "STATUS_SUCCESS" : "STATUS_ACCESS_DENIED",
                0, -1, -1, -1, -1, null, "LAB\\svc_sql", false);
        events.add(s);
        return s;
    }

    void file(ConnInfo c, String path, byte[] bytes) {
        frame += 2;
        ns += 10_000_000L;
        events.add(new TransferredFile(c, null, "smb2", "transfer", "WRITE", HttpFileObject.Direction.UPLOAD, path, frame,
                frame - 1, ns, bytes.length, "00", "application/octet-stream", null, bytes, false, false, "LAB\\svc_sql"));
    }

    /** Writes a file to a share: CREATE, WRITE, CLOSE and the rebuilt file. */
    void write(ConnInfo c, String share, String name, byte[] bytes) {
        String tree = "\\\\" + KDC + "\\" + share;
        smb(c, "CREATE", tree, name, 0);
        smb(c, "WRITE", tree, name, 0);
        smb(c, "CLOSE", tree, name, 0);
        file(c, tree + "\\" + name, bytes);
    }

    void svcctl(ConnInfo c) {
        smb(c, "CREATE", "\\\\" + KDC + "\\IPC$", "svcctl", 0);
    }

    static byte[] pe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        return b;
    }

    List<Finding> run(Detector d) {
        for (Event e : events) d.onEvent(e);
        return d.finish();
    }
}
