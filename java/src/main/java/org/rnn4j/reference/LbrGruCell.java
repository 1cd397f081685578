package org.rnn4j.reference;

import java.util.Arrays;

/**
 * oneDNN linear-before-reset GRU: weight gates u, r, o; bias blocks u, r, o, u′:
 * <pre>
 *   u   = σ(W_u x + U_u h_{t-1} + b_u)
 *   r   = σ(W_r x + U_r h_{t-1} + b_r)
 *   o   = tanh(W_o x + b_o + r ⊙ (U_o h_{t-1} + b_u′))
 *   h_t = u ⊙ h_{t-1} + (1 − u) ⊙ o
 * </pre>
 */
final class LbrGruCell implements CellStep {
    private static final int U = 0;
    private static final int R = 1;
    private static final int O = 2;
    /** The bias block added to U_o h_{t-1} before the reset product. */
    private static final int U_PRIME = 3;

    @Override
    public StepCache forward(DirectionWeights w, double[] x, double[] hPrev, double[] cPrev) {
        int hs = w.hidden;
        int cols = 3 * hs;
        double[] zx = Arrays.copyOf(w.bias, cols); // [3, H] W x + b (bias blocks u, r, o)
        RowTimesMatrix.forward(x, w.layer, cols, 0, cols, zx);
        double[] zh = new double[cols]; // [3, H] U h_{t-1}
        RowTimesMatrix.forward(hPrev, w.iter, cols, 0, cols, zh);
        double[] gates = new double[cols]; // [3, H]
        double[] linearH = new double[hs]; // [H] U_o h_{t-1} + b_u′
        double[] h = new double[hs]; // [H]
        for (int j = 0; j < hs; j++) {
            double u = Activations.sigmoid(zx[U * hs + j] + zh[U * hs + j]);
            double r = Activations.sigmoid(zx[R * hs + j] + zh[R * hs + j]);
            linearH[j] = zh[O * hs + j] + w.bias[U_PRIME * hs + j];
            double o = Activations.tanh(zx[O * hs + j] + r * linearH[j]);
            gates[U * hs + j] = u;
            gates[R * hs + j] = r;
            gates[O * hs + j] = o;
            h[j] = u * hPrev[j] + (1 - u) * o;
        }
        return new StepCache(x, hPrev, null, gates, h, null, linearH);
    }

    @Override
    public void backward(DirectionWeights w, StepCache s, double[] dHt, double[] dCt, DirectionWeights dW,
            double[] dx, double[] dHPrev, double[] dCPrev) {
        int hs = w.hidden;
        int cols = 3 * hs;
        double[] dZx = new double[cols]; // [3, H] gradient wrt W x + b
        double[] dZh = new double[cols]; // [3, H] gradient wrt U h_{t-1} (+ b_u′ for the o block)
        for (int j = 0; j < hs; j++) {
            double u = s.gates[U * hs + j];
            double r = s.gates[R * hs + j];
            double o = s.gates[O * hs + j];
            double dZu = dHt[j] * (s.hPrev[j] - o) * Activations.sigmoidGrad(u);
            double dZo = dHt[j] * (1 - u) * Activations.tanhGrad(o);
            double dZr = dZo * s.aux[j] * Activations.sigmoidGrad(r);
            double dLinearH = dZo * r;
            dZx[U * hs + j] = dZu;
            dZx[R * hs + j] = dZr;
            dZx[O * hs + j] = dZo;
            dZh[U * hs + j] = dZu;
            dZh[R * hs + j] = dZr;
            dZh[O * hs + j] = dLinearH;
            dW.bias[U_PRIME * hs + j] += dLinearH;
            dHPrev[j] += dHt[j] * u;
        }
        for (int k = 0; k < cols; k++) {
            dW.bias[k] += dZx[k];
        }
        RowTimesMatrix.backward(s.x, w.layer, cols, 0, cols, dZx, dx, dW.layer);
        RowTimesMatrix.backward(s.hPrev, w.iter, cols, 0, cols, dZh, dHPrev, dW.iter);
    }
}
