package org.rnn4j.reference;

import java.util.Arrays;

/**
 * oneDNN classic GRU, gate order u, r, o (the reset gate is applied before the recurrent matmul):
 * <pre>
 *   u   = σ(W_u x + U_u h_{t-1} + b_u)
 *   r   = σ(W_r x + U_r h_{t-1} + b_r)
 *   o   = tanh(W_o x + U_o (r ⊙ h_{t-1}) + b_o)
 *   h_t = u ⊙ h_{t-1} + (1 − u) ⊙ o
 * </pre>
 */
final class GruCell implements CellStep {
    private static final int U = 0;
    private static final int R = 1;
    private static final int O = 2;

    @Override
    public StepCache forward(DirectionWeights w, double[] x, double[] hPrev, double[] cPrev) {
        int hs = w.hidden;
        int cols = 3 * hs;
        double[] z = Arrays.copyOf(w.bias, cols); // [3, H] pre-activations
        RowTimesMatrix.forward(x, w.layer, cols, 0, cols, z);
        RowTimesMatrix.forward(hPrev, w.iter, cols, U * hs, O * hs, z);
        double[] gates = new double[cols]; // [3, H]
        double[] resetH = new double[hs]; // [H] r ⊙ h_{t-1}
        for (int j = 0; j < hs; j++) {
            gates[U * hs + j] = Activations.sigmoid(z[U * hs + j]);
            gates[R * hs + j] = Activations.sigmoid(z[R * hs + j]);
            resetH[j] = gates[R * hs + j] * hPrev[j];
        }
        RowTimesMatrix.forward(resetH, w.iter, cols, O * hs, cols, z);
        double[] h = new double[hs]; // [H]
        for (int j = 0; j < hs; j++) {
            double u = gates[U * hs + j];
            double o = Activations.tanh(z[O * hs + j]);
            gates[O * hs + j] = o;
            h[j] = u * hPrev[j] + (1 - u) * o;
        }
        return new StepCache(x, hPrev, null, gates, h, null, resetH);
    }

    @Override
    public void backward(DirectionWeights w, StepCache s, double[] dHt, double[] dCt, DirectionWeights dW,
            double[] dx, double[] dHPrev, double[] dCPrev) {
        int hs = w.hidden;
        int cols = 3 * hs;
        double[] dz = new double[cols]; // [3, H] gradient wrt pre-activations
        for (int j = 0; j < hs; j++) {
            double u = s.gates[U * hs + j];
            double o = s.gates[O * hs + j];
            dz[U * hs + j] = dHt[j] * (s.hPrev[j] - o) * Activations.sigmoidGrad(u);
            dz[O * hs + j] = dHt[j] * (1 - u) * Activations.tanhGrad(o);
            dHPrev[j] += dHt[j] * u;
        }
        double[] dResetH = new double[hs]; // [H] gradient wrt r ⊙ h_{t-1}
        RowTimesMatrix.backward(s.aux, w.iter, cols, O * hs, cols, dz, dResetH, dW.iter);
        for (int j = 0; j < hs; j++) {
            double r = s.gates[R * hs + j];
            dz[R * hs + j] = dResetH[j] * s.hPrev[j] * Activations.sigmoidGrad(r);
            dHPrev[j] += dResetH[j] * r;
        }
        for (int k = 0; k < cols; k++) {
            dW.bias[k] += dz[k];
        }
        RowTimesMatrix.backward(s.x, w.layer, cols, 0, cols, dz, dx, dW.layer);
        RowTimesMatrix.backward(s.hPrev, w.iter, cols, U * hs, O * hs, dz, dHPrev, dW.iter);
    }
}
