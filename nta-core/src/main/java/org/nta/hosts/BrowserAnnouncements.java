package org.nta.hosts;

import java.util.Set;

/**
 * What a NetBIOS browser host or local master announcement (MS-BRWS 2.2.1) says of its sender: roles from its server
 * type flags (SV_TYPE_*, MS-RAP 2.5.5.2.1) and an OS hint from its version. Samba sets the Unix server flag and
 * announces a Windows version of its own choosing, so a Unix server is not read as Windows.
 */
final class BrowserAnnouncements {
    private BrowserAnnouncements() {}

    private static final long UNIX = 0x800;
    private static final long[] FLAGS = {0x4, 0x8, 0x10, 0x20, 0x200, 0x400, 0x20000, 0x40000, 0x80000};
    private static final String[] ROLES = {"SQL server", "domain controller", "backup domain controller", "time server",
            "print server", "dial-in server", "backup browser", "master browser", "domain master browser"};

    /** Adds the roles the flags claim. */
    static void roles(long serverType, Set<String> out) {
        for (int i = 0; i < FLAGS.length; i++) if ((serverType & FLAGS[i]) != 0) out.add(ROLES[i]);
    }

    /** "Windows 10.0: 10, 11 or Server 2016 and later (NetBIOS browser version)", a Samba/Unix hint, or null for 0.0. */
    static String osHint(int major, int minor, long serverType) {
        if (major <= 0) return null;
        String version = major + "." + minor;
        if ((serverType & UNIX) != 0) return "Samba or another Unix SMB server (NetBIOS browser: Unix server type, version " + version + ")";
        String release = switch (major * 100 + minor) {
            case 400 -> "NT 4.0";
            case 500 -> "2000";
            case 501 -> "XP";
            case 502 -> "XP x64 or Server 2003";
            case 600 -> "Vista or Server 2008";
            case 601 -> "7 or Server 2008 R2";
            case 602 -> "8 or Server 2012";
            case 603 -> "8.1 or Server 2012 R2";
            case 1000 -> "10, 11 or Server 2016 and later";
            default -> null;
        };
        return "Windows " + version + (release == null ? "" : ": " + release) + " (NetBIOS browser version)";
    }
}
