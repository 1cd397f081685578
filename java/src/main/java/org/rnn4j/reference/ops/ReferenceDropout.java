package org.rnn4j.reference.ops;

import org.rnn4j.backend.onednn.DropoutMask;

/**
 * Reference inverted dropout with the native mask: element i is kept when the top 32 bits of
 * splitmix64(splitmix64(seed) + i · γ) reach probability · 2³², γ = 0x9E3779B97F4A7C15.
 */
public final class ReferenceDropout {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private ReferenceDropout() {
    }

    /** True when element {@code index} survives {@code mask}. */
    public static boolean kept(DropoutMask mask, long index) {
        long threshold = (long) (mask.probability() * 4294967296.0);
        long hash = mix64(mix64(mask.seed()) + index * GOLDEN_GAMMA);
        return (hash >>> 32) >= threshold;
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

    /** splitmix64's finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
