package org.nta.detect.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final LinkedHashMap<String, S> sessions;
    private final LinkedHashMap<String, String> lastAgent;
    private final UserAgentCatalog catalog;
    private long dropped;

    Sessions(int cap, UserAgentCatalog catalog) {
        this.catalog = catalog;
        this.sessions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, S> e) {
                if (size() <= cap) return false;
                dropped++;
                return true;
            }
        };
        this.lastAgent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> e) {
                return size() > cap;
            }
        };
    }

    /** The agent of a request: the tool its User-Agent names, else the User-Agent as sent ("" when absent). */
    String agent(HttpRequest r, RequestInspector.Inspection in) {
        String pair = r.conn().clientAddr() + " " + r.conn().serverAddr();
        boolean payloadUa = false;
        for (RequestInspector.Hit h : in.hits()) {
            if (h.location().equals("header") && "User-Agent".equalsIgnoreCase(h.parameter())) payloadUa = true;
        }
        String agent;
        if (payloadUa) {
            String prev = lastAgent.get(pair);
            agent = prev != null ? prev : "ua:" + Evidence.clip(r.userAgent(), 200);
        } else {
            UserAgentCatalog.ToolMatch t = catalog.match(r.userAgent());
            agent = t != null ? "tool:" + t.tool() : "ua:" + (r.userAgent() == null ? "" : Evidence.clip(r.userAgent(), 200));
            lastAgent.put(pair, agent);
        }
        return agent;
    }

    /** The session of client, server and agent, created by {@code make} when new. */
    S get(HttpRequest r, String agent, Function<String, S> make) {
        String key = r.conn().clientAddr() + " " + r.conn().serverAddr() + " " + agent;
        return sessions.computeIfAbsent(key, make);
    }

    Collection<S> all() {
        return sessions.values();
    }

    long dropped() {
        return dropped;
    }
}
