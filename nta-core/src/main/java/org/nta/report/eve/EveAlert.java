package org.nta.report.eve;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.nta.detect.Finding;
import org.nta.report.Json;

/** The {@code alert} object of a finding (its stable signature, ATT&CK ids) and NTA's evidence under {@code nta}. */
final class EveAlert {
    private static final ObjectWriter VALUES = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private EveAlert() {}

    /** @param index the finding's position in the analysis (its index in analyze --json's findings) */
    static void write(JsonGenerator g, int index, Finding f) throws IOException {
        EveSignatures.Signature sig = EveSignatures.of(f.type());
        g.writeObjectFieldStart("alert");
        g.writeStringField("action", "allowed");
        g.writeNumberField("gid", 1);
        g.writeNumberField("signature_id", sig.sid());
        g.writeNumberField("rev", 1);
        g.writeStringField("signature", sig.title());
        g.writeStringField("category", sig.category());
        g.writeNumberField("severity", EveSignatures.severity(f.severity()));
        g.writeObjectFieldStart("metadata");
        if (!f.techniques().isEmpty()) {
            g.writeArrayFieldStart("mitre_technique_id");
            for (String id : f.techniques()) g.writeString(id);
            g.writeEndArray();
        }
        g.writeArrayFieldStart("nta_phase");
        g.writeString(f.phase().id());
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("nta");
        g.writeNumberField("finding", index);
        g.writeStringField("type", f.type().id());
        g.writeStringField("severity", f.severity().id());
        g.writeStringField("summary", f.summary());
        g.writeNumberField("first_frame", f.firstFrame());
        g.writeNumberField("last_frame", f.lastFrame());
        g.writeStringField("first_time", EveTime.format(f.firstTimeNs()));
        g.writeStringField("last_time", EveTime.format(f.lastTimeNs()));
        g.writeFieldName("streams");
        VALUES.writeValue(g, f.streams());
        g.writeNumberField("stream_count", f.streamCount());
        g.writeStringField("filter", f.filter());
        if (f.succeeded() != null) g.writeBooleanField("succeeded", f.succeeded());
        g.writeFieldName("evidence");
        VALUES.writeValue(g, f.evidence());
        g.writeEndObject();
    }
}
