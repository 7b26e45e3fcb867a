package org.nta.event;

/** A decoded name/value pair: query parameter, form field or cookie. A parameter without '=' has value "". */
public record HttpParam(String name, String value) {
}
