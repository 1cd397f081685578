package org.rnn4j.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;

/**
 * Hand-computed single steps (T = 1, N = 1, mostly I = H = 1) pinning each cell's equations and oneDNN's
 * gate orders: LSTM i, f, c̃, o (peephole i, f, o); GRU and LBR-GRU u, r, o (LBR bias u, r, o, u′).
 * Distinct values per gate make any gate permutation fail. Tolerance 1e-14 (1e-12 where a gate is
 * saturated at σ(±30)).
 */
class CellEquationsTest {
    private static final double TOL = 1e-14;
    private static final double X = 0.9;
    private static final double H0 = 0.3;
    private static final double C0 = -0.4;

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** One step of a one-layer, one-direction net; checks that y equals hn after it. */
    private static Forward step(RnnConfig config, double[] wx, double[] wh, double[] b, double[] peep,
            double[] proj, double[] x, double[] h0, double[] c0) {
        RnnParams params = new RnnParams(config, new double[][] {wx}, new double[][] {wh}, new double[][] {b},
                peep == null ? null : new double[][] {peep}, proj == null ? null : new double[][] {proj});
        Forward f = new ReferenceRnn(config).forward(params, x, 1, 1, null, h0, c0);
        assertArrayEquals(f.hn(), f.y(), 0.0, "y equals hn after one step");
        return f;
    }

    private static RnnConfig scalar(CellKind cell) {
        return RnnConfig.builder(cell, 1, 1).build();
    }

    private static double vanilla(CellKind cell, double bias) {
        return step(scalar(cell), new double[] {0.7}, new double[] {-0.4}, new double[] {bias}, null, null,
                new double[] {X}, new double[] {H0}, null).y()[0];
    }

    @Test
    void vanillaCellsApplyTheirActivationToTheAffineSum() {
        double z = 0.7 * X - 0.4 * H0 + 0.1; // 0.61
        assertEquals(Math.tanh(z), vanilla(CellKind.RNN_TANH, 0.1), TOL);
        assertEquals(sigmoid(z), vanilla(CellKind.RNN_SIGMOID, 0.1), TOL);
        assertEquals(z, vanilla(CellKind.RNN_RELU, 0.1), TOL);
    }

    @Test
    void reluClampsNegativePreActivationsToZero() {
        // z = 0.63 - 0.12 - 1 = -0.49
        assertEquals(0.0, vanilla(CellKind.RNN_RELU, -1.0), 0.0);
    }

    /** Per-gate values i, f, c̃, o. */
    private static final double[] LSTM_WX = {0.1, 0.2, 0.3, 0.4};
    private static final double[] LSTM_WH = {-0.5, 0.6, -0.7, 0.8};
    private static final double[] LSTM_B = {0.05, -0.15, 0.25, -0.35};

    @Test
    void lstmGateOrderIsInputForgetCandidateOutput() {
        double i = sigmoid(0.1 * X - 0.5 * H0 + 0.05);
        double f = sigmoid(0.2 * X + 0.6 * H0 - 0.15);
        double candidate = Math.tanh(0.3 * X - 0.7 * H0 + 0.25);
        double o = sigmoid(0.4 * X + 0.8 * H0 - 0.35);
        double c = f * C0 + i * candidate;
        double h = o * Math.tanh(c);
        Forward lstm = step(scalar(CellKind.LSTM), LSTM_WX, LSTM_WH, LSTM_B, null, null, new double[] {X},
                new double[] {H0}, new double[] {C0});
        assertEquals(h, lstm.y()[0], TOL);
        assertEquals(c, lstm.cn()[0], TOL);
    }

