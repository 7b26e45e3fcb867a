package org.nta.detect.c2;

import java.util.Locale;

import org.nta.detect.web.ToolCategory;
import org.nta.detect.web.UserAgentCatalog;

/**
 * What kind of program sent an HTTP request, from its User-Agent: a mainstream browser, a scripted client or
 * downloader (curl, wget, PowerShell, certutil, BITS, Python, Go, Java …), none at all, or something else.
 */
public enum ClientKind {
    BROWSER("browser"), SCRIPTED("scripted"), NONE("none"), OTHER("other");

    private final String id;

    ClientKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Classifies one User-Agent (null or blank: {@link #NONE}). */
    public static ClientKind of(String ua, UserAgentCatalog catalog) {
        if (ua == null || ua.isBlank()) return NONE;
        if (scriptedTool(ua) != null) return SCRIPTED;
        UserAgentCatalog.ToolMatch m = catalog.match(ua);
        if (m != null) return m.category() == ToolCategory.SCRIPT ? SCRIPTED : OTHER;
        return catalog.isBrowser(ua) ? BROWSER : OTHER;
    }

    /** The downloader a User-Agent names when the web catalog does not (Windows' own transfer tools), or null. */
    public static String scriptedTool(String ua) {
        String u = ua.toLowerCase(Locale.ROOT);
        if (u.startsWith("microsoft-cryptoapi/")) return "certutil";
        if (u.startsWith("microsoft bits/")) return "bitsadmin";
        if (u.contains("windowspowershell/") || u.startsWith("powershell")) return "powershell";
        if (u.startsWith("curl/")) return "curl";
        if (u.startsWith("wget/")) return "wget";
        if (u.startsWith("python") || u.contains("python-requests") || u.contains("aiohttp/")) return "python";
        return null;
    }
}
