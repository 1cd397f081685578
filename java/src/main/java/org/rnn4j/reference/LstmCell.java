package org.rnn4j.reference;

import java.util.Arrays;

/**
 * oneDNN LSTM, gate order i, f, c̃, o, with optional peephole P (gates i, f, o) and projection R:
 * <pre>
 *   i   = σ(W_i x + U_i h_{t-1} + b_i [+ P_i ⊙ c_{t-1}])
 *   f   = σ(W_f x + U_f h_{t-1} + b_f [+ P_f ⊙ c_{t-1}])
 *   c̃   = tanh(W_c x + U_c h_{t-1} + b_c)
 *   c_t = f ⊙ c_{t-1} + i ⊙ c̃
 *   o   = σ(W_o x + U_o h_{t-1} + b_o [+ P_o ⊙ c_t])
 *   m   = o ⊙ tanh(c_t)
 *   h_t = m            (or m · R with projection, R of shape [H, P])
 * </pre>
 */
final class LstmCell implements CellStep {
    private static final int I = 0;
    private static final int F = 1;
    private static final int C = 2;
    private static final int O = 3;
    /** Peephole gate blocks. */
    private static final int PEEP_I = 0;
    private static final int PEEP_F = 1;
    private static final int PEEP_O = 2;

    @Override
    public StepCache forward(DirectionWeights w, double[] x, double[] hPrev, double[] cPrev) {
        int hs = w.hidden;
        int cols = 4 * hs;
        double[] z = Arrays.copyOf(w.bias, cols); // [4, H] pre-activations
        RowTimesMatrix.forward(x, w.layer, cols, 0, cols, z);
        RowTimesMatrix.forward(hPrev, w.iter, cols, 0, cols, z);
        double[] gates = new double[cols]; // [4, H]
        double[] c = new double[hs]; // [H]
        double[] tanhC = new double[hs]; // [H]
        double[] m = new double[hs]; // [H]
        for (int j = 0; j < hs; j++) {
            double zi = z[I * hs + j];
            double zf = z[F * hs + j];
            if (w.peephole != null) {
                zi += w.peephole[PEEP_I * hs + j] * cPrev[j];
                zf += w.peephole[PEEP_F * hs + j] * cPrev[j];
            }
            double gi = Activations.sigmoid(zi);
            double gf = Activations.sigmoid(zf);
            double gc = Activations.tanh(z[C * hs + j]);
            c[j] = gf * cPrev[j] + gi * gc;
            double zo = z[O * hs + j];
            if (w.peephole != null) {
                zo += w.peephole[PEEP_O * hs + j] * c[j];
            }
            double go = Activations.sigmoid(zo);
            tanhC[j] = Activations.tanh(c[j]);
            m[j] = go * tanhC[j];
            gates[I * hs + j] = gi;
            gates[F * hs + j] = gf;
            gates[C * hs + j] = gc;
            gates[O * hs + j] = go;
        }
        double[] h = m;
        if (w.projection != null) {
            h = new double[w.projectionSize]; // [P]
            RowTimesMatrix.forward(m, w.projection, w.projectionSize, 0, w.projectionSize, h);
        }
        return new StepCache(x, hPrev, cPrev, gates, h, c, tanhC);
    }

    @Override
    public void backward(DirectionWeights w, StepCache s, double[] dHt, double[] dCt, DirectionWeights dW,
            double[] dx, double[] dHPrev, double[] dCPrev) {
        int hs = w.hidden;
        int cols = 4 * hs;
        double[] dM = dHt; // [H] gradient wrt o ⊙ tanh(c_t)
        if (w.projection != null) {
            double[] m = new double[hs]; // [H]
            for (int j = 0; j < hs; j++) {
                m[j] = s.gates[O * hs + j] * s.aux[j];
            }
            dM = new double[hs];
            RowTimesMatrix.backward(m, w.projection, w.projectionSize, 0, w.projectionSize, dHt, dM, dW.projection);
        }
        double[] dz = new double[cols]; // [4, H] gradient wrt pre-activations
        for (int j = 0; j < hs; j++) {
            double gi = s.gates[I * hs + j];
            double gf = s.gates[F * hs + j];
            double gc = s.gates[C * hs + j];
            double go = s.gates[O * hs + j];
            double tanhC = s.aux[j];
            double cPrev = s.cPrev[j];
            double dZo = dM[j] * tanhC * Activations.sigmoidGrad(go);
            double dC = dCt[j] + dM[j] * go * Activations.tanhGrad(tanhC);
            if (w.peephole != null) {
                dC += w.peephole[PEEP_O * hs + j] * dZo;
                dW.peephole[PEEP_O * hs + j] += dZo * s.c[j];
            }
            double dZi = dC * gc * Activations.sigmoidGrad(gi);
            double dZf = dC * cPrev * Activations.sigmoidGrad(gf);
            double dZc = dC * gi * Activations.tanhGrad(gc);
            dCPrev[j] += dC * gf;
            if (w.peephole != null) {
                dCPrev[j] += w.peephole[PEEP_I * hs + j] * dZi + w.peephole[PEEP_F * hs + j] * dZf;
                dW.peephole[PEEP_I * hs + j] += dZi * cPrev;
                dW.peephole[PEEP_F * hs + j] += dZf * cPrev;
            }
            dz[I * hs + j] = dZi;
            dz[F * hs + j] = dZf;
            dz[C * hs + j] = dZc;
            dz[O * hs + j] = dZo;
        }
        for (int k = 0; k < cols; k++) {
            dW.bias[k] += dz[k];
        }
        RowTimesMatrix.backward(s.x, w.layer, cols, 0, cols, dz, dx, dW.layer);
        RowTimesMatrix.backward(s.hPrev, w.iter, cols, 0, cols, dz, dHPrev, dW.iter);
    }
}
