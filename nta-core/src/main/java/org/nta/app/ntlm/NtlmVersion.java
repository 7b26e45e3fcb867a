package org.nta.app.ntlm;

/**
 * The VERSION field of an NTLMSSP message ([MS-NLMP] 2.2.2.10): the sender's Windows version and build.
 *
 * @param revision the NTLMSSP revision (15 today)
 */
public record NtlmVersion(int major, int minor, int build, int revision) {
    /** As Wireshark prints it: {@code 10.0.19041}. */
    @Override
    public String toString() {
        return major + "." + minor + "." + build;
    }

    /** The Windows release this version number names, for people ("Windows 10 / Server 2016-2022"), or null. */
    public String osName() {
        return switch (major * 100 + minor) {
            case 1000 -> build >= 22000 ? "Windows 11 / Server 2022+" : "Windows 10 / Server 2016-2019";
            case 603 -> "Windows 8.1 / Server 2012 R2";
            case 602 -> "Windows 8 / Server 2012";
            case 601 -> "Windows 7 / Server 2008 R2";
            case 600 -> "Windows Vista / Server 2008";
            case 502 -> "Windows XP x64 / Server 2003";
            case 501 -> "Windows XP";
            default -> null;
        };
    }
}
