package org.nta.filter;

/**
 * A compiled display filter: a tree of nodes evaluated against one frame at a time. Nodes own the buffers they
 * fill, so evaluation does not allocate for packet-level fields; a tree must therefore be used by one thread.
 */
abstract class Node {
    abstract boolean eval(FrameView v);

    static final class And extends Node {
        private final Node left, right;

        And(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(FrameView v) {
            return left.eval(v) && right.eval(v);
        }
    }

    static final class Or extends Node {
        private final Node left, right;

        Or(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean eval(FrameView v) {
            return left.eval(v) || right.eval(v);
        }
    }

    static final class Not extends Node {
        private final Node inner;

        Not(Node inner) {
            this.inner = inner;
        }

        @Override
        boolean eval(FrameView v) {
            return !inner.eval(v);
        }
    }

    /** A field or protocol name alone: true when it occurs in the frame, whatever its value. */
    static final class Exists extends Node {
        private final Source source;
        private final Values values = new Values();

        Exists(Source source) {
            this.source = source;
        }

        @Override
        boolean eval(FrameView v) {
            values.clear();
            source.load(v, values);
            return !values.isEmpty();
        }
    }

    /**
     * A field's values against a constant test. A field absent from the frame makes every comparison false.
     * With {@code all}, every value must pass (Wireshark's {@code !=} and {@code ===}); otherwise any one value.
     */
    static final class Compare extends Node {
        private final Source source;
        private final ValueTest test;
        private final boolean all;
        private final Values values = new Values();

        Compare(Source source, ValueTest test, boolean all) {
            this.source = source;
            this.test = test;
            this.all = all;
        }

        @Override
        boolean eval(FrameView v) {
            Values vs = values;
            vs.clear();
            source.load(v, vs);
            int n = vs.size();
            if (n == 0) return false;
            if (all) {
                for (int i = 0; i < n; i++) if (!test.test(vs, i)) return false;
                return true;
            }
            for (int i = 0; i < n; i++) if (test.test(vs, i)) return true;
            return false;
        }
    }

    /** Two fields compared pairwise: any pair (or, with {@code all}, every pair) must pass. */
    static final class CompareFields extends Node {
        private final Source left, right;
        private final PairTest test;
        private final boolean all;
        private final Values a = new Values(), b = new Values();

        CompareFields(Source left, Source right, PairTest test, boolean all) {
            this.left = left;
            this.right = right;
            this.test = test;
            this.all = all;
        }

        @Override
        boolean eval(FrameView v) {
            a.clear();
            b.clear();
            left.load(v, a);
            if (a.isEmpty()) return false;
            right.load(v, b);
            if (b.isEmpty()) return false;
            for (int i = 0; i < a.size(); i++) {
                for (int j = 0; j < b.size(); j++) {
                    boolean r = test.test(a, i, b, j);
                    if (all && !r) return false;
                    if (!all && r) return true;
                }
            }
            return all;
        }
    }

    /** A test of one value against a constant. */
    interface ValueTest {
        boolean test(Values values, int i);
    }

    /** A test of a value of one field against a value of another. */
    interface PairTest {
        boolean test(Values a, int i, Values b, int j);
    }
}
