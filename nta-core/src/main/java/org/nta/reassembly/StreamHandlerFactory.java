package org.nta.reassembly;

import org.nta.event.ConnInfo;
import org.nta.flow.Flow;

/** Makes the handler of a new TCP connection's byte streams (or null when nobody wants them). */
public interface StreamHandlerFactory {
    StreamHandler create(Flow flow, ConnInfo conn);

    /** What tells the client from the server by content when no handshake was seen, or null (the ports decide). */
    default Opener opener() {
        return null;
    }

    /** {@code factory} with {@code opener} telling the roles apart by content. */
    static StreamHandlerFactory withOpener(StreamHandlerFactory factory, Opener opener) {
        return new StreamHandlerFactory() {
            @Override
            public StreamHandler create(Flow flow, ConnInfo conn) {
                return factory.create(flow, conn);
            }

            @Override
            public Opener opener() {
                return opener;
            }
        };
    }
}
