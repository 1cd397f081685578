package org.rnn4j.reference.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.backend.DropoutMask;
import org.rnn4j.rnn.GradientMode;

/**
 * Checks every analytic gradient of the reference ops against central finite differences
 * (f(v + ε) − f(v − ε)) / 2ε in double precision, ε = 1e-6.
 *
 * <p>Tolerance: |analytic − numeric| ≤ 1e-6 · max(|analytic|, |numeric|) + 1e-8. The truncation error
 * of the central difference is O(ε²) ≈ 1e-12 (zero for the linear ops) and the rounding error about
 * ulp(loss) / ε ≈ 1e-10 for losses of order 1; the absolute floor absorbs rounding on near-zero
 * gradients. Non-linear losses are probed through L = loss; linear ops through L = sum(output · dOut).
 */
class ReferenceGradientsTest {
    private static final double EPS = 1e-6;
    private static final double RELATIVE = 1e-6;
    private static final double ABSOLUTE = 1e-8;

    @ParameterizedTest(name = "M={0} K={1} O={2}")
    @CsvSource({"1, 1, 1", "3, 4, 2", "5, 2, 6"})
    void linear(int rows, int in, int out) {
        Random random = new Random(rows + 10L * in + 100L * out);
        ReferenceLinear linear = new ReferenceLinear(in, out);
        double[] x = random(random, rows * in);
        double[] w = random(random, in * out);
        double[] b = random(random, out);
        double[] dy = random(random, rows * out);
        double[] dw = new double[in * out];
        double[] db = new double[out];
        double[] dx = linear.backward(x, w, dy, dw, db, GradientMode.OVERWRITE);
        check("dx", dx, x, v -> dot(linear.forward(v, w, b), dy));
        check("dw", dw, w, v -> dot(linear.forward(x, v, b), dy));
        check("db", db, b, v -> dot(linear.forward(x, w, v), dy));
    }

    @Test
    void embeddingWithRepeatedIdsAndPadding() {
        Random random = new Random(2);
        int width = 3;
        long[] ids = {2, 0, 2, 4, 1, 0};
        double[] table = random(random, 5 * width);  // [V = 5, E]
        double[] dOut = random(random, ids.length * width);
        for (long paddingId : new long[] {ReferenceEmbedding.NO_PADDING, 0}) {
            double[] dTable = new double[table.length];
            ReferenceEmbedding.backward(ids, dOut, width, dTable, GradientMode.OVERWRITE, paddingId);
            // The padding row is frozen: its numeric gradient is taken with its contribution removed.
            check("dTable padding=" + paddingId, dTable, table,
                    v -> dot(ReferenceEmbedding.forward(v, width, ids), withoutPadding(dOut, ids, width, paddingId)));
        }
    }

    @ParameterizedTest(name = "M={0} C={1} masked={2}")
    @CsvSource({"1, 1, false", "1, 4, false", "4, 3, true", "6, 5, true"})
    void softmaxCrossEntropy(int rows, int classes, boolean masked) {
        Random random = new Random(rows * 3L + classes);
        double[] logits = random(random, rows * classes);
        long[] targets = new long[rows];
        for (int m = 0; m < rows; m++) {
            targets[m] = random.nextInt(classes);
        }
        double[] mask = masked ? mask(random, rows) : null;
        double[] gradient = ReferenceSoftmaxCrossEntropy.gradient(logits, classes, targets, mask, 0.7);
        check("dLogits", gradient, logits, v -> 0.7 * ReferenceSoftmaxCrossEntropy.loss(v, classes, targets, mask));
    }

    @ParameterizedTest(name = "M={0} F={1} masked={2}")
    @CsvSource({"1, 1, false", "3, 4, false", "5, 2, true"})
    void meanSquaredError(int rows, int features, boolean masked) {
        Random random = new Random(rows * 5L + features);
        double[] prediction = random(random, rows * features);
        double[] target = random(random, rows * features);
        double[] mask = masked ? mask(random, rows) : null;
        double[] gradient = ReferenceMeanSquaredError.gradient(prediction, target, features, mask, 1.3);
        check("dPrediction", gradient, prediction, v -> 1.3 * ReferenceMeanSquaredError.loss(v, target, features, mask));
    }

    @Test
    void dropout() {
        Random random = new Random(6);
        DropoutMask mask = new DropoutMask(0.4, 17);
        double[] x = random(random, 40);
        double[] dy = random(random, 40);
        check("dx", ReferenceDropout.backward(dy, mask), x, v -> dot(ReferenceDropout.forward(v, mask), dy));
    }

    @Test
    void crossEntropyIsStableForLargeLogits() {
        double loss = ReferenceSoftmaxCrossEntropy.loss(new double[] {1000, -1000, 0}, 3, new long[] {0}, null);
        assertEquals(0.0, loss, 1e-12);
        assertTrue(Double.isFinite(ReferenceSoftmaxCrossEntropy.loss(new double[] {-1e6, 1e6}, 2, new long[] {0}, null)));
    }

    /** Checks analytic[i] against the central difference of f at point with coordinate i moved by ±ε. */
    private static void check(String what, double[] analytic, double[] point, ToDoubleFunction<double[]> f) {
        assertEquals(point.length, analytic.length, what + " length");
        for (int i = 0; i < point.length; i++) {
            double[] plus = point.clone();
            double[] minus = point.clone();
            plus[i] += EPS;
            minus[i] -= EPS;
            double numeric = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * EPS);
            double tolerance = RELATIVE * Math.max(Math.abs(analytic[i]), Math.abs(numeric)) + ABSOLUTE;
            assertEquals(numeric, analytic[i], tolerance, what + "[" + i + "]");
        }
    }

    private static double[] withoutPadding(double[] dOut, long[] ids, int width, long paddingId) {
        double[] kept = dOut.clone();
        for (int m = 0; m < ids.length; m++) {
            if (ids[m] == paddingId) {
                java.util.Arrays.fill(kept, m * width, (m + 1) * width, 0);
            }
        }
        return kept;
    }

    /** Weights with zeros (padding) and fractions. */
    private static double[] mask(Random random, int rows) {
        double[] mask = new double[rows];
        for (int m = 0; m < rows; m++) {
            mask[m] = m % 3 == 1 ? 0 : 0.5 + random.nextDouble();
        }
        return mask;
    }

    private static double[] random(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
