package org.nta.engine;

import org.nta.decode.DecoderConfig;
import org.nta.flow.FlowConfig;
import org.nta.reassembly.ReassemblyConfig;

/** Every limit of the pipeline in one record; the CLI fills it from options, the engine builds the stages from it. */
public record EngineConfig(DecoderConfig decoder, FlowConfig flows, ReassemblyConfig reassembly, boolean hashFile) {
    public static final EngineConfig DEFAULTS = new EngineConfig(DecoderConfig.DEFAULTS, FlowConfig.DEFAULTS,
            ReassemblyConfig.DEFAULTS, false);

    public EngineConfig withHash(boolean hash) {
        return new EngineConfig(decoder, flows, reassembly, hash);
    }

    public EngineConfig withReassembly(ReassemblyConfig r) {
        return new EngineConfig(decoder, flows, r, hashFile);
    }
}
