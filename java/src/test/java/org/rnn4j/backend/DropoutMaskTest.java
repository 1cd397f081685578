package org.rnn4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.backend.onednn.NativeDropout;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * The one dropout mask: librnn4j's dropout op applies exactly {@link DropoutMask#factor} (bit for bit, f32), the
 * layer masks are the op's masks at seed + layer·γ, and the kept fraction is 1 − p.
 */
class DropoutMaskTest {
    private static final int COUNT = 4099;  // odd, > 2^12

    @ParameterizedTest(name = "p={0} seed={1}")
    @CsvSource({"0.0, 1", "0.1, -7", "0.5, 42", "0.9, 9223372036854775807", "0.3333, -9223372036854775808"})
    void nativeOpAppliesTheJavaFactorsExactly(double probability, long seed) {
        DropoutMask mask = new DropoutMask(probability, seed);
        float[] ones = new float[COUNT];
        Arrays.fill(ones, 1f);
        try (TensorScope scope = TensorScope.open()) {
            float[] y = NativeDropout.forward(Tensor.of(ones, COUNT), mask).toFloatArray();
            for (int i = 0; i < COUNT; i++) {
                assertEquals(Float.floatToIntBits(mask.factor(i)), Float.floatToIntBits(y[i]), "element " + i);
            }
        }
    }

    @Test
    void layerMaskIsTheOpMaskAtSeedPlusLayerGamma() {
        DropoutMask layer2 = DropoutMask.ofLayer(0.25f, 99, 2);
        DropoutMask op = new DropoutMask(0.25f, 99 + 2 * SplitMix64.GOLDEN_GAMMA);
        for (int i = 0; i < COUNT; i++) {
            assertEquals(op.factor(i), layer2.factor(i), "element " + i);
        }
    }

    @Test
    void keepsAboutOneMinusPAndScalesTheRest() {
        DropoutMask mask = new DropoutMask(0.25, 5);
        int kept = 0;
        int n = 1 << 16;
        for (int i = 0; i < n; i++) {
            float f = mask.factor(i);
            if (f != 0) {
                assertEquals((float) (1 / 0.75), f, "scale of element " + i);
                kept++;
            }
        }
        double sd = Math.sqrt(0.25 * 0.75 / n);
        assertEquals(0.75, kept / (double) n, 6 * sd, "kept fraction");
    }

    @Test
    void rejectsProbabilityOutsideZeroOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DropoutMask(1.0, 1));
        assertEquals("probability must be in [0, 1), got 1.0", e.getMessage());
    }
}
