package org.nta.detect.c2;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a client's lookups under one registered domain held, for a series of DNS queries: record types, the names
 * asked, what the answers said (idle answers, orders) and whether anything was ever done with an answered address.
 */
final class DnsPollFacts {
    /** Distinct names and answers told apart per series, at most (beyond: counted as new). */
    static final int MAX_DISTINCT = 256;

    final TreeMap<Integer, Integer> qtypes = new TreeMap<>();
    final Set<String> names = new HashSet<>();
    final LinkedHashSet<String> sampleNames = new LinkedHashSet<>();
    int uniqueNames, responses, nxdomain;
    /** Answers with an address no one connects to (0.0.0.0/8, 127.0.0.0/8, ::, ::1), and with TXT, NULL or private-type data. */
    int sentinelAnswers, dataAnswers, addressAnswers;
    /** Per question asked (type and name), its answers by what they said, with the first time and frame of each. */
    final Map<String, Map<String, Answer>> answers = new HashMap<>();
    int answersNotTold;
    /** Answers carrying data (TXT, NULL, private types) by what they said: the first few, to show. */
    final java.util.List<Answer> dataSamples = new java.util.ArrayList<>();
    /** Queries whose names carry data (a long label that reads as encoded), and the time of the last one. */
    int dataNames;
    long dataNameBytes, lastDataNameNs = Long.MIN_VALUE, firstDataNameFrame = -1;
    /** Routable addresses the answers gave (a few), and whether the client ever opened a flow to one of them. */
    final Set<String> answered = new LinkedHashSet<>();
    boolean used;

    /** The encoded labels of the names that carried data, in the order asked (up to {@link #MAX_RESULT_CHARS}). */
    final StringBuilder results = new StringBuilder();
    Encodings.Kind resultKind;
    static final int MAX_RESULT_CHARS = 16_384;

    static final class Answer {
        final String text;
        final long firstNs, firstFrame;
        int count;
        /** Readable text the answer's data decodes to (base64 in a TXT record), or null. */
        String decoded;

        Answer(String text, long firstNs, long firstFrame) {
            this.text = text;
            this.firstNs = firstNs;
            this.firstFrame = firstFrame;
        }
    }

    void qtype(int t) {
        qtypes.merge(t, 1, Integer::sum);
    }

    /** Counts a name; true when it was not asked before (or can no longer be told apart). */
    boolean name(String sub) {
        if (names.size() >= MAX_DISTINCT) {
            uniqueNames++;
            return true;
        }
        if (names.add(sub)) {
            uniqueNames++;
            if (sampleNames.size() < 8) sampleNames.add(sub);
            return true;
        }
        return false;
    }

    /** Keeps the data labels of a name that carried data, when they share the first such name's alphabet. */
    void result(String sub) {
        for (String label : sub.split("\\.")) {
            if (label.length() < 12) continue;
            Encodings.Kind k = Encodings.classify(label);
            if (k == Encodings.Kind.PLAIN || k == Encodings.Kind.BINARY) continue;
            if (resultKind == null) resultKind = k;
            if (k != resultKind && !(resultKind == Encodings.Kind.HEX && k == Encodings.Kind.BASE32)) continue;
            if (results.length() + label.length() <= MAX_RESULT_CHARS) results.append(label);
        }
    }

    /** What the kept data labels decode to, or null. */
    byte[] decodedResults() {
        if (results.length() == 0 || resultKind == null) return null;
        return Encodings.decode(results.toString(), resultKind);
    }

    void answer(String question, String signature, long t, long frame) {
        Map<String, Answer> byText = answers.get(question);
        if (byText == null) {
            if (answers.size() >= MAX_DISTINCT) {
                answersNotTold++;
                return;
            }
            answers.put(question, byText = new HashMap<>(4));
        }
        Answer a = byText.get(signature);
        if (a == null) {
            if (byText.size() >= 16) {
                answersNotTold++;
                return;
            }
            byText.put(signature, a = new Answer(question + " → " + signature, t, frame));
        }
        a.count++;
    }

    /**
     * Orders: the answers to a question asked at least {@code minAsked} times that differ from its usual (most frequent)
     * answer, in the order they were first given. A poll whose answer changes is being told something.
     */
    java.util.List<Answer> orders(int minAsked) {
        java.util.List<Answer> out = new java.util.ArrayList<>();
        for (Map<String, Answer> byText : answers.values()) {
            int asked = 0;
            Answer usual = null;
            for (Answer a : byText.values()) {
                asked += a.count;
                if (usual == null || a.count > usual.count || a.count == usual.count && a.firstFrame < usual.firstFrame) usual = a;
            }
            if (asked < minAsked) continue;
            for (Answer a : byText.values()) if (a != usual) out.add(a);
        }
        out.sort((x, y) -> Long.compare(x.firstFrame, y.firstFrame));
        return out;
    }
}
