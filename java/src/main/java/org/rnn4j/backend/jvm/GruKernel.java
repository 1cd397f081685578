package org.rnn4j.backend.jvm;

/**
 * oneDNN classic GRU, gate order u, r, o (the reset gate is applied before the recurrent GEMM of o, so
 * each step runs two recurrent GEMMs around the pass that computes r):
 * <pre>
 *   u   = σ(W_u x + U_u h_{t−1} + b_u)
 *   r   = σ(W_r x + U_r h_{t−1} + b_r)
 *   o   = tanh(W_o x + U_o (r ⊙ h_{t−1}) + b_o)
 *   h_t = u ⊙ h_{t−1} + (1 − u) ⊙ o
 * </pre>
 */
final class GruKernel implements CellKernel {
    private static final int U = 0;
    private static final int R = 1;
    private static final int O = 2;

    @Override
    public void forward(WeightRows w, Trace t, Step s) {
        int hs = w.hidden;
        Gemm.multAdd(Rows.of(t.h, s.prev), Rows.of(w.iter, 0), Rows.of(t.gates, s.packed), s.rows, w.state,
                U * hs, O * hs);
        for (int i = 0; i < s.rows; i++) {
            float[] z = t.gates[s.packed + i]; // [3, H]
            float[] hPrev = t.h[s.prev + i]; // [H]
            float[] resetH = t.aux[s.packed + i]; // [H] r ⊙ h_{t−1}
            for (int j = 0; j < hs; j++) {
                float u = FloatMath.sigmoid(z[U * hs + j]);
                float r = FloatMath.sigmoid(z[R * hs + j]);
                z[U * hs + j] = u;
                z[R * hs + j] = r;
                resetH[j] = r * hPrev[j];
            }
        }
        Gemm.multAdd(Rows.of(t.aux, s.packed), Rows.of(w.iter, 0), Rows.of(t.gates, s.packed), s.rows, hs,
                O * hs, 3 * hs);
        for (int i = 0; i < s.rows; i++) {
            float[] z = t.gates[s.packed + i]; // [3, H]
            float[] hPrev = t.h[s.prev + i]; // [H]
            float[] h = t.h[s.cur + i]; // [H]
            for (int j = 0; j < hs; j++) {
                float u = z[U * hs + j];
                float o = FloatMath.tanh(z[O * hs + j]);
                z[O * hs + j] = o;
                h[j] = u * hPrev[j] + (1 - u) * o;
            }
        }
    }

    @Override
    public void backward(WeightRows w, Trace t, Deltas d, GradientRows g, Step s) {
        int hs = w.hidden;
        for (int i = 0; i < s.rows; i++) {
            float[] gate = t.gates[s.packed + i]; // [3, H]
            float[] hPrev = t.h[s.prev + i]; // [H]
            float[] dHt = d.dHt[s.packed + i]; // [H]
            float[] dz = d.dGates[s.packed + i]; // [3, H]
            float[] dHPrev = d.carryH[i]; // [H]
            for (int j = 0; j < hs; j++) {
                float u = gate[U * hs + j];
                float o = gate[O * hs + j];
                dz[U * hs + j] = dHt[j] * (hPrev[j] - o) * FloatMath.sigmoidGrad(u);
                dz[O * hs + j] = dHt[j] * (1 - u) * FloatMath.tanhGrad(o);
                dHPrev[j] = dHt[j] * u;
            }
        }
        float[][] iterT = w.iterTransposed(); // [3·H][S]
        Gemm.clear(Rows.of(d.scratch, 0), s.rows, 0, hs);
        Gemm.multAdd(Rows.of(d.dGates, s.packed, O * hs), Rows.of(iterT, O * hs), Rows.of(d.scratch, 0), s.rows,
                hs, 0, hs);
        for (int i = 0; i < s.rows; i++) {
            float[] gate = t.gates[s.packed + i]; // [3, H]
            float[] hPrev = t.h[s.prev + i]; // [H]
            float[] dResetH = d.scratch[i]; // [H] dL/d(r ⊙ h_{t−1})
            float[] dz = d.dGates[s.packed + i]; // [3, H]
            float[] dHPrev = d.carryH[i]; // [H]
            for (int j = 0; j < hs; j++) {
                float r = gate[R * hs + j];
                dz[R * hs + j] = dResetH[j] * hPrev[j] * FloatMath.sigmoidGrad(r);
                dHPrev[j] += dResetH[j] * r;
            }
        }
        Gemm.multAdd(Rows.of(d.dGates, s.packed), Rows.of(iterT, 0), Rows.of(d.carryH, 0), s.rows, O * hs, 0,
                w.state);
    }

    @Override
    public void weightGradients(WeightRows w, Trace t, Deltas d, GradientRows g, float[][] hPrev) {
        int hs = w.hidden;
        int rows = hPrev.length;
        Gemm.multAddTransA(Rows.of(hPrev, 0), Rows.of(d.dGates, 0), Rows.of(g.iter, 0), w.state, rows, U * hs,
                O * hs);
        Gemm.multAddTransA(Rows.of(t.aux, 0), Rows.of(d.dGates, 0), Rows.of(g.iter, 0), hs, rows, O * hs, 3 * hs);
    }
}
