package org.nta.detect.c2;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeSet;

/**
 * One client's contacts with one destination: an address and port, or a name (HTTP Host, TLS SNI, DNS name) whatever
 * addresses it resolved to. Holds the contacts and bounded samples of what they carried.
 */
final class BeaconSeries {
    /** How the destination is named, in the order series are preferred when two describe the same contacts. */
    enum Kind {
        HTTP_HOST("http_host"), TLS_SNI("tls_sni"), DNS_NAME("dns_name"), ADDRESS("address"), DNS_QUERY("dns_query");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    final String client;
    final Kind kind;
    /** The name, the server address for {@link Kind#ADDRESS}, the registered domain asked for {@link Kind#DNS_QUERY}. */
    final String destination;
    final String transport;
    /** Server port for address series, else the first port seen. */
    int port = -1;
    /** HTTP: the Host header as last sent (to recognise the next request of a kept-alive connection). */
    String rawHost = "";
    final Contacts contacts = new Contacts();
    long droppedContacts;
    final TreeSet<String> servers = new TreeSet<>();
    final LinkedHashSet<String> uris = new LinkedHashSet<>();
    final LinkedHashSet<String> userAgents = new LinkedHashSet<>();
    final LinkedHashSet<String> methods = new LinkedHashSet<>();
    /** Requests by client kind; {@code notBrowserShaped}: a browser's User-Agent without a browser's headers. */
    int browser, scripted, noUa, otherUa, requests, notBrowserShaped;
    /** Readable answer and request bodies by size (HTTP), a few each: the orders and results a beacon carried. */
    final Map<Long, Sample> answers = new LinkedHashMap<>();
    final Map<Long, Sample> bodies = new LinkedHashMap<>();

    /** For {@link Kind#DNS_QUERY}: what the lookups asked and were answered. */
    DnsPollFacts dns;

    record Sample(long frame, String text) {}

    BeaconSeries(String client, Kind kind, String destination, String transport) {
        this.client = client;
        this.kind = kind;
        this.destination = destination;
        this.transport = transport;
    }

    void server(String addr, int maxSamples) {
        if (servers.size() < maxSamples) servers.add(addr);
    }

    static <T> void sample(java.util.Collection<T> c, T v, int max) {
        if (v != null && c.size() < max) c.add(v);
    }
}
