package org.rnn4j.reference.ops;

import org.rnn4j.backend.DropoutMask;

/** Reference inverted dropout, in double, with the library's one mask ({@link DropoutMask#kept}). */
public final class ReferenceDropout {
    private ReferenceDropout() {
    }

    /** True when element {@code index} survives {@code mask}. */
    public static boolean kept(DropoutMask mask, long index) {
        return mask.kept(index);
    }

    /** y = x · keep / (1 − p). */
    public static double[] forward(double[] x, DropoutMask mask) {
        return apply(x, mask);
    }

    /** dx = dy · keep / (1 − p), with the forward's mask. */
    public static double[] backward(double[] dy, DropoutMask mask) {
        return apply(dy, mask);
    }

    private static double[] apply(double[] values, DropoutMask mask) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = kept(mask, i) ? values[i] * mask.scale() : 0;
        }
        return out;
    }
}
