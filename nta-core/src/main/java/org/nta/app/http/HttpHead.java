package org.nta.app.http;

import org.nta.event.HttpHeaders;

/** A parsed start line and header block, with the frame that delivered its first byte. */
record HttpHead(StartLine.Parsed start, HttpHeaders headers, long firstFrame, long firstTimeNs) {
    boolean isRequest() {
        return start.request();
    }

    String method() {
        return start.method();
    }

    int status() {
        return start.status();
    }
}
