package org.nta.app.http;

/** Receives decoded bytes; returns false to make the producer stop (a limit was reached). */
interface ByteSink {
    boolean accept(byte[] b, int off, int len);
}
