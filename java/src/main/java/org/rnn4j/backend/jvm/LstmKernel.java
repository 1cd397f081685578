package org.rnn4j.backend.jvm;

/**
 * oneDNN LSTM, gate order i, f, c̃, o, optional peephole P (gates i, f, o) and projection R:
 * <pre>
 *   i   = σ(W_i x + U_i h_{t−1} + b_i [+ P_i ⊙ c_{t−1}])
 *   f   = σ(W_f x + U_f h_{t−1} + b_f [+ P_f ⊙ c_{t−1}])
 *   c̃   = tanh(W_c x + U_c h_{t−1} + b_c)
 *   c_t = f ⊙ c_{t−1} + i ⊙ c̃
 *   o   = σ(W_o x + U_o h_{t−1} + b_o [+ P_o ⊙ c_t])
 *   m   = o ⊙ tanh(c_t)
 *   h_t = m            (or m · R with projection, R of shape [H, P])
 * </pre>
 */
final class LstmKernel implements CellKernel {
    private static final int I = 0;
    private static final int F = 1;
    private static final int C = 2;
    private static final int O = 3;

    @Override
    public void forward(WeightRows w, Trace t, Step s) {
        int hs = w.hidden;
        Gemm.multAdd(Rows.of(t.h, s.prev), Rows.of(w.iter, 0), Rows.of(t.gates, s.packed), s.rows, w.state, 0,
                4 * hs);
        float[] peep = w.peephole; // [3, H] i, f, o
        for (int i = 0; i < s.rows; i++) {
            float[] z = t.gates[s.packed + i]; // [4, H] pre-activations, then gates
            float[] cPrev = t.c[s.prev + i]; // [H]
            float[] c = t.c[s.cur + i]; // [H]
            float[] tanhC = t.aux[s.packed + i]; // [H]
            float[] m = w.projection == null ? t.h[s.cur + i] : t.m[s.packed + i]; // [H]
            for (int j = 0; j < hs; j++) {
                float zi = z[I * hs + j];
                float zf = z[F * hs + j];
                if (peep != null) {
                    zi += peep[j] * cPrev[j];
                    zf += peep[hs + j] * cPrev[j];
                }
                float gi = FloatMath.sigmoid(zi);
                float gf = FloatMath.sigmoid(zf);
                float gc = FloatMath.tanh(z[C * hs + j]);
                float ct = gf * cPrev[j] + gi * gc;
                float zo = z[O * hs + j];
                if (peep != null) {
                    zo += peep[2 * hs + j] * ct;
                }
                float go = FloatMath.sigmoid(zo);
                float tc = FloatMath.tanh(ct);
                c[j] = ct;
                tanhC[j] = tc;
                m[j] = go * tc;
                z[I * hs + j] = gi;
                z[F * hs + j] = gf;
                z[C * hs + j] = gc;
                z[O * hs + j] = go;
            }
        }
        if (w.projection != null) {
            Gemm.multAdd(Rows.of(t.m, s.packed), Rows.of(w.projection, 0), Rows.of(t.h, s.cur), s.rows, hs, 0,
                    w.projectionSize);
        }
    }

    @Override
    public void backward(WeightRows w, Trace t, Deltas d, GradientRows g, Step s) {
        int hs = w.hidden;
        float[][] dMRows = d.dHt; // [R][H] dL/dm, or [N][H] from the projection's backward
        int dMFirst = s.packed;
        if (w.projection != null) {
            Gemm.clear(Rows.of(d.scratch, 0), s.rows, 0, hs);
            Gemm.multAdd(Rows.of(d.dHt, s.packed), Rows.of(w.projectionTransposed(), 0), Rows.of(d.scratch, 0),
                    s.rows, w.projectionSize, 0, hs);
            dMRows = d.scratch;
            dMFirst = 0;
        }
        float[] peep = w.peephole; // [3, H]
        float[] dPeep = g.peephole; // [3, H]
        for (int i = 0; i < s.rows; i++) {
            float[] gate = t.gates[s.packed + i]; // [4, H]
            float[] tanhC = t.aux[s.packed + i]; // [H]
            float[] cPrev = t.c[s.prev + i]; // [H]
            float[] c = t.c[s.cur + i]; // [H]
            float[] dM = dMRows[dMFirst + i]; // [H]
            float[] dCt = d.carryC[i]; // [H] dL/dc_t in, dL/dc_{t−1} out
            float[] dz = d.dGates[s.packed + i]; // [4, H]
            for (int j = 0; j < hs; j++) {
                float gi = gate[I * hs + j];
                float gf = gate[F * hs + j];
                float gc = gate[C * hs + j];
                float go = gate[O * hs + j];
                float tc = tanhC[j];
                float dZo = dM[j] * tc * FloatMath.sigmoidGrad(go);
                float dC = dCt[j] + dM[j] * go * FloatMath.tanhGrad(tc);
                if (peep != null) {
                    dC += peep[2 * hs + j] * dZo;
                    dPeep[2 * hs + j] += dZo * c[j];
                }
                float dZi = dC * gc * FloatMath.sigmoidGrad(gi);
                float dZf = dC * cPrev[j] * FloatMath.sigmoidGrad(gf);
                float dZc = dC * gi * FloatMath.tanhGrad(gc);
                float dCPrev = dC * gf;
                if (peep != null) {
                    dCPrev += peep[j] * dZi + peep[hs + j] * dZf;
                    dPeep[j] += dZi * cPrev[j];
                    dPeep[hs + j] += dZf * cPrev[j];
                }
                dCt[j] = dCPrev;
                dz[I * hs + j] = dZi;
                dz[F * hs + j] = dZf;
                dz[C * hs + j] = dZc;
                dz[O * hs + j] = dZo;
            }
        }
        Gemm.clear(Rows.of(d.carryH, 0), s.rows, 0, w.state);
        Gemm.multAdd(Rows.of(d.dGates, s.packed), Rows.of(w.iterTransposed(), 0), Rows.of(d.carryH, 0), s.rows,
                4 * hs, 0, w.state);
    }

    @Override
    public void weightGradients(WeightRows w, Trace t, Deltas d, GradientRows g, float[][] hPrev) {
        int rows = hPrev.length;
        Gemm.multAddTransA(Rows.of(hPrev, 0), Rows.of(d.dGates, 0), Rows.of(g.iter, 0), w.state, rows, 0,
                4 * w.hidden);
        if (w.projection != null) {
            Gemm.multAddTransA(Rows.of(t.m, 0), Rows.of(d.dHt, 0), Rows.of(g.projection, 0), w.hidden, rows, 0,
                    w.projectionSize);
        }
    }
}
