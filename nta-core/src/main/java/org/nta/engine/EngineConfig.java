package org.nta.engine;

import org.nta.decode.DecoderConfig;
import org.nta.flow.FlowConfig;

/** Every limit of the pipeline in one record; the CLI fills it from options, the engine builds the stages from it. */
public record EngineConfig(DecoderConfig decoder, FlowConfig flows, boolean hashFile) {
    public static final EngineConfig DEFAULTS = new EngineConfig(DecoderConfig.DEFAULTS, FlowConfig.DEFAULTS, false);

    public EngineConfig withHash(boolean hash) {
        return new EngineConfig(decoder, flows, hash);
    }
}
