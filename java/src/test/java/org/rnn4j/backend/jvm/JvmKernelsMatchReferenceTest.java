package org.rnn4j.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.backend.DropoutMask;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.reference.ops.ReferenceClipping;
import org.rnn4j.reference.ops.ReferenceDropout;
import org.rnn4j.reference.ops.ReferenceEmbedding;
import org.rnn4j.reference.ops.ReferenceLinear;
import org.rnn4j.reference.ops.ReferenceMeanSquaredError;
import org.rnn4j.reference.ops.ReferenceOptimizers;
import org.rnn4j.reference.ops.ReferenceSoftmaxCrossEntropy;
import org.rnn4j.rnn.GradientMode;

/**
 * The JVM backend's f32 kernels ({@link JvmLinear}, {@link JvmOps}, {@link JvmOptimizers}) against the double
 * references of {@code org.rnn4j.reference.ops} on the same f32 inputs.
 *
 * <p>Tolerance 1e-5 · max(1, |expected|): each kernel rounds its inputs' products to f32 (relative 6e-8 per
 * operation); the linear sums up to 33 products and the optimizers run 3 steps with state of order 1, so errors
 * stay below 1e-6 · their magnitude, and 1e-5 leaves a margin of 10. Embedding lookups and dropout masks are exact.
 */
class JvmKernelsMatchReferenceTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "M={0} K={1} O={2}")
    @CsvSource({"1, 1, 1", "3, 4, 5", "7, 5, 2", "33, 16, 9", "2, 300, 600"})
    void linearMatchesReference(int rows, int in, int out) {
        Random random = new Random(rows * 31L + in * 7L + out);
        float[] x = random(random, rows * in);     // [M, K]
        float[] w = random(random, out * in);      // [O, K]
        float[] b = random(random, out);           // [O]
        float[] dy = random(random, rows * out);   // [M, O]
        float[] dw = random(random, out * in);     // stale [O, K], added to
        float[] db = random(random, out);          // stale [O], added to
        ReferenceLinear reference = new ReferenceLinear(in, out);
        double[] expectedDw = toDouble(dw), expectedDb = toDouble(db);
        double[] expectedDx = reference.backward(toDouble(x), toDouble(w), toDouble(dy), expectedDw, expectedDb,
                GradientMode.ACCUMULATE);
        JvmLinear linear = new JvmLinear(in, out);
        assertClose("y", reference.forward(toDouble(x), toDouble(w), toDouble(b)), linear.forward(x, w, b));
        assertClose("y without bias", reference.forward(toDouble(x), toDouble(w), null), linear.forward(x, w, null));
        assertClose("dx", expectedDx, linear.backward(x, w, dy, dw, db));
        assertClose("dW", expectedDw, dw);
        assertClose("db", expectedDb, db);
    }

    @Test
    void embeddingMatchesReference() {
        Random random = new Random(5);
        float[] table = random(random, 10 * 3);  // [V, E]
        long[] ids = {4, 0, 9, 4};
        assertClose("rows", ReferenceEmbedding.forward(toDouble(table), 3, ids), JvmOps.embedding(table, 3, ids));
        float[] dOut = random(random, 4 * 3);
        float[] dTable = random(random, 10 * 3);
        double[] expected = toDouble(dTable);
        ReferenceEmbedding.backward(ids, toDouble(dOut), 3, expected, GradientMode.ACCUMULATE,
                ReferenceEmbedding.NO_PADDING);
        JvmOps.embeddingBackward(ids, dOut, 3, dTable);
        assertClose("dTable", expected, dTable);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JvmOps.embedding(table, 3, new long[] {10}));
        assertEquals("ids[0] must be in [0, V) = [0, 10), got 10", e.getMessage());
    }

    @Test
    void dropoutMatchesReference() {
        float[] x = random(new Random(6), 1001);
        for (double p : new double[] {0, 0.2, 0.7}) {
            DropoutMask mask = new DropoutMask(p, 77);
            float[] y = JvmOps.dropout(x, mask);
            for (int i = 0; i < x.length; i++) {
                assertEquals(ReferenceDropout.kept(mask, i), y[i] != 0 || x[i] == 0, "kept[" + i + "] at p " + p);
            }
            assertClose("y at p " + p, ReferenceDropout.forward(toDouble(x), mask), y);
        }
    }

    @Test
    void lossesMatchReference() {
        Random random = new Random(7);
        float[] logits = random(random, 6 * 5);   // [M, C]
        long[] targets = {0, 4, 2, 2, 1, 3};
        float[] mask = {1, 0, 1, 0.5f, 1, 1};     // [M]
        for (float[] m : new float[][] {null, mask}) {
            double[] dm = m == null ? null : toDouble(m);
            assertEquals(ReferenceSoftmaxCrossEntropy.loss(toDouble(logits), 5, targets, dm),
                    JvmOps.crossEntropy(logits, 5, targets, m), TOLERANCE, "cross-entropy");
            assertClose("dLogits", ReferenceSoftmaxCrossEntropy.gradient(toDouble(logits), 5, targets, dm, 0.5),
                    JvmOps.crossEntropyGradient(logits, 5, targets, m, 0.5));
            float[] target = random(random, 6 * 5);
            assertEquals(ReferenceMeanSquaredError.loss(toDouble(logits), toDouble(target), 5, dm),
                    JvmOps.meanSquaredError(logits, target, 5, m), TOLERANCE, "mean squared error");
            assertClose("dPrediction",
                    ReferenceMeanSquaredError.gradient(toDouble(logits), toDouble(target), 5, dm, 2.0),
                    JvmOps.meanSquaredErrorGradient(logits, target, 5, m, 2.0));
        }
    }

    @Test
    void clippingMatchesReference() {
        Random random = new Random(8);
        for (double limit : new double[] {0.5, 1e6}) {
            float[][] buffers = {random(random, 7), random(random, 300)};
            double[][] expected = {toDouble(buffers[0]), toDouble(buffers[1])};
            assertEquals(ReferenceClipping.clipByGlobalNorm(expected, limit),
                    JvmOps.clipByGlobalNorm(buffers, limit), TOLERANCE, "norm");
            assertClose("clipped 0", expected[0], buffers[0]);
            assertClose("clipped 1", expected[1], buffers[1]);
        }
        float[][] values = {{-3, 0.1f, 2, Float.NaN}};
        double[][] expected = {toDouble(values[0])};
        ReferenceClipping.clipByValue(expected, 1.5);
        JvmOps.clipByValue(values, 1.5);
        assertClose("by value", expected[0], values[0]);
    }

    @Test
    void optimizersMatchReference() {
        List<OptimizerConfig> configs = List.of(Sgd.lr(0.1), Sgd.lr(0.05).momentum(0.9).weightDecay(0.01),
                Sgd.lr(0.05).nesterov(0.8), Adam.lr(0.01), Adam.lr(0.01).weightDecay(0.1).betas(0.8, 0.99),
                AdamW.lr(0.01).weightDecay(0.1), RmsProp.lr(0.01), RmsProp.lr(0.01).alpha(0.9).momentum(0.5)
                        .weightDecay(0.05));
        for (OptimizerConfig config : configs) {
            Random random = new Random(config.toString().hashCode());
            float[] p = random(random, 257), s1 = new float[257], s2 = new float[257];
            double[] ep = toDouble(p), es1 = new double[257], es2 = new double[257];
            for (long step = 1; step <= 3; step++) {
                float[] g = random(random, 257);
                double[] eg = toDouble(g);
                if (config instanceof Sgd sgd) {
                    JvmOptimizers.sgd(sgd, p, g, s1);
                    ReferenceOptimizers.sgd(sgd, ep, eg, es1);
                } else if (config instanceof Adam adam) {
                    JvmOptimizers.adam(adam, step, p, g, s1, s2);
                    ReferenceOptimizers.adam(adam, step, ep, eg, es1, es2);
                } else if (config instanceof AdamW adamW) {
                    JvmOptimizers.adamW(adamW, step, p, g, s1, s2);
                    ReferenceOptimizers.adamW(adamW, step, ep, eg, es1, es2);
                } else if (config instanceof RmsProp rmsProp) {
                    JvmOptimizers.rmsProp(rmsProp, p, g, s1, s2);
                    ReferenceOptimizers.rmsProp(rmsProp, ep, eg, es1, es2);
                }
                assertClose(config + " params after step " + step, ep, p);
            }
            assertClose(config + " first state", es1, s1);
            assertClose(config + " second state", es2, s2);
        }
    }

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static void assertClose(String what, double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertEquals(Float.NaN, actual[i], what + "[" + i + "]");
                continue;
            }
            assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }
}
