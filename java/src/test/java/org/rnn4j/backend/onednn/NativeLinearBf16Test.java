package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.Precision;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Kernels;
import org.rnn4j.reference.ops.ReferenceLinear;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * NativeLinear in {@link Precision#BF16} against f32 and the double reference {@link ReferenceLinear}: y, dx, dW
 * (overwritten and accumulated) and db.
 *
 * <p>Tolerance: norm-wise {@code ||bf16 - x|| / ||x|| <= 1e-2}: each product multiplies two bf16-rounded operands
 * (2^-9 = 2e-3 relative each), sums are f32, and the roundings of the K terms of a dot product add in norm, mostly
 * cancelling. db is a column sum of f32 dy, computed in f32 either way.
 */
class NativeLinearBf16Test {
    private static final double TOLERANCE = 1e-2;

    @ParameterizedTest(name = "M={0} K={1} O={2}")
    @CsvSource({"1, 1, 1", "3, 4, 5", "33, 16, 9", "128, 256, 65", "800, 128, 32"})
    void bf16MatchesF32AndReference(int rows, int in, int out) {
        assumeTrue(Precision.bf16Supported(), "oneDNN's CPU ISA " + Precision.cpuIsa() + " has no avx512_core_bf16");
        Random random = new Random(rows * 131L + in * 17L + out);
        float[] x = TestArrays.random(random, rows * in, 1);      // [M, K]
        float[] w = TestArrays.random(random, in * out, 1);       // [O, K]
        float[] b = TestArrays.random(random, out, 1);            // [O]
        float[] dy = TestArrays.random(random, rows * out, 1);    // [M, O]
        ReferenceLinear reference = new ReferenceLinear(in, out);
        double[] expectedY = reference.forward(TestArrays.toDouble(x), TestArrays.toDouble(w), TestArrays.toDouble(b));
        double[] expectedDw = new double[in * out];
        double[] expectedDb = new double[out];
        double[] expectedDx = reference.backward(TestArrays.toDouble(x), TestArrays.toDouble(w),
                TestArrays.toDouble(dy), expectedDw, expectedDb, GradientMode.OVERWRITE);
        double[] twiceDw = new double[expectedDw.length];
        for (int i = 0; i < twiceDw.length; i++) {
            twiceDw[i] = 2 * expectedDw[i];
        }
        try (TensorScope scope = TensorScope.open(); NativeLinear f32 = new NativeLinear(in, out);
             NativeLinear bf16 = new NativeLinear(in, out, Precision.BF16)) {
            assertEquals(Precision.BF16, bf16.precision());
            Tensor xt = Tensor.of(x, rows, in);
            Tensor wt = Tensor.of(w, out, in);
            Tensor bt = Tensor.of(b, out);
            Tensor dyt = Tensor.of(dy, rows, out);
            float[] y16 = bf16.forward(xt, wt, bt).toFloatArray();
            assertNear("y vs the reference", y16, expectedY);
            assertNear("y vs f32", y16, TestArrays.toDouble(f32.forward(xt, wt, bt).toFloatArray()));
            Tensor dw = Tensor.zeros(org.rnn4j.tensor.Shape.of(out, in));
            Tensor db = Tensor.zeros(org.rnn4j.tensor.Shape.of(out));
            Tensor dx = bf16.backward(xt, wt, dyt, dw, db, GradientMode.OVERWRITE);
            assertNear("dx", dx.toFloatArray(), expectedDx);
            assertNear("dW overwritten", dw.toFloatArray(), expectedDw);
            assertNear("db", db.toFloatArray(), expectedDb);
            bf16.backward(xt, wt, dyt, dw, db, GradientMode.ACCUMULATE);
            assertNear("dW accumulated", dw.toFloatArray(), twiceDw);
        }
    }

    @Test
    void jvmKernelsRefuseBf16() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.of(Backend.JVM).linear(3, 4, Precision.BF16));
        assertTrue(e.getMessage().contains("precision BF16 is native-only"), e.getMessage());
        Kernels.of(Backend.JVM).linear(3, 4, Precision.BF16_OR_F32).close();  // f32, one WARN
    }

    /** ||actual - expected|| / ||expected|| <= TOLERANCE (Euclidean norms). */
    private static void assertNear(String what, float[] actual, double[] expected) {
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        double error = Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
        assertTrue(error <= TOLERANCE, what + ": norm-wise relative error " + error + " > " + TOLERANCE);
    }
}
