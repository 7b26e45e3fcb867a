package org.nta.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nta.filter.AppFields;
import org.nta.filter.FieldRegistry;

/**
 * Whether a display filter or a list of fields names an application-layer field (one the parsers' events fill), so
 * that the command runs the parsers: any registered field that is not a packet field, so a new parser's fields need
 * no change here.
 */
final class AppNeed {
    private AppNeed() {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final FieldRegistry PACKET = FieldRegistry.packetFields();
    private static final FieldRegistry ALL = AppFields.all();
    private static final Pattern PROTOCOL_WORD = Pattern.compile("\\b(http|dns|tls|ssh)");

    static boolean of(String text) {
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            String n = m.group();
            while (n.endsWith(".")) n = n.substring(0, n.length() - 1);
            if (ALL.contains(n) && !PACKET.contains(n)) return true;
        }
        return PROTOCOL_WORD.matcher(text).find();
    }
}
