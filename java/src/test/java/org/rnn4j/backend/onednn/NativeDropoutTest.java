package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnn4j.backend.onednn.Rejections.assertRejected;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.backend.DropoutMask;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.reference.ops.ReferenceDropout;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * NativeDropout: the mask is the reference's (same hash), reproducible from the seed, shared by
 * forward and backward, and keeps about 1 − p of a large tensor.
 *
 * <p>Tolerances: the kept/dropped pattern must match exactly; values are x · f32(1 / (1 − p)) on one
 * side and x / (1 − p) in double on the other: 1e-6 · max(1, |expected|). Statistical bounds are 6
 * standard deviations of a binomial proportion (false failure rate ≈ 2e-9 per check).
 */
class NativeDropoutTest {
    private static final double TOLERANCE = 1e-6;
    private static final int LARGE = 1 << 20;

    @ParameterizedTest(name = "p={0}")
    @ValueSource(doubles = {0.0, 0.1, 0.5, 0.9})
    void matchesReference(double probability) {
        DropoutMask mask = new DropoutMask(probability, 1234);
        float[] x = TestArrays.random(new Random(8), 3 * 257, 1);  // [3, 257]: odd width
        try (TensorScope scope = TensorScope.open()) {
            float[] y = NativeDropout.forward(Tensor.of(x, 3, 257), mask).toFloatArray();
            double[] expected = ReferenceDropout.forward(TestArrays.toDouble(x), mask);
            for (int i = 0; i < x.length; i++) {
                assertEquals(ReferenceDropout.kept(mask, i), y[i] != 0, "kept[" + i + "]");
            }
            TestArrays.assertClose("y", expected, y, TOLERANCE);
        }
    }

    @Test
    void sameSeedSameMaskOtherSeedIndependentMask() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor ones = ones(LARGE);
            boolean[] first = kept(NativeDropout.forward(ones, new DropoutMask(0.5, 42)));
            boolean[] again = kept(NativeDropout.forward(ones, new DropoutMask(0.5, 42)));
            boolean[] other = kept(NativeDropout.forward(ones, new DropoutMask(0.5, 43)));
            assertArrayEquals(first, again, "same seed, same mask");
            // Independent masks at p = 0.5 agree on half the elements.
            int agree = 0;
            for (int i = 0; i < LARGE; i++) {
                agree += first[i] == other[i] ? 1 : 0;
            }
            double bound = 6 * Math.sqrt(0.25 / LARGE);
            assertEquals(0.5, agree / (double) LARGE, bound, "seeds 42 and 43 give independent masks");
        }
    }

    @Test
    void backwardUsesTheForwardMask() {
        DropoutMask mask = new DropoutMask(0.3, -7);
        Random random = new Random(2);
        float[] x = TestArrays.random(random, 1000, 1);
        float[] dy = TestArrays.random(random, 1000, 1);
        try (TensorScope scope = TensorScope.open()) {
            float[] y = NativeDropout.forward(Tensor.of(x, 10, 100), mask).toFloatArray();
            float[] dx = NativeDropout.backward(Tensor.of(dy, 10, 100), mask).toFloatArray();
            float scale = (float) mask.scale();
            for (int i = 0; i < x.length; i++) {
                boolean keptInForward = y[i] != 0;
                assertEquals(keptInForward ? dy[i] * scale : 0f, dx[i], "dx[" + i + "]");
            }
        }
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(doubles = {0.1, 0.5, 0.9})
    void keepsAboutOneMinusPAndScalesKeptElements(double probability) {
        try (TensorScope scope = TensorScope.open()) {
            float[] y = NativeDropout.forward(ones(LARGE), new DropoutMask(probability, 99)).toFloatArray();
            int kept = 0;
            for (float v : y) {
                if (v != 0) {
                    kept++;
                    assertEquals((float) (1 / (1 - probability)), v, 1e-6f, "kept elements are scaled");
                }
            }
            double bound = 6 * Math.sqrt(probability * (1 - probability) / LARGE);
            assertEquals(1 - probability, kept / (double) LARGE, bound, "keep fraction");
        }
    }

    @Test
    void rejectsBadArguments() {
        assertRejected("probability must be in [0, 1), got 1.0", () -> new DropoutMask(1.0, 1));
        assertRejected("probability must be in [0, 1), got NaN", () -> new DropoutMask(Double.NaN, 1));
        try (TensorScope scope = TensorScope.open()) {
            assertRejected("x must not be null", () -> NativeDropout.forward(null, new DropoutMask(0.5, 1)));
            assertRejected("mask must not be null", () -> NativeDropout.forward(Tensor.zeros(2), null));
            assertRejected("outputGradient must not be empty, got shape [0, 3]",
                    () -> NativeDropout.backward(Tensor.zeros(0, 3), new DropoutMask(0.5, 1)));
            Tensor x = Tensor.zeros(4);
            NativeLibrary.ensureLoaded();
            assertRejected("probability must be in [0, 1), got -0.5", () -> NativeLibrary.call(
                    () -> rnn4j.dropout_forward(4, -0.5, 1, TensorMemory.read(x), TensorMemory.read(x))));
            assertRejected("count must be > 0, got 0", () -> NativeLibrary.call(
                    () -> rnn4j.dropout_backward(0, 0.5, 1, TensorMemory.read(x), TensorMemory.read(x))));
        }
    }

    private static Tensor ones(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 1);
        return Tensor.of(values, n);
    }

    private static boolean[] kept(Tensor y) {
        float[] values = y.toFloatArray();
        boolean[] kept = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            kept[i] = values[i] != 0;
        }
        return kept;
    }
}
