package org.nta.flow;

/** Told when a flow is released: it ended and its grace period passed, its stream was reused, or the capture ended. */
public interface FlowListener {
    void flowEnded(Flow flow);
}
