package org.nta.app;

import org.nta.app.ftp.FtpConfig;
import org.nta.app.http.HttpConfig;
import org.nta.app.mail.MailConfig;
import org.nta.app.telnet.TelnetConfig;

/**
 * Which application parsers run and their limits.
 *
 * @param http          parse HTTP/1.x (detected by content on any port)
 * @param opaque        keep unrecognised TCP streams' opening bytes for detectors (interactive shells)
 * @param detectBytes   bytes of a direction looked at before a connection is declared unrecognised
 * @param searchBytes   bytes of a connection picked up without its handshake (or missing bytes before it was
 *                      recognised) held while its lines are searched for an HTTP request or status line; past them
 *                      it is unrecognised
 * @param searchMemcap  bytes held that way across all connections; a connection that would go beyond stops
 *                      searching, counted as {@code app.search_memcap_reached}
 * @param ldap          parse LDAP (detected by content on any TCP port)
 * @param snmp          parse SNMP v1/v2c datagrams on UDP 161/162
 * @param ftp           FTP control and data connections parsed with these limits, or null: not parsed
 * @param telnet        Telnet parsed with these limits, or null: not parsed
 * @param mail          limits of the SMTP, POP3 and IMAP parsers, or null to leave mail unparsed
 * @param win           the Windows-network parsers (SMB, Kerberos, DHCP, NBNS, NetBIOS datagrams); {@link WinConfig#OFF} unless asked for
 */
public record AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                        int detectBytes, int searchBytes, long searchMemcap, boolean ldap, boolean snmp, FtpConfig ftp,
                        TelnetConfig telnet, MailConfig mail, WinConfig win) {
    public static final int SEARCH_BYTES = 64 << 10;
    public static final long SEARCH_MEMCAP = 32L << 20;

    public AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                     int detectBytes) {
        this(http, httpConfig, tls, ssh, dns, opaque, detectBytes, SEARCH_BYTES, SEARCH_MEMCAP);
    }

    /** Without the office and Windows parsers (as before they were parsed). */
    public AppConfig(boolean http, HttpConfig httpConfig, boolean tls, boolean ssh, boolean dns, boolean opaque,
                     int detectBytes, int searchBytes, long searchMemcap) {
        this(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, false, false, null, null,
                null, WinConfig.OFF);
    }

    public AppConfig {
        if (win == null) win = WinConfig.OFF;
    }

    public static AppConfig all() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), true, true, true, true, 64, SEARCH_BYTES,
                SEARCH_MEMCAP, true, true, FtpConfig.DEFAULTS, TelnetConfig.DEFAULTS, MailConfig.DEFAULTS, WinConfig.ALL);
    }

    public static AppConfig httpOnly() {
        return new AppConfig(true, HttpConfig.defaults().withMaxFileBytes(0), false, false, false, false, 64);
    }

    public AppConfig withHttp(HttpConfig c) {
        return new AppConfig(http, c, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, ldap, snmp, ftp,
                telnet, mail, win);
    }

    /** The same with FTP parsed under {@code c} (null: not parsed). */
    public AppConfig withFtp(FtpConfig c) {
        return new AppConfig(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, ldap, snmp,
                c, telnet, mail, win);
    }

    /** The same with Telnet parsed under {@code c} (null: not parsed). */
    public AppConfig withTelnet(TelnetConfig c) {
        return new AppConfig(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, ldap, snmp,
                ftp, c, mail, win);
    }

    /** The same with mail parsed under {@code c} (null: not parsed). */
    public AppConfig withMail(MailConfig c) {
        return new AppConfig(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, ldap, snmp,
                ftp, telnet, c, win);
    }

    /** The same with the Windows-network parsers under {@code w}. */
    public AppConfig withWin(WinConfig w) {
        return new AppConfig(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, ldap, snmp,
                ftp, telnet, mail, w);
    }

    /** The same with LDAP and SNMP parsed or not. */
    public AppConfig withDirectory(boolean ldap, boolean snmp) {
        return new AppConfig(http, httpConfig, tls, ssh, dns, opaque, detectBytes, searchBytes, searchMemcap, ldap, snmp,
                ftp, telnet, mail, win);
    }
}
