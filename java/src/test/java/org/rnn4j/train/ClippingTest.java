package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.nn.Kernels;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Clipping by global norm and by value, on both backends; the returned norm is the one before clipping. */
class ClippingTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void globalNormScalesEveryTensorTogether(Backend backend) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor a = Tensor.of(new float[] {3, 0}, 2);
            Tensor b = Tensor.of(new float[] {4}, 1);                         // global norm 5
            double norm = Clipping.byGlobalNorm(1).apply(Kernels.of(backend), List.of(a, b));
            assertEquals(5, norm, 1e-6);
            assertArrayEquals(new float[] {0.6f, 0}, a.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.8f}, b.toFloatArray(), 1e-6f);
            assertEquals(1, Clipping.byGlobalNorm(10).apply(Kernels.of(backend), List.of(a, b)), 1e-6, "below: kept");
            assertArrayEquals(new float[] {0.6f, 0}, a.toFloatArray(), 1e-6f);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void valueClampsEachElementAndNoneOnlyMeasures(Backend backend) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor a = Tensor.of(new float[] {3, -0.5f, -7}, 3);
            double norm = Clipping.byValue(1).apply(Kernels.of(backend), List.of(a));
            assertEquals(Math.sqrt(9 + 0.25 + 49), norm, 1e-5);
            assertArrayEquals(new float[] {1, -0.5f, -1}, a.toFloatArray());
            Clipping.none().apply(Kernels.of(backend), List.of(a));
            assertArrayEquals(new float[] {1, -0.5f, -1}, a.toFloatArray());
        }
    }

    @Test
    void thresholdsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Clipping.byGlobalNorm(0));
        assertThrows(IllegalArgumentException.class, () -> Clipping.byValue(Double.NaN));
    }
}
