package org.nta.detect.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads JSON request bodies. The mapper is made on the first one: most captures have none, and it is slow to set up. */
final class JsonBodies {
    private JsonBodies() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The body's tree; throws when it is not JSON. */
    static JsonNode read(String text) throws JsonProcessingException {
        return Holder.MAPPER.readTree(text);
    }
}
