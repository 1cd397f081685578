package org.rnn4j.reference.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;

/**
 * The reference optimizers against steps computed by hand (derivations in each comment). Everything
 * is in double: tolerance 1e-12.
 */
class ReferenceOptimizersTest {
    private static final double TOLERANCE = 1e-12;

    /** Constant g: m̂ = g and v̂ = g² exactly, so 3 steps give p = p0 − 3 lr g / (|g| + ε). */
    @Test
    void adamWithConstantGradient() {
        double[] p = {1, -2, 0.5};
        double[] g = {0.1, -0.2, 0.3};
        double[] m = new double[3];
        double[] v = new double[3];
        for (long step = 1; step <= 3; step++) {
            ReferenceOptimizers.adam(Adam.lr(0.1), step, p, g, m, v);
        }
        assertArrayEquals(new double[] {1 - 0.03 / 0.10000001, -2 + 0.06 / 0.20000001, 0.5 - 0.09 / 0.30000001}, p,
                TOLERANCE);
    }

    /** Same values as NativeOptimizersTest.adamThreeStepsByFormula (float64 Python, textbook formula). */
    @Test
    void adamThreeStepsWithChangingGradients() {
        double[][] grads = {{0.1, -0.2, 0.3}, {-0.1, 0.2, 0.1}, {0.05, 0.05, -0.3}};
        double[] p = {1, -2, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int step = 1; step <= 3; step++) {
            ReferenceOptimizers.adam(Adam.lr(0.1), step, p, grads[step - 1], m, v);
        }
        assertArrayEquals(new double[] {0.8877906159671408, -1.9203978007234161, 0.30805491514879363}, p, 1e-12);
    }

    /**
     * Momentum 0.9, lr 0.1, g = 1. Classic: v = 1, 1.9, 2.71 and p = 0.9, 0.71, 0.439. Nesterov: updates
     * g + 0.9 v = 1.9, 2.71, 3.439, so p = 0.81, 0.539, 0.1951.
     */
    @Test
    void sgdMomentum() {
        double[] classic = {1};
        double[] nesterov = {1};
        double[] classicVelocity = new double[1];
        double[] nesterovVelocity = new double[1];
        for (int step = 0; step < 3; step++) {
            ReferenceOptimizers.sgd(Sgd.lr(0.1).momentum(0.9), classic, new double[] {1},
                    classicVelocity);
            ReferenceOptimizers.sgd(Sgd.lr(0.1).nesterov(0.9), nesterov, new double[] {1},
                    nesterovVelocity);
        }
        assertEquals(0.439, classic[0], TOLERANCE);
        assertEquals(2.71, classicVelocity[0], TOLERANCE);
        assertEquals(0.1951, nesterov[0], TOLERANCE);
    }

    /** Plain SGD with weight decay 0.5, lr 0.1, g = 0: p = 1 − 0.1 · 0.5 · 1 = 0.95. */
    @Test
    void sgdWeightDecay() {
        double[] p = {1};
        ReferenceOptimizers.sgd(Sgd.lr(0.1).weightDecay(0.5), p, new double[] {0}, null);
        assertEquals(0.95, p[0], TOLERANCE);
    }

    /**
     * Zero gradient, p0 = 2, lr 0.1, decay 0.01: AdamW gives 2 · 0.999; Adam (L2, so g = 0.02) gives
     * 2 − 0.1 · 0.02 / (0.02 + ε).
     */
    @Test
    void adamWDecouplesWeightDecay() {
        Adam config = Adam.lr(0.1).weightDecay(0.01);
        double[] decoupled = {2};
        ReferenceOptimizers.adamW(AdamW.lr(0.1).weightDecay(0.01), 1, decoupled, new double[1], new double[1], new double[1]);
        assertEquals(1.998, decoupled[0], TOLERANCE);
        double[] l2 = {2};
        ReferenceOptimizers.adam(config, 1, l2, new double[1], new double[1], new double[1]);
        assertEquals(2 - 0.1 * 0.02 / (0.02 + 1e-8), l2[0], TOLERANCE);
    }

    /**
     * α 0.9, lr 0.01, g = 1: s = 0.1, 0.19; updates u1 = 1 / (√0.1 + ε), u2 = 1 / (√0.19 + ε) and
     * p = 1 − 0.01 u1 − 0.01 u2. With momentum 0.5 the second update is 0.5 u1 + u2.
     */
    @Test
    void rmsProp() {
        double u1 = 1 / (Math.sqrt(0.1) + 1e-8);
        double u2 = 1 / (Math.sqrt(0.19) + 1e-8);
        double[] p = {1};
        double[] square = new double[1];
        ReferenceOptimizers.rmsProp(RmsProp.lr(0.01).alpha(0.9), p, new double[] {1}, square, null);
        ReferenceOptimizers.rmsProp(RmsProp.lr(0.01).alpha(0.9), p, new double[] {1}, square, null);
        assertEquals(1 - 0.01 * u1 - 0.01 * u2, p[0], TOLERANCE);
        double[] withMomentum = {1};
        double[] square2 = new double[1];
        double[] buffer = new double[1];
        RmsProp config = RmsProp.lr(0.01).alpha(0.9).momentum(0.5);
        ReferenceOptimizers.rmsProp(config, withMomentum, new double[] {1}, square2, buffer);
        ReferenceOptimizers.rmsProp(config, withMomentum, new double[] {1}, square2, buffer);
        assertEquals(1 - 0.01 * u1 - 0.01 * (0.5 * u1 + u2), withMomentum[0], TOLERANCE);
    }
}
