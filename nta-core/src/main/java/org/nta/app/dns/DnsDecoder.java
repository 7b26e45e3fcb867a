package org.nta.app.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;
import org.nta.bytes.Bytes;
import org.nta.event.ConnInfo;
import org.nta.event.DnsMessage;

/**
 * Decodes one DNS message (a UDP payload, or one length-prefixed message from a TCP stream) into a
 * {@link DnsMessage}. Header counts are never trusted: sections are read while bytes remain, up to
 * {@link DnsConfig#maxRecords()} entries in all. A message that breaks off is still returned, with what was read
 * and {@code malformed} set. Each kind of problem is counted once per message. Not thread-safe (one per pipeline).
 */
public final class DnsDecoder {
    static final int HEADER = 12;

    private final DnsConfig config;
    private final AnomalyCounter anomalies;
    private final NameReader names;

    public DnsDecoder(DnsConfig config, AnomalyCounter anomalies) {
        this.config = config;
        this.anomalies = anomalies;
        this.names = new NameReader(config.maxPointerHops());
    }

    /**
     * @param b the message is b[off, off + len)
     * @return the message, or empty when fewer than 12 bytes were given (counted as {@code dns.malformed})
     */
    public Optional<DnsMessage> decode(byte[] b, int off, int len, ConnInfo conn, long frame, long timeNs) {
        if (len < HEADER) {
            anomalies.add(Anomaly.DNS_MALFORMED, frame);
            return Optional.empty();
        }
        int end = off + len;
        names.reset(b, off, end);
        int id = Bytes.u16(b, off), flags = Bytes.u16(b, off + 2);
        int[] counts = {Bytes.u16(b, off + 4), Bytes.u16(b, off + 6), Bytes.u16(b, off + 8), Bytes.u16(b, off + 10)};
        Sections s = new Sections(config.maxRecords());
        int pos = off + HEADER;
        int problems = 0;
        boolean broken = false;
        for (int i = 0; i < counts[0] && !broken; i++) {
            if (s.full()) {
                problems |= Problems.RECORD_LIMIT;
                break;
            }
            int after = names.read(pos);
            if (after < 0 || after + 4 > end) {
                broken = true;
                break;
            }
            s.questions.add(new DnsMessage.Question(names.text, Bytes.u16(b, after), Bytes.u16(b, after + 2)));
            pos = after + 4;
        }
        for (int section = 1; section <= 3 && !broken && !s.full(); section++) {
            List<DnsMessage.Record> into = section == 1 ? s.answers : section == 2 ? s.authority : s.additional;
            for (int i = 0; i < counts[section]; i++) {
                if (s.full()) {
                    problems |= Problems.RECORD_LIMIT;
                    break;
                }
                int after = names.read(pos);
                if (after < 0 || after + 10 > end) {
                    broken = true;
                    break;
                }
                String owner = names.text;
                int type = Bytes.u16(b, after), cls = Bytes.u16(b, after + 2);
                long ttl = Bytes.u32l(b, after + 4);
                int rdLen = Bytes.u16(b, after + 8), rd = after + 10;
                if (rd + rdLen > end) {
                    broken = true;
                    break;
                }
                Rdata r = Rdata.of(type, cls, ttl, b, rd, rdLen, names);
                if (r.malformed()) problems |= Problems.MALFORMED;
                into.add(new DnsMessage.Record(owner, type, cls, ttl, r.data(), r.details()));
                pos = rd + rdLen;
            }
        }
        if (s.full() && remainingCount(counts, s) > 0) problems |= Problems.RECORD_LIMIT;
        if (broken) problems |= Problems.MALFORMED;
        problems |= names.problems;
        Problems.count(problems, anomalies, frame);
        boolean malformed = (problems & Problems.MALFORMED) != 0;
        return Optional.of(new DnsMessage(frame, timeNs, conn, conn.transport(), (flags & 0x8000) != 0, id,
                (flags >> 11) & 0xf, flags & 0xf, flags, s.questions, s.answers, s.authority, s.additional,
                malformed));
    }

    private static int remainingCount(int[] counts, Sections s) {
        return counts[0] + counts[1] + counts[2] + counts[3] - s.size();
    }

    /** The four sections being filled, with the shared budget of entries. */
    private static final class Sections {
        final List<DnsMessage.Question> questions = new ArrayList<>();
        final List<DnsMessage.Record> answers = new ArrayList<>();
        final List<DnsMessage.Record> authority = new ArrayList<>();
        final List<DnsMessage.Record> additional = new ArrayList<>();
        final int max;

        Sections(int max) {
            this.max = max;
        }

        int size() {
            return questions.size() + answers.size() + authority.size() + additional.size();
        }

        boolean full() {
            return size() >= max;
        }
    }
}
