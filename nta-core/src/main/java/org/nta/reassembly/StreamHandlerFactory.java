package org.nta.reassembly;

import org.nta.event.ConnInfo;
import org.nta.flow.Flow;

/** Makes the handler of a new TCP connection's byte streams (or null when nobody wants them). */
public interface StreamHandlerFactory {
    StreamHandler create(Flow flow, ConnInfo conn);
}
