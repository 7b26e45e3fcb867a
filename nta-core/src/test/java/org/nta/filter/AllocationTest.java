package org.nta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.nta.filter.TestFrames.*;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.nta.decode.Packet;

/** Evaluating packet-level fields allocates nothing once the buffers have grown to size. */
class AllocationTest {
    @Test
    void packetLevelEvaluationDoesNotAllocate() throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean, "no allocation counter in this JVM");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(), "allocation counting disabled");
        DisplayFilter f = DisplayFilter.compile("(ip.addr == 10.0.0.0/8 && tcp.port in {80, 443, 8000..8080}) || ipv6.addr == fe80::/10"
                + " || (tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.seq == 0) || eth.src[0:3] == 08:00:27"
                + " || frame contains \"GET /\" || frame.time_relative > 1.5 || ip.addr != 10.0.0.1", FieldRegistry.packetFields());
        FrameView v = new TestFrames().feed(tcpFrame("10.0.0.1", "10.0.0.2", 40000, 80, 1, 0, Packet.TCP_ACK,
                "POST /x HTTP/1.1\r\n".getBytes()), DisplayFilterTest.T0);
        boolean r = false;
        for (int i = 0; i < 20_000; i++) r ^= f.matches(v); // warm up: JIT and buffer growth
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 100_000; i++) r ^= f.matches(v);
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(r).isFalse(); // an even number of evaluations of the same result
        assertThat(allocated).as("bytes allocated by 100,000 evaluations").isLessThan(10_000);
    }
}
