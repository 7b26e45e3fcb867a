package org.nta.app;

import org.nta.app.smb.SmbConfig;

/**
 * Which parsers of the Windows-network protocols run, and their limits.
 *
 * @param smb       SMB1/SMB2/3 over NBSS (TCP 445 and 139, recognised by content on any port)
 * @param smbConfig SMB limits
 * @param kerberos  Kerberos 5 over UDP and TCP 88
 * @param dhcp      DHCPv4 (UDP 67/68) and DHCPv6 (UDP 546/547)
 * @param nbns      NetBIOS name service (UDP 137)
 * @param nbdgm     NetBIOS datagram service and the browser announcements it carries (UDP 138)
 */
public record WinConfig(boolean smb, SmbConfig smbConfig, boolean kerberos, boolean dhcp, boolean nbns, boolean nbdgm) {
    public static final WinConfig ALL = new WinConfig(true, SmbConfig.DEFAULTS, true, true, true, true);
    public static final WinConfig OFF = new WinConfig(false, SmbConfig.DEFAULTS, false, false, false, false);
}
