package org.rnn4j.backend.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnn4j.backend.onednn.Rejections.assertRejected;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.reference.ops.ReferenceMeanSquaredError;
import org.rnn4j.reference.ops.ReferenceSoftmaxCrossEntropy;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Native losses against the double references {@link ReferenceSoftmaxCrossEntropy} and {@link ReferenceMeanSquaredError}.
 *
 * <p>Tolerances: both sides compute the loss in double from the same f32 inputs, so losses agree to
 * 1e-12 · max(1, |loss|) (only summation order and exp/log differ); gradients are rounded to f32
 * once: 1e-6 · max(1, |expected|).
 */
class NativeLossesTest {
    private static final double LOSS_TOLERANCE = 1e-12;
    private static final double GRADIENT_TOLERANCE = 1e-6;

    /** Mask kinds: none (null), ones with zeros (padding), fractional weights with zeros, all zero. */
    enum MaskKind { NONE, PADDING, WEIGHTS, ALL_ZERO }

    @ParameterizedTest(name = "M={0} C={1} mask={2}")
    @CsvSource({"1, 1, NONE", "1, 3, PADDING", "5, 3, NONE", "6, 7, PADDING", "4, 2, WEIGHTS", "3, 4, ALL_ZERO"})
    void crossEntropyMatchesReference(int rows, int classes, MaskKind maskKind) {
        Random random = new Random(rows * 7L + classes);
        float[] logits = TestArrays.random(random, rows * classes, 4);  // [M, C]
        long[] targets = TestArrays.ids(random, rows, classes);         // [M]
        float[] mask = mask(maskKind, rows, random);                     // [M] or null
        double[] maskD = mask == null ? null : TestArrays.toDouble(mask);
        double expected = ReferenceSoftmaxCrossEntropy.loss(TestArrays.toDouble(logits), classes, targets, maskD);
        double[] expectedGradient =
                ReferenceSoftmaxCrossEntropy.gradient(TestArrays.toDouble(logits), classes, targets, maskD, 0.5);
        try (TensorScope scope = TensorScope.open()) {
            Tensor logitsT = Tensor.of(logits, rows, classes);
            Tensor maskT = mask == null ? null : Tensor.of(mask, rows);
            TestArrays.assertClose("loss", expected, NativeLosses.crossEntropy(logitsT, targets, maskT),
                    LOSS_TOLERANCE);
            TestArrays.assertClose("dLogits", expectedGradient,
                    NativeLosses.crossEntropyGradient(logitsT, targets, maskT, 0.5).toFloatArray(), GRADIENT_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "M={0} F={1} mask={2}")
    @CsvSource({"1, 1, NONE", "5, 3, NONE", "6, 2, PADDING", "4, 5, WEIGHTS", "3, 1, ALL_ZERO"})
    void meanSquaredErrorMatchesReference(int rows, int features, MaskKind maskKind) {
        Random random = new Random(rows * 11L + features);
        float[] prediction = TestArrays.random(random, rows * features, 2);  // [M, F]
        float[] target = TestArrays.random(random, rows * features, 2);      // [M, F]
        float[] mask = mask(maskKind, rows, random);
        double[] maskD = mask == null ? null : TestArrays.toDouble(mask);
        double expected = ReferenceMeanSquaredError.loss(TestArrays.toDouble(prediction), TestArrays.toDouble(target), features,
                maskD);
        double[] expectedGradient = ReferenceMeanSquaredError.gradient(TestArrays.toDouble(prediction),
                TestArrays.toDouble(target), features, maskD, 2.0);
        try (TensorScope scope = TensorScope.open()) {
            Tensor p = Tensor.of(prediction, rows, features);
            Tensor t = Tensor.of(target, rows, features);
            Tensor m = mask == null ? null : Tensor.of(mask, rows);
            TestArrays.assertClose("loss", expected, NativeLosses.meanSquaredError(p, t, m), LOSS_TOLERANCE);
            TestArrays.assertClose("dPrediction", expectedGradient,
                    NativeLosses.meanSquaredErrorGradient(p, t, m, 2.0).toFloatArray(), GRADIENT_TOLERANCE);
        }
    }

    @Test
    void crossEntropyIsStableAndSkipsMaskedRows() {
        // Row 0: logits ±1000 (exp would overflow without the max subtraction); row 1: NaN padding, masked out.
        float[] logits = {1000, -1000, 0, Float.NaN, Float.NaN, Float.NaN};  // [M = 2, C = 3]
        long[] targets = {1, 0};
        try (TensorScope scope = TensorScope.open()) {
            Tensor logitsT = Tensor.of(logits, 2, 3);
            Tensor mask = Tensor.of(new float[] {1, 0}, 2);
            assertEquals(2000.0, NativeLosses.crossEntropy(logitsT, targets, mask), 1e-9);
            float[] gradient = NativeLosses.crossEntropyGradient(logitsT, targets, mask, 1).toFloatArray();
            assertArrayEquals(new float[] {1, -1, 0, 0, 0, 0}, gradient, 1e-6f);
        }
    }

    @Test
    void leadingDimensionsAreRowsAndTheMaskFollowsThem() {
        Random random = new Random(3);
        float[] logits = TestArrays.random(random, 2 * 3 * 4, 2);  // [T = 2, N = 3, C = 4]
        long[] targets = TestArrays.ids(random, 6, 4);             // [T · N]
        float[] mask = {1, 1, 0, 1, 0, 0};                         // [T, N]
        try (TensorScope scope = TensorScope.open()) {
            double loss = NativeLosses.crossEntropy(Tensor.of(logits, 2, 3, 4), targets, Tensor.of(mask, 2, 3));
            TestArrays.assertClose("loss", ReferenceSoftmaxCrossEntropy.loss(TestArrays.toDouble(logits), 4, targets,
                    TestArrays.toDouble(mask)), loss, LOSS_TOLERANCE);
        }
    }

    @Test
    void rejectsBadArguments() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor logits = Tensor.zeros(3, 4);
            long[] targets = {0, 1, 2};
            assertRejected("targets[1] must be in [0, C) = [0, 4), got 4",
                    () -> NativeLosses.crossEntropy(logits, new long[] {0, 4, 1}, null));
            assertRejected("targets[0] must be in [0, C) = [0, 4), got -3",
                    () -> NativeLosses.crossEntropyGradient(logits, new long[] {-3, 0, 1}, null, 1));
            assertRejected("targets must have length 3 (one per row of logits [3, 4]), got 2",
                    () -> NativeLosses.crossEntropy(logits, new long[] {0, 1}, null));
            assertRejected("mask must have shape [3], got [4]",
                    () -> NativeLosses.crossEntropy(logits, targets, Tensor.zeros(4)));
            assertRejected("mask[2] must be finite and >= 0, got -1",
                    () -> NativeLosses.crossEntropy(logits, targets, Tensor.of(new float[] {1, 0, -1}, 3)));
            assertRejected("diff_loss must be finite, got nan",
                    () -> NativeLosses.crossEntropyGradient(logits, targets, null, Double.NaN));
            assertRejected("logits must have shape [..., C] with rank >= 2 and no zero dimension, got [3]",
                    () -> NativeLosses.crossEntropy(Tensor.zeros(3), targets, null));
            assertRejected("target must have shape [3, 4], got [4, 3]",
                    () -> NativeLosses.meanSquaredError(logits, Tensor.zeros(4, 3), null));
            assertRejected("mask[0] must be finite and >= 0, got nan",
                    () -> NativeLosses.meanSquaredErrorGradient(logits, Tensor.zeros(3, 4),
                            Tensor.of(new float[] {Float.NaN, 1, 1}, 3), 1));
            assertRejected("prediction must not be null", () -> NativeLosses.meanSquaredError(null, logits, null));
        }
    }

    @Test
    void allZeroMaskGivesZeroLossAndGradient() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor logits = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
            Tensor mask = Tensor.zeros(2);
            assertEquals(0.0, NativeLosses.crossEntropy(logits, new long[] {0, 1}, mask));
            float[] gradient = NativeLosses.crossEntropyGradient(logits, new long[] {0, 1}, mask, 1).toFloatArray();
            assertTrue(java.util.Arrays.equals(new float[4], gradient), "zero gradient");
        }
    }

    private static float[] mask(MaskKind kind, int rows, Random random) {
        float[] mask = new float[rows];
        switch (kind) {
            case NONE:
                return null;
            case PADDING:
                for (int m = 0; m < rows; m++) {
                    mask[m] = m % 3 == 2 ? 0 : 1;
                }
                mask[0] = 1;
                return mask;
            case WEIGHTS:
                for (int m = 0; m < rows; m++) {
                    mask[m] = m % 2 == 1 ? 0 : (float) (0.25 + random.nextDouble());
                }
                return mask;
            default:
                return mask;
        }
    }
}
