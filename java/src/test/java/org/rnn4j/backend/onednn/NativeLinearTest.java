package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnn4j.backend.onednn.Rejections.assertRejected;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.reference.ops.ReferenceLinear;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * NativeLinear (oneDNN matmul) against the double reference {@link ReferenceLinear}.
 *
 * <p>Tolerance 1e-5 · max(1, |expected|): inputs are in [−1, 1] and K, M <= 33, so each f32 dot
 * product carries at most ~K · 2⁻²⁴ ≈ 2e-6 relative rounding; oneDNN may also reorder the sums.
 */
class NativeLinearTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "M={0} K={1} O={2} bias={3}")
    @CsvSource({"1, 1, 1, true", "3, 4, 5, true", "7, 5, 2, false", "33, 16, 9, true", "2, 9, 1, false"})
    void forwardAndBackwardMatchReference(int rows, int in, int out, boolean withBias) {
        Random random = new Random(rows * 131L + in * 17L + out);
        float[] x = TestArrays.random(random, rows * in, 1);      // [M, K]
        float[] w = TestArrays.random(random, in * out, 1);       // [O, K]
        float[] b = TestArrays.random(random, out, 1);            // [O]
        float[] dy = TestArrays.random(random, rows * out, 1);    // [M, O]
        float[] stale = TestArrays.random(random, in * out, 5);   // previous dW contents
        float[] staleBias = TestArrays.random(random, out, 5);
        ReferenceLinear reference = new ReferenceLinear(in, out);
        double[] expectedY = reference.forward(TestArrays.toDouble(x), TestArrays.toDouble(w),
                withBias ? TestArrays.toDouble(b) : null);
        double[] expectedDw = new double[in * out];
        double[] expectedDb = new double[out];
        double[] expectedDx = reference.backward(TestArrays.toDouble(x), TestArrays.toDouble(w),
                TestArrays.toDouble(dy), expectedDw, expectedDb, GradientMode.OVERWRITE);

        try (TensorScope scope = TensorScope.open(); NativeLinear linear = new NativeLinear(in, out)) {
            Tensor xt = Tensor.of(x, rows, in);
            Tensor wt = Tensor.of(w, out, in);
            Tensor bt = withBias ? Tensor.of(b, out) : null;
            TestArrays.assertClose("y", expectedY, linear.forward(xt, wt, bt).toFloatArray(), TOLERANCE);

            Tensor dw = Tensor.of(stale, out, in);
            Tensor db = Tensor.of(staleBias, out);
            Tensor dx = linear.backward(xt, wt, Tensor.of(dy, rows, out), dw, db, GradientMode.OVERWRITE);
            TestArrays.assertClose("dx", expectedDx, dx.toFloatArray(), TOLERANCE);
            TestArrays.assertClose("dW overwritten", expectedDw, dw.toFloatArray(), TOLERANCE);
            TestArrays.assertClose("db overwritten", expectedDb, db.toFloatArray(), TOLERANCE);

            dw.copyFrom(stale);
            db.copyFrom(staleBias);
            linear.backward(xt, wt, Tensor.of(dy, rows, out), dw, db, GradientMode.ACCUMULATE);
            TestArrays.assertClose("dW accumulated", plus(stale, expectedDw), dw.toFloatArray(), TOLERANCE);
            TestArrays.assertClose("db accumulated", plus(staleBias, expectedDb), db.toFloatArray(), TOLERANCE);
        }
    }

    @Test
    void leadingDimensionsAreRows() {
        Random random = new Random(5);
        float[] x = TestArrays.random(random, 2 * 3 * 4, 1);  // [T = 2, N = 3, K = 4]
        float[] w = TestArrays.random(random, 4 * 5, 1);      // [O = 5, K]
        try (TensorScope scope = TensorScope.open(); NativeLinear linear = new NativeLinear(4, 5)) {
            Tensor y = linear.forward(Tensor.of(x, 2, 3, 4), Tensor.of(w, 5, 4), null);
            assertArrayEquals(new long[] {2, 3, 5}, y.shape().dims());
            TestArrays.assertClose("y", new ReferenceLinear(4, 5).forward(TestArrays.toDouble(x), TestArrays.toDouble(w),
                    null), y.toFloatArray(), TOLERANCE);
        }
    }

    @Test
    void primitivesAreCachedByShapeAndRole() {
        try (TensorScope scope = TensorScope.open(); NativeLinear linear = new NativeLinear(3, 2)) {
            Tensor w = Tensor.zeros(2, 3);
            Tensor b = Tensor.zeros(2);
            linear.forward(Tensor.zeros(4, 3), w, b);
            linear.forward(Tensor.zeros(4, 3), w, b);
            assertEquals(1, linear.cachedPrimitives(), "same shape: one forward primitive");
            linear.forward(Tensor.zeros(5, 3), w, b);
            linear.forward(Tensor.zeros(5, 3), w, null);
            assertEquals(3, linear.cachedPrimitives(), "new rows, and no bias, are new primitives");
            Tensor dw = Tensor.zeros(2, 3);
            linear.backward(Tensor.zeros(4, 3), w, Tensor.zeros(4, 2), dw, b, GradientMode.OVERWRITE);
            linear.backward(Tensor.zeros(4, 3), w, Tensor.zeros(4, 2), dw, b, GradientMode.ACCUMULATE);
            linear.backward(Tensor.zeros(4, 3), w, Tensor.zeros(4, 2), dw, b, GradientMode.ACCUMULATE);
            assertEquals(6, linear.cachedPrimitives(), "input gradient, weight gradient, accumulated weight gradient");
        }
    }

    @Test
    void rejectsBadArguments() {
        try (TensorScope scope = TensorScope.open(); NativeLinear linear = new NativeLinear(3, 2)) {
            Tensor x = Tensor.zeros(4, 3);
            Tensor w = Tensor.zeros(2, 3);
            assertRejected("x must have shape [..., K] with K = 3, got [4, 5]",
                    () -> linear.forward(Tensor.zeros(4, 5), w, null));
            assertRejected("x must have shape [..., K] with rank >= 2 and no zero dimension, got [3]",
                    () -> linear.forward(Tensor.zeros(3), w, null));
            assertRejected("x must have shape [..., K] with rank >= 2 and no zero dimension, got [0, 3]",
                    () -> linear.forward(Tensor.zeros(0, 3), w, null));
            assertRejected("weights must have shape [2, 3], got [3, 2]",
                    () -> linear.forward(x, Tensor.zeros(3, 2), null));
            assertRejected("bias must have shape [2], got [3]", () -> linear.forward(x, w, Tensor.zeros(3)));
            assertRejected("x must not be null", () -> linear.forward(null, w, null));
            assertRejected("outputGradient must have shape [4, 2], got [4, 3]",
                    () -> linear.backward(x, w, Tensor.zeros(4, 3), Tensor.zeros(2, 3), null, GradientMode.OVERWRITE));
            assertRejected("weightsGradient must not be null",
                    () -> linear.backward(x, w, Tensor.zeros(4, 2), null, null, GradientMode.OVERWRITE));
            assertRejected("mode must not be null",
                    () -> linear.backward(x, w, Tensor.zeros(4, 2), Tensor.zeros(2, 3), null, null));
        }
        assertRejected("inFeatures must be > 0, got 0", () -> new NativeLinear(0, 2));
        NativeLinear closed = new NativeLinear(1, 1);
        closed.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, closed::cachedPrimitives);
        assertEquals("NativeLinear [1, 1] is closed", e.getMessage());
    }

    private static double[] plus(float[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}