    @Test
    void lstmPeepholesSeeThePreviousCellForInputAndForgetAndTheNewCellForOutput() {
        double pi = 0.3;
        double pf = -0.6;
        double po = 0.9;
        double i = sigmoid(0.1 * X - 0.5 * H0 + 0.05 + pi * C0);
        double f = sigmoid(0.2 * X + 0.6 * H0 - 0.15 + pf * C0);
        double candidate = Math.tanh(0.3 * X - 0.7 * H0 + 0.25);
        double c = f * C0 + i * candidate;
        double o = sigmoid(0.4 * X + 0.8 * H0 - 0.35 + po * c);
        double h = o * Math.tanh(c);
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 1, 1).peephole(true).build();
        Forward lstm = step(config, LSTM_WX, LSTM_WH, LSTM_B, new double[] {pi, pf, po}, null,
                new double[] {X}, new double[] {H0}, new double[] {C0});
        assertEquals(h, lstm.y()[0], TOL);
        assertEquals(c, lstm.cn()[0], TOL);
    }

    @Test
    void lstmWithSaturatedForgetAndClosedInputKeepsTheCell() {
        // Only the biases are non-zero: i = σ(-30) ≈ 0, f = σ(30) ≈ 1, c̃ = 0, o = σ(0) = 1/2.
        Forward lstm = step(scalar(CellKind.LSTM), new double[4], new double[4], new double[] {-30, 30, 0, 0}, null,
                null, new double[] {X}, new double[] {H0}, new double[] {C0});
        assertEquals(C0, lstm.cn()[0], 1e-12);
        assertEquals(0.5 * Math.tanh(C0), lstm.y()[0], 1e-12);
    }

    @Test
    void lstmProjectionMultipliesTheHiddenOutputByAnHByPMatrix() {
        // H = 3, P = 2, h0 = 0 so that only the input weights matter; input weights [I=1][G=4][H=3].
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 1, 3).projection(2).build();
        double[] wx = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6, -0.7, 0.8, 0.9, 1.0, -1.1, 1.2};
        double[] b = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12};
        double[] proj = {1.5, -0.5, 0.25, 2.0, -1.0, 0.75}; // [H=3][P=2]
        double[] m = new double[3];
        double[] c = new double[3];
        for (int j = 0; j < 3; j++) {
            double i = sigmoid(wx[j] * X + b[j]);
            double candidate = Math.tanh(wx[6 + j] * X + b[6 + j]);
            double o = sigmoid(wx[9 + j] * X + b[9 + j]);
            c[j] = i * candidate; // c0 = 0
            m[j] = o * Math.tanh(c[j]);
        }
        Forward f = step(config, wx, new double[2 * 4 * 3], b, null, proj, new double[] {X}, null, null);
        assertEquals(m[0] * 1.5 + m[1] * 0.25 + m[2] * -1.0, f.y()[0], TOL);
        assertEquals(m[0] * -0.5 + m[1] * 2.0 + m[2] * 0.75, f.y()[1], TOL);
        assertArrayEquals(c, f.cn(), TOL);
    }

    /** Per-gate values u, r, o. */
    private static final double[] GRU_WX = {0.1, 0.2, 0.3};
    private static final double[] GRU_WH = {-0.5, 0.6, -0.7};

    @Test
    void gruGateOrderIsUpdateResetCandidateWithResetBeforeTheMatmul() {
        double u = sigmoid(0.1 * X - 0.5 * H0 + 0.05);
        double r = sigmoid(0.2 * X + 0.6 * H0 - 0.15);
        double o = Math.tanh(0.3 * X - 0.7 * (r * H0) + 0.25);
        double h = u * H0 + (1 - u) * o;
        Forward out = step(scalar(CellKind.GRU), GRU_WX, GRU_WH, new double[] {0.05, -0.15, 0.25}, null, null,
                new double[] {X}, new double[] {H0}, null);
        assertEquals(h, out.y()[0], TOL);
    }

    @Test
    void lbrGruAppliesResetToTheRecurrentProductPlusItsOwnBias() {
        double u = sigmoid(0.1 * X - 0.5 * H0 + 0.05);
        double r = sigmoid(0.2 * X + 0.6 * H0 - 0.15);
        double o = Math.tanh(0.3 * X + 0.25 + r * (-0.7 * H0 + 0.45));
        double h = u * H0 + (1 - u) * o;
        Forward out = step(scalar(CellKind.LBR_GRU), GRU_WX, GRU_WH, new double[] {0.05, -0.15, 0.25, 0.45}, null,
                null, new double[] {X}, new double[] {H0}, null);
        assertEquals(h, out.y()[0], TOL);
    }

    @Test
    void gruUpdateGateNearOneKeepsThePreviousStateAndNearZeroTakesTheCandidate() {
        for (CellKind cell : new CellKind[] {CellKind.GRU, CellKind.LBR_GRU}) {
            double[] keep = new double[cell.biasGates()];
            keep[0] = 30;
            double[] take = new double[cell.biasGates()];
            take[0] = -30;
            double[] wx = {0, 0, 0.5}; // only the candidate sees x
            double kept = step(scalar(cell), wx, new double[3], keep, null, null, new double[] {X},
                    new double[] {H0}, null).y()[0];
            double taken = step(scalar(cell), wx, new double[3], take, null, null, new double[] {X},
                    new double[] {H0}, null).y()[0];
            assertEquals(H0, kept, 1e-12, cell.toString());
            assertEquals(Math.tanh(0.5 * X), taken, 1e-12, cell.toString());
        }
    }

    @Test
    void layerWeightsAreInputGateHiddenMajor() {
        // LSTM, I = 2, H = 2: only W[k=1][g=c̃][j=0] = 1; i and o saturated open, f closed.
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 2, 2).build();
        double[] wx = new double[2 * 4 * 2];
        wx[(1 * 4 + 2) * 2 + 0] = 1.0;
        double[] b = {30, 30, -30, -30, 0, 0, 30, 30}; // [G][H]
        Forward out = step(config, wx, new double[2 * 4 * 2], b, null, null, new double[] {0, 2}, null, null);
        assertEquals(Math.tanh(Math.tanh(2)), out.y()[0], 1e-12);
        assertEquals(0.0, out.y()[1], 1e-12);
    }

    @Test
    void iterWeightsAreStateGateHiddenMajor() {
        // LSTM, S = H = 2: only U[k=0][g=c̃][j=1] = 1, h0 = [2, 5].
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 1, 2).build();
        double[] wh = new double[2 * 4 * 2];
        wh[(0 * 4 + 2) * 2 + 1] = 1.0;
        double[] b = {30, 30, -30, -30, 0, 0, 30, 30};
        Forward out = step(config, new double[4 * 2], wh, b, null, null, new double[] {0}, new double[] {2, 5},
                null);
        assertEquals(0.0, out.y()[0], 1e-12);
        assertEquals(Math.tanh(Math.tanh(2)), out.y()[1], 1e-12);
    }
}
