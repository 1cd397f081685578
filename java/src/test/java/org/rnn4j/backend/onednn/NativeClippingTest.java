package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnn4j.backend.onednn.Rejections.assertRejected;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.reference.ops.ReferenceClipping;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * NativeClipping against the double reference {@link ReferenceClipping}. The norm is summed in double on
 * both sides (1e-12 relative); clipped values are rounded to f32 once (1e-6 · max(1, |expected|)).
 */
class NativeClippingTest {
    private static final double NORM_TOLERANCE = 1e-12;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "maxNorm={0}")
    @ValueSource(doubles = {0.5, 3.0, 100.0})
    void globalNormMatchesReference(double maxNorm) {
        Random random = new Random(4);
        float[] a = TestArrays.random(random, 6, 1);    // [2, 3]
        float[] b = TestArrays.random(random, 1, 1);    // [1]
        float[] c = TestArrays.random(random, 129, 1);  // [129]
        double[][] expected = {TestArrays.toDouble(a), TestArrays.toDouble(b), TestArrays.toDouble(c)};
        double expectedNorm = ReferenceClipping.clipByGlobalNorm(expected, maxNorm);
        try (TensorScope scope = TensorScope.open()) {
            List<Tensor> gradients = List.of(Tensor.of(a, 2, 3), Tensor.of(b, 1), Tensor.of(c, 129));
            double norm = NativeClipping.clipByGlobalNorm(gradients, maxNorm);
            TestArrays.assertClose("norm", expectedNorm, norm, NORM_TOLERANCE);
            for (int i = 0; i < expected.length; i++) {
                TestArrays.assertClose("gradients[" + i + "]", expected[i], gradients.get(i).toFloatArray(), TOLERANCE);
            }
        }
    }

    @Test
    void scalesOnlyAboveMaxNormAndReturnsThePreClipNorm() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor g = Tensor.of(new float[] {3, 4}, 2);  // norm 5
            assertEquals(5.0, NativeClipping.clipByGlobalNorm(List.of(g), 5.0), 1e-12);
            assertArrayEquals(new float[] {3, 4}, g.toFloatArray(), "at max_norm: untouched");
            assertEquals(5.0, NativeClipping.clipByGlobalNorm(List.of(g), 10.0), 1e-12);
            assertArrayEquals(new float[] {3, 4}, g.toFloatArray(), "below max_norm: untouched");
            assertEquals(5.0, NativeClipping.clipByGlobalNorm(List.of(g), 1.0), 1e-12);
            assertArrayEquals(new float[] {0.6f, 0.8f}, g.toFloatArray(), 1e-7f, "above: scaled to norm 1");
        }
    }

    @Test
    void nonFiniteNormIsReturnedAndNothingIsScaled() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor finite = Tensor.of(new float[] {30, 40}, 2);
            Tensor withNaN = Tensor.of(new float[] {1, Float.NaN}, 2);
            assertTrue(Double.isNaN(NativeClipping.clipByGlobalNorm(List.of(finite, withNaN), 1.0)));
            assertArrayEquals(new float[] {30, 40}, finite.toFloatArray());
            Tensor withInfinity = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, 2}, 2);
            assertEquals(Double.POSITIVE_INFINITY, NativeClipping.clipByGlobalNorm(List.of(finite, withInfinity), 1.0));
            assertArrayEquals(new float[] {30, 40}, finite.toFloatArray());
            assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, 2}, withInfinity.toFloatArray());
        }
    }

    @Test
    void clipByValueMatchesReferenceAndKeepsNaN() {
        float[] values = {-3, -0.5f, 0, 0.25f, 2, Float.NaN, Float.POSITIVE_INFINITY};
        double[][] expected = {TestArrays.toDouble(values)};
        ReferenceClipping.clipByValue(expected, 1.0);
        try (TensorScope scope = TensorScope.open()) {
            Tensor g = Tensor.of(values, 7);
            NativeClipping.clipByValue(List.of(g), 1.0);
            float[] actual = g.toFloatArray();
            assertTrue(Float.isNaN(actual[5]), "NaN stays NaN");
            assertArrayEquals(new float[] {-1, -0.5f, 0, 0.25f, 1}, Arrays.copyOf(actual, 5));
            assertEquals(1f, actual[6]);
            assertEquals(expected[0][6], actual[6]);
        }
    }

    @Test
    void rejectsBadArguments() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor g = Tensor.zeros(3);
            assertRejected("gradients must not be empty", () -> NativeClipping.clipByGlobalNorm(List.of(), 1));
            assertRejected("gradients must not be null", () -> NativeClipping.clipByValue(null, 1));
            assertRejected("gradients[1] must not be empty, got shape [0]",
                    () -> NativeClipping.clipByGlobalNorm(List.of(g, Tensor.zeros(0)), 1));
            assertRejected("max_norm must be finite and > 0, got 0",
                    () -> NativeClipping.clipByGlobalNorm(List.of(g), 0));
            assertRejected("max_norm must be finite and > 0, got inf",
                    () -> NativeClipping.clipByGlobalNorm(List.of(g), Double.POSITIVE_INFINITY));
            assertRejected("max_value must be finite and > 0, got nan",
                    () -> NativeClipping.clipByValue(List.of(g), Double.NaN));
            NativeLibrary.ensureLoaded();
            try (PointerPointer<FloatPointer> buffers = new PointerPointer<>(2);
                 LongPointer sizes = new LongPointer(3L, 3L)) {
                buffers.put(0, TensorMemory.read(g)).put(1, (Pointer) null);
                assertRejected("buffers[1] must not be null (3 floats)", () -> NativeLibrary.callDouble(
                        () -> rnn4j.clip_by_global_norm(buffers, sizes, 2, 1.0)));
                assertRejected("count must be > 0, got 0", () -> NativeLibrary.call(
                        () -> rnn4j.clip_by_value(buffers, sizes, 0, 1.0)));
            }
        }
    }
}
