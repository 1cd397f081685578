package org.rnn4j.backend.jvm;

/**
 * oneDNN linear-before-reset GRU: weight gates u, r, o; bias blocks u, r, o, u′:
 * <pre>
 *   u   = σ(W_u x + U_u h_{t−1} + b_u)
 *   r   = σ(W_r x + U_r h_{t−1} + b_r)
 *   o   = tanh(W_o x + b_o + r ⊙ (U_o h_{t−1} + b_u′))
 *   h_t = u ⊙ h_{t−1} + (1 − u) ⊙ o
 * </pre>
 * The recurrent GEMM goes to its own buffer since its o block is needed apart from W_o x.
 */
final class LbrGruKernel implements CellKernel {
    private static final int U = 0;
    private static final int R = 1;
    private static final int O = 2;
    /** The bias block added to U_o h_{t−1} before the reset product. */
    private static final int U_PRIME = 3;

    @Override
    public void forward(WeightRows w, Trace t, Step s) {
        int hs = w.hidden;
        Gemm.clear(Rows.of(t.recurrent, 0), s.rows, 0, 3 * hs);
        Gemm.multAdd(Rows.of(t.h, s.prev), Rows.of(w.iter, 0), Rows.of(t.recurrent, 0), s.rows, w.state, 0,
                3 * hs);
        for (int i = 0; i < s.rows; i++) {
            float[] zx = t.gates[s.packed + i]; // [3, H] W x + b, then gates
            float[] zh = t.recurrent[i]; // [3, H] U h_{t−1}
            float[] linearH = t.aux[s.packed + i]; // [H] U_o h_{t−1} + b_u′
            float[] hPrev = t.h[s.prev + i]; // [H]
            float[] h = t.h[s.cur + i]; // [H]
            for (int j = 0; j < hs; j++) {
                float u = FloatMath.sigmoid(zx[U * hs + j] + zh[U * hs + j]);
                float r = FloatMath.sigmoid(zx[R * hs + j] + zh[R * hs + j]);
                float lin = zh[O * hs + j] + w.bias[U_PRIME * hs + j];
                float o = FloatMath.tanh(zx[O * hs + j] + r * lin);
                linearH[j] = lin;
                zx[U * hs + j] = u;
                zx[R * hs + j] = r;
                zx[O * hs + j] = o;
                h[j] = u * hPrev[j] + (1 - u) * o;
            }
        }
    }

    @Override
    public void backward(WeightRows w, Trace t, Deltas d, GradientRows g, Step s) {
        int hs = w.hidden;
        for (int i = 0; i < s.rows; i++) {
            float[] gate = t.gates[s.packed + i]; // [3, H]
            float[] linearH = t.aux[s.packed + i]; // [H]
            float[] hPrev = t.h[s.prev + i]; // [H]
            float[] dHt = d.dHt[s.packed + i]; // [H]
            float[] dZx = d.dGates[s.packed + i]; // [3, H]
            float[] dZh = d.dRecurrent[s.packed + i]; // [3, H]
            float[] dHPrev = d.carryH[i]; // [H]
            for (int j = 0; j < hs; j++) {
                float u = gate[U * hs + j];
                float r = gate[R * hs + j];
                float o = gate[O * hs + j];
                float dZu = dHt[j] * (hPrev[j] - o) * FloatMath.sigmoidGrad(u);
                float dZo = dHt[j] * (1 - u) * FloatMath.tanhGrad(o);
                float dZr = dZo * linearH[j] * FloatMath.sigmoidGrad(r);
                dZx[U * hs + j] = dZu;
                dZx[R * hs + j] = dZr;
                dZx[O * hs + j] = dZo;
                dZh[U * hs + j] = dZu;
                dZh[R * hs + j] = dZr;
                dZh[O * hs + j] = dZo * r;
                dHPrev[j] = dHt[j] * u;
            }
        }
        Gemm.multAdd(Rows.of(d.dRecurrent, s.packed), Rows.of(w.iterTransposed(), 0), Rows.of(d.carryH, 0), s.rows,
                3 * hs, 0, w.state);
    }

    @Override
    public void weightGradients(WeightRows w, Trace t, Deltas d, GradientRows g, float[][] hPrev) {
        int hs = w.hidden;
        int rows = hPrev.length;
        Gemm.multAddTransA(Rows.of(hPrev, 0), Rows.of(d.dRecurrent, 0), Rows.of(g.iter, 0), w.state, rows, 0,
                3 * hs);
        Rows.addColumnSums(Rows.of(d.dRecurrent, 0, O * hs), rows, hs, g.bias, U_PRIME * hs);
    }
}
