package org.nta.detect.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.nta.event.HttpRequest;

/**
 * Sessions of one client with one server by one agent (a tool or a User-Agent string), bounded: the least recently
 * used session is dropped beyond the cap and the drop is counted. A request whose User-Agent itself carries an
 * attack payload (a JNDI string, a script tag) does not name an agent: it belongs to the session of the client's
 * previous request to that server.
 *
 * @param <S> the per-session state a detector keeps
 */
final class Sessions<S> {
    /**
     * Keys of strings the events already hold: no text is built or hashed again per request. Their equals and
     * hashCode are written out: a record's are linked at run time through method handles, which ran here as
     * interpreted code for the whole of a run (Sessions.agent was never compiled when the class came from the
     * launcher's class-data archive: a fifth of the detector thread's time on the load capture).
     */
    private static final class Pair {
        final String client, server;

        Pair(String client, String server) {
            this.client = client;
            this.server = server;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && Objects.equals(client, p.client) && Objects.equals(server, p.server);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(client) * 31 + Objects.hashCode(server);
        }
    }

    private static final class Key {
        final String client, server, agent;

        Key(String client, String server, String agent) {
            this.client = client;
            this.server = server;
            this.agent = agent;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(client, k.client) && Objects.equals(server, k.server)
                    && Objects.equals(agent, k.agent);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(client) * 31 + Objects.hashCode(server)) * 31 + Objects.hashCode(agent);
        }
    }

    private final LinkedHashMap<Key, S> sessions;
    private final LinkedHashMap<Pair, String> lastAgent;
    private final UserAgentCatalog catalog;
    private final java.util.HashMap<String, String> labels = new java.util.HashMap<>();
    private long dropped;

    Sessions(int cap, UserAgentCatalog catalog) {
        this.catalog = catalog;
        this.sessions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, S> e) {
                if (size() <= cap) return false;
                dropped++;
                return true;
            }
        };
        this.lastAgent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Pair, String> e) {
                return size() > cap;
            }
        };
    }

    /** The agent of a request: the tool its User-Agent names, else the User-Agent as sent ("" when absent). */
    String agent(HttpRequest r, RequestInspector.Inspection in) {
        Pair pair = new Pair(r.conn().clientAddr(), r.conn().serverAddr());
        boolean payloadUa = false;
        for (RequestInspector.Hit h : in.hits()) {
            if (h.location().equals("header") && "User-Agent".equalsIgnoreCase(h.parameter())) payloadUa = true;
        }
        String agent;
        if (payloadUa) {
            String prev = lastAgent.get(pair);
            agent = prev != null ? prev : "ua:" + Evidence.clip(r.userAgent(), 200);
        } else {
            agent = label(r.userAgent());
            lastAgent.put(pair, agent);
        }
        return agent;
    }

    /** The agent a User-Agent names, remembered for the User-Agents seen most (a capture repeats a handful). */
    private String label(String userAgent) {
        String ua = userAgent == null ? "" : userAgent;
        String label = labels.get(ua);
        if (label == null) {
            UserAgentCatalog.ToolMatch t = catalog.match(userAgent);
            label = t != null ? "tool:" + t.tool() : "ua:" + Evidence.clip(ua, 200);
            if (labels.size() < 4096) labels.put(ua, label);
        }
        return label;
    }

    /** The session of client, server and agent, created by {@code make} when new. */
    S get(HttpRequest r, String agent, Function<String, S> make) {
        return sessions.computeIfAbsent(new Key(r.conn().clientAddr(), r.conn().serverAddr(), agent), k -> make.apply(agent));
    }

    Collection<S> all() {
        return sessions.values();
    }

    long dropped() {
        return dropped;
    }
}
