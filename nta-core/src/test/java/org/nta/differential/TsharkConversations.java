package org.nta.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the tables of {@code tshark -z conv,tcp -z conv,udp} (Wireshark 4.0's ui/cli/tap-iousers.c format). */
final class TsharkConversations {
    /** One row as tshark prints it: B→A ("<-") first, then A→B ("->"). */
    record Row(String type, String a, String b, long framesBA, String bytesBA, long framesAB, String bytesAB,
               String relStart, String duration) {
        String key() {
            return type + " " + a + " <-> " + b + " <-" + framesBA + "/" + bytesBA + " ->" + framesAB + "/" + bytesAB
                    + " start " + relStart + " dur " + duration;
        }
    }

    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+<->\\s+(\\S+)\\s+(\\d+)\\s+(\\d+ \\S+)\\s+(\\d+)\\s+(\\d+ \\S+)\\s+(\\d+)\\s+(\\d+ \\S+)\\s+(-?\\d+\\.\\d+)\\s+(-?\\d+\\.\\d+)\\s*$");

    private TsharkConversations() {}

    static List<Row> parse(String output) {
        List<Row> rows = new ArrayList<>();
        String type = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("TCP Conversations")) type = "tcp";
            else if (line.startsWith("UDP Conversations")) type = "udp";
            else if (line.startsWith("====")) continue;
            else if (type != null) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.add(new Row(type, m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4),
                            Long.parseLong(m.group(5)), m.group(6), m.group(9), m.group(10)));
                }
            }
        }
        return rows;
    }
}
