package org.nta.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Where a comparison's values come from: a field, or a slice, function or bitwise-and of one. Each source owns
 * the scratch buffers it needs, so loading does not allocate for packet-level fields.
 */
abstract class Source {
    final FieldType type;

    Source(FieldType type) {
        this.type = type;
    }

    abstract void load(FrameView v, Values out);

    /** Whether values of this source can be read as bytes (contains, matches, slices, len). */
    boolean bytesCapable() {
        return switch (type) {
            case BYTES, STRING, ETHER, IPV4, IPV6 -> true;
            default -> false;
        };
    }

    /** Appends value {@code i} of {@code in}, which has type {@code t}, to {@code out} as a byte string. */
    static void appendAsBytes(FieldType t, Values in, int i, Values out) {
        switch (t) {
            case ETHER -> out.addBytesOf(in.longAt(i), 6);
            case IPV4 -> out.addBytesOf(in.longAt(i), 4);
            case IPV6 -> out.addBytesOf(in.highAt(i), in.longAt(i));
            case STRING -> {
                byte[] b = in.stringAt(i).getBytes(StandardCharsets.UTF_8);
                out.addBytes(b, 0, b.length);
            }
            default -> {
                if (in.hasBytes(i)) out.addBytes(in.bytesArray(i), in.bytesOffset(i), in.bytesLength(i));
            }
        }
    }

    static final class FieldSource extends Source {
        final Field field;
        private final Extractor extractor;

        FieldSource(Field field) {
            super(field.type());
            this.field = field;
            this.extractor = field.extractor();
        }

        @Override
        void load(FrameView v, Values out) {
            extractor.extract(v, out);
        }

        @Override
        boolean bytesCapable() {
            return field.type() == FieldType.PROTOCOL ? field.bytes() : super.bytesCapable();
        }
    }

    /** {@code base[ranges]}: byte strings; a range outside a value gives no value. */
    static final class SliceSource extends Source {
        private final Source base;
        private final int[] offsets, lengths;
        private final Values raw = new Values();
        private final Values asBytes = new Values();

        SliceSource(Source base, List<Ast.Range> ranges) {
            super(FieldType.BYTES);
            this.base = base;
            this.offsets = new int[ranges.size()];
            this.lengths = new int[ranges.size()];
            for (int k = 0; k < ranges.size(); k++) {
                offsets[k] = ranges.get(k).offset();
                lengths[k] = ranges.get(k).length();
            }
        }

        @Override
        void load(FrameView v, Values out) {
            raw.clear();
            asBytes.clear();
            base.load(v, raw);
            for (int i = 0; i < raw.size(); i++) appendAsBytes(base.type, raw, i, asBytes);
            for (int i = 0; i < asBytes.size(); i++) {
                byte[] b = asBytes.bytesArray(i);
                int off = asBytes.bytesOffset(i), len = asBytes.bytesLength(i);
                if (offsets.length == 1) {
                    int s = start(0, len), n = count(0, len, s);
                    if (s >= 0 && n > 0) out.addBytes(b, off + s, n);
                    continue;
                }
                int total = 0;
                boolean ok = true;
                for (int k = 0; k < offsets.length && ok; k++) {
                    int s = start(k, len), n = count(k, len, s);
                    if (s < 0 || n <= 0) ok = false;
                    else total += n;
                }
                if (!ok) continue;
                byte[] joined = new byte[total];
                int at = 0;
                for (int k = 0; k < offsets.length; k++) {
                    int s = start(k, len), n = count(k, len, s);
                    System.arraycopy(b, off + s, joined, at, n);
                    at += n;
                }
                out.addBytes(joined, 0, total);
            }
        }

        private int start(int k, int len) {
            int s = offsets[k] < 0 ? len + offsets[k] : offsets[k];
            return s < 0 || s >= len ? -1 : s;
        }

        private int count(int k, int len, int s) {
            if (s < 0) return 0;
            if (lengths[k] < 0) return len - s;
            return s + lengths[k] <= len ? lengths[k] : 0;
        }
    }

    /** len(x): bytes of each value. */
    static final class LenSource extends Source {
        private final Source base;
        private final Values raw = new Values();

        LenSource(Source base) {
            super(FieldType.UINT);
            this.base = base;
        }

        @Override
        void load(FrameView v, Values out) {
            raw.clear();
            base.load(v, raw);
            for (int i = 0; i < raw.size(); i++) {
                switch (base.type) {
                    case ETHER -> out.add(6);
                    case IPV4 -> out.add(4);
                    case IPV6 -> out.add(16);
                    case STRING -> out.add(raw.stringAt(i).getBytes(StandardCharsets.UTF_8).length);
                    default -> {
                        if (raw.hasBytes(i)) out.add(raw.bytesLength(i));
                    }
                }
            }
        }
    }

    /** count(field): how many times the field occurs; no value when it does not. */
    static final class CountSource extends Source {
        private final Source base;
        private final Values raw = new Values();

        CountSource(Source base) {
            super(FieldType.UINT);
            this.base = base;
        }

        @Override
        void load(FrameView v, Values out) {
            raw.clear();
            base.load(v, raw);
            if (!raw.isEmpty()) out.add(raw.size());
        }
    }

    /** lower(s) and upper(s). */
    static final class CaseSource extends Source {
        private final Source base;
        private final boolean upper;
        private final Values raw = new Values();

        CaseSource(Source base, boolean upper) {
            super(FieldType.STRING);
            this.base = base;
            this.upper = upper;
        }

        @Override
        void load(FrameView v, Values out) {
            raw.clear();
            base.load(v, raw);
            for (int i = 0; i < raw.size(); i++) {
                String s = raw.stringAt(i);
                out.addString(upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** {@code field & mask}. */
    static final class BitAndSource extends Source {
        private final Source base;
        private final long mask;
        private final Values raw = new Values();

        BitAndSource(Source base, long mask) {
            super(FieldType.UINT);
            this.base = base;
            this.mask = mask;
        }

        @Override
        void load(FrameView v, Values out) {
            raw.clear();
            base.load(v, raw);
            for (int i = 0; i < raw.size(); i++) out.add(raw.longAt(i) & mask);
        }
    }
}
