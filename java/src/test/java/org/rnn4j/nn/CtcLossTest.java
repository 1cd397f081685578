package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.reference.ops.ReferenceCtc;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * CtcLoss on both backends: against brute-force enumeration of every path (T ≤ 6, 3 labels + blank), finite
 * differences of the gradient, native against JVM on random batches of mixed lengths, repeated labels, targets
 * as long as the input allows, impossible targets, reductions and the blank index. Tolerances: the losses are
 * computed in double from the same f32 logits, so they agree to 1e-9 relative (the log-space and rescaled
 * recursions differ only in rounding); the gradients are rounded to f32 once, so they agree to 1e-6 absolute
 * (entries are at most 1 in magnitude); finite differences use {@link GradientCheck}'s stated bound.
 */
class CtcLossTest {
    private static final Backend[] BACKENDS = {Backend.JVM, Backend.NATIVE};
    private static final double LOSS_TOLERANCE = 1e-9;

    @Test
    void matchesBruteForceEnumerationOnTinyCases() {
        Random random = new Random(11);
        int classes = 4;
        for (int trial = 0; trial < 40; trial++) {
            int steps = 1 + random.nextInt(6);
            int blank = trial % 2 == 0 ? 0 : 3;                       // the blank is configurable
            int batch = 1 + random.nextInt(3);
            int[] lengths = new int[batch];
            int[][] targets = new int[batch][];
            for (int n = 0; n < batch; n++) {
                lengths[n] = n == 0 ? steps : 1 + random.nextInt(steps);
                targets[n] = randomTarget(random, random.nextInt(Math.min(lengths[n], 4) + 1), classes, blank);
            }
            float[] values = GradientCheck.random(random, (long) steps * batch * classes, 3);
            for (Backend backend : BACKENDS) {
                try (TensorScope scope = TensorScope.open()) {
                    CtcLoss ctc = new CtcLoss(Kernels.of(backend), CtcLoss.Options.DEFAULT.blank(blank));
                    double[] losses = ctc.forward(Tensor.of(values, steps, batch, classes), lengths, targets).losses();
                    for (int n = 0; n < batch; n++) {
                        double expected = ReferenceCtc.loss(sequence(values, steps, batch, classes, n, lengths[n]),
                                classes, targets[n], blank);
                        assertLoss(expected, losses[n], backend + " trial " + trial + " sequence " + n);
                    }
                }
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesWithMixedLengths() {
        Random random = new Random(12);
        int steps = 6, batch = 3, classes = 5;
        int[] lengths = {6, 4, 5};
        int[][] targets = {{1, 2, 2}, {3}, {4, 1}};
        for (Backend backend : BACKENDS) {
            for (CtcLoss.Reduction reduction : CtcLoss.Reduction.values()) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor logits = Tensor.of(GradientCheck.random(random, steps * batch * classes, 1.5),
                            steps, batch, classes);
                    CtcLoss ctc = new CtcLoss(Kernels.of(backend), CtcLoss.Options.DEFAULT.reduction(reduction));
                    float[] grad = ctc.backward(ctc.forward(logits, lengths, targets)).toFloatArray();
                    GradientCheck.check(backend + " " + reduction + " dLogits", logits, grad,
                            () -> ctc.forward(logits, lengths, targets).loss().mean(), steps * batch * classes, random);
                    for (int c = 0; c < classes; c++) {
                        assertEquals(0f, grad[(4 * batch + 1) * classes + c], "past T_1 = 4 there is no gradient");
                    }
                }
            }
        }
    }

    @Test
    void nativeMatchesJvmOnRandomBatches() {
        Random random = new Random(13);
        int steps = 40, batch = 9, classes = 11;
        int[] lengths = new int[batch];
        int[][] targets = new int[batch][];
        for (int n = 0; n < batch; n++) {
            lengths[n] = n == 0 ? steps : 1 + random.nextInt(steps);
            targets[n] = randomTarget(random, random.nextInt(lengths[n] / 2 + 1), classes, 0);
        }
        float[] values = GradientCheck.random(random, steps * batch * classes, 4);
        try (TensorScope scope = TensorScope.open()) {
            Tensor logits = Tensor.of(values, steps, batch, classes);
            CtcLoss jvm = new CtcLoss(Kernels.of(Backend.JVM));
            CtcLoss nat = new CtcLoss(Kernels.of(Backend.NATIVE));
            CtcLoss.Pass pj = jvm.forward(logits, lengths, targets);
            CtcLoss.Pass pn = nat.forward(logits, lengths, targets);
            for (int n = 0; n < batch; n++) {
                assertLoss(pj.losses()[n], pn.losses()[n], "sequence " + n);
            }
            assertLoss(pj.loss().mean(), pn.loss().mean(), "mean");
            GradientCheck.assertClose("native dLogits", jvm.backward(pj).toFloatArray(),
                    nat.backward(pn).toFloatArray(), 1e-6);
        }
    }

    @Test
    void repeatedLabelsNeedABlankBetweenThem() {
        int classes = 3;
        Random random = new Random(14);
        float[] values = GradientCheck.random(random, 3 * classes, 2);
        for (Backend backend : BACKENDS) {
            try (TensorScope scope = TensorScope.open()) {
                CtcLoss ctc = new CtcLoss(Kernels.of(backend), CtcLoss.Options.DEFAULT.reduction(CtcLoss.Reduction.SUM));
                Tensor logits = Tensor.of(values, 3, 1, classes);
                // In two steps (1, 1) is impossible: 11 collapses to (1).
                assertEquals(Double.POSITIVE_INFINITY, ctc.forward(logits, new int[] {2}, new int[][] {{1, 1}}).losses()[0]);
                // In three steps exactly one path fits: 1, blank, 1.
                double[] p = softmax(values, classes);
                double expected = -Math.log(p[1] * p[classes] * p[2 * classes + 1]);
                assertLoss(expected, ctc.forward(logits, new int[] {3}, new int[][] {{1, 1}}).losses()[0], backend + "");
            }
        }
    }

    @Test
    void aTargetAsLongAsTheInputHasOnePath() {
        int steps = 5, classes = 6;
        int[] target = {1, 2, 3, 4, 5};
        Random random = new Random(15);
        float[] values = GradientCheck.random(random, steps * classes, 2);
        double[] p = softmax(values, classes);
        double expected = 0;
        for (int t = 0; t < steps; t++) {
            expected -= Math.log(p[t * classes + target[t]]);
        }
        for (Backend backend : BACKENDS) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor logits = Tensor.of(values, steps, 1, classes);
                CtcLoss ctc = new CtcLoss(Kernels.of(backend), CtcLoss.Options.DEFAULT.reduction(CtcLoss.Reduction.SUM));
                CtcLoss.Pass pass = ctc.forward(logits, new int[] {steps}, new int[][] {target});
                assertLoss(expected, pass.losses()[0], backend + "");
                // The one path's gradient: softmax − onehot(target[t]) at every step.
                float[] grad = ctc.backward(pass).toFloatArray();
                for (int t = 0; t < steps; t++) {
                    for (int c = 0; c < classes; c++) {
                        double want = p[t * classes + c] - (c == target[t] ? 1 : 0);
                        assertEquals(want, grad[t * classes + c], 1e-6, backend + " t " + t + " c " + c);
                    }
                }
            }
        }
    }

    @Test
    void impossibleTargetsAreInfiniteOrZero() {
        int steps = 3, batch = 2, classes = 4;
        int[] lengths = {3, 2};
        int[][] targets = {{1, 2}, {1, 2, 3}};                           // sequence 1 needs 3 steps, has 2
        Random random = new Random(16);
        float[] values = GradientCheck.random(random, steps * batch * classes, 1);
        for (Backend backend : BACKENDS) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor logits = Tensor.of(values, steps, batch, classes);
                CtcLoss keep = new CtcLoss(Kernels.of(backend));
                CtcLoss.Pass kept = keep.forward(logits, lengths, targets);
                assertEquals(Double.POSITIVE_INFINITY, kept.losses()[1], backend + " keep: +inf");
                assertEquals(Double.POSITIVE_INFINITY, kept.loss().mean(), backend + " keep: the mean is +inf");
                float[] keptGrad = keep.backward(kept).toFloatArray();
                assertTrue(Float.isNaN(keptGrad[(0 * batch + 1) * classes]), backend + " keep: NaN gradient");
                assertTrue(Float.isFinite(keptGrad[0]), backend + " keep: the possible sequence's gradient is finite");

                CtcLoss zero = new CtcLoss(Kernels.of(backend), CtcLoss.Options.DEFAULT.infinity(CtcInfinity.ZERO));
                CtcLoss.Pass zeroed = zero.forward(logits, lengths, targets);
                assertEquals(0.0, zeroed.losses()[1], backend + " zero: loss 0");
                assertLoss(kept.losses()[0] / 2 / 2, zeroed.loss().mean(), backend + " zero: the mean counts it as 0");
                float[] zeroGrad = zero.backward(zeroed).toFloatArray();
                for (int t = 0; t < steps; t++) {
                    for (int c = 0; c < classes; c++) {
                        assertEquals(0f, zeroGrad[(t * batch + 1) * classes + c], backend + " zero: no gradient");
                        assertEquals(keptGrad[(t * batch) * classes + c], zeroGrad[(t * batch) * classes + c], 1e-7);
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadTargets() {
        for (Backend backend : BACKENDS) {
            try (TensorScope scope = TensorScope.open()) {
                CtcLoss ctc = new CtcLoss(Kernels.of(backend));
                Tensor logits = Tensor.zeros(org.rnn4j.tensor.Shape.of(3, 1, 4));
                assertThrows(IllegalArgumentException.class,
                        () -> ctc.forward(logits, new int[] {3}, new int[][] {{0, 1}}), "the blank in a target");
                assertThrows(IllegalArgumentException.class,
                        () -> ctc.forward(logits, new int[] {3}, new int[][] {{4}}), "a label >= C");
                assertThrows(IllegalArgumentException.class,
                        () -> ctc.forward(logits, new int[] {4}, new int[][] {{1}}), "T_n > T");
            }
        }
    }

    private static void assertLoss(double expected, double actual, String what) {
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, LOSS_TOLERANCE * Math.max(1, Math.abs(expected)), what);
        }
    }

    private static int[] randomTarget(Random random, int length, int classes, int blank) {
        int[] target = new int[length];
        for (int i = 0; i < length; i++) {
            do {
                target[i] = random.nextInt(classes);
            } while (target[i] == blank);
        }
        return target;
    }

    /** Sequence n's first {@code length} rows of logits [T, N, C], as [length, C] in double. */
    private static double[] sequence(float[] logits, int steps, int batch, int classes, int n, int length) {
        double[] out = new double[length * classes];
        for (int t = 0; t < length; t++) {
            for (int c = 0; c < classes; c++) {
                out[t * classes + c] = logits[(t * batch + n) * classes + c];
            }
        }
        return out;
    }

    private static double[] softmax(float[] logits, int classes) {
        double[] out = new double[logits.length];
        for (int row = 0; row < logits.length; row += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[row + c]);
            }
            for (int c = 0; c < classes; c++) {
                out[row + c] = Math.exp(logits[row + c]) / sum;
            }
        }
        return out;
    }
}
