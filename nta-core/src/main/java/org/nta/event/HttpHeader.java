package org.nta.event;

/** One header line as sent: name with its original case, value with surrounding whitespace removed. */
public record HttpHeader(String name, String value) {
}
