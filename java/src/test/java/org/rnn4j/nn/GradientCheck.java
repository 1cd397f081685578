package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Central finite differences through f32 layers: (L(v + ε) − L(v − ε)) / 2ε with ε = 1e-2 on
 * values of order 1, the loss summed in double. Truncation error O(ε²) ≈ 1e-4 relative for these
 * smooth functions and f32 rounding of the outputs ≈ 1e-7 · |L| / ε, so the tolerance is
 * |analytic − numeric| ≤ 5e-3 · max(|analytic|, |numeric|) + 2e-4.
 */
final class GradientCheck {
    static final double EPS = 1e-2;
    private static final double RELATIVE = 5e-3;
    private static final double ABSOLUTE = 2e-4;

    private GradientCheck() {
    }

    /**
     * Checks {@code analytic} against finite differences of {@code loss} along {@code samples} random
     * coordinates of {@code point} (all when it has fewer). Writes into {@code point} are seen by every kernel without declaring them.
     */
    static void check(String name, Tensor point, float[] analytic, DoubleSupplier loss,
                      int samples, Random random) {
        assertEquals(point.size(), analytic.length, name + ": gradient size");
        int n = (int) point.size();
        for (int k = 0; k < Math.min(samples, n); k++) {
            int i = samples >= n ? k : random.nextInt(n);
            float saved = point.get(i);
            point.set(i, saved + (float) EPS);
            double plus = scoped(loss);
            point.set(i, saved - (float) EPS);
            double minus = scoped(loss);
            point.set(i, saved);
            double numeric = (plus - minus) / ((double) (saved + (float) EPS) - (double) (saved - (float) EPS));
            double tolerance = RELATIVE * Math.max(Math.abs(analytic[i]), Math.abs(numeric)) + ABSOLUTE;
            if (!(Math.abs(analytic[i] - numeric) <= tolerance)) {
                fail(name + "[" + i + "]: analytic " + analytic[i] + " vs numeric " + numeric);
            }
        }
    }

    private static double scoped(DoubleSupplier loss) {
        try (TensorScope scope = TensorScope.open()) {
            return loss.getAsDouble();
        }
    }

    /** Σ r · y in double: the scalar loss whose gradient by y is r. */
    static double dot(float[] r, Tensor y) {
        float[] values = y.toFloatArray();
        assertEquals(r.length, values.length, "projection size");
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += (double) r[i] * values[i];
        }
        return sum;
    }

    static float[] random(Random random, long n, double scale) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return values;
    }

    /** |expected − actual| ≤ tolerance · max(1, max|expected|) element by element. */
    static void assertClose(String what, float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance * scale)) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (tolerance "
                        + tolerance + " · " + scale + ")");
            }
        }
    }
}
