package org.rnn4j.backend.jvm;

import org.rnn4j.CellKind;

/** h_t = act(W x + U h_{t−1} + b) with act = tanh, relu (alpha 0) or logistic sigmoid. */
final class VanillaKernel implements CellKernel {
    private final CellKind kind;

    VanillaKernel(CellKind kind) {
        this.kind = kind;
    }

    @Override
    public void forward(WeightRows w, Trace t, Step s) {
        int hs = w.hidden;
        Gemm.multAdd(Rows.of(t.h, s.prev), Rows.of(w.iter, 0), Rows.of(t.gates, s.packed), s.rows, w.state, 0, hs);
        for (int i = 0; i < s.rows; i++) {
            float[] z = t.gates[s.packed + i]; // [H] pre-activation, then h_t
            float[] h = t.h[s.cur + i]; // [H]
            for (int j = 0; j < hs; j++) {
                float v = activate(z[j]);
                z[j] = v;
                h[j] = v;
            }
        }
    }

    @Override
    public void backward(WeightRows w, Trace t, Deltas d, GradientRows g, Step s) {
        int hs = w.hidden;
        for (int i = 0; i < s.rows; i++) {
            float[] out = t.gates[s.packed + i]; // [H] h_t
            float[] dHt = d.dHt[s.packed + i]; // [H]
            float[] dz = d.dGates[s.packed + i]; // [H]
            for (int j = 0; j < hs; j++) {
                dz[j] = dHt[j] * gradient(out[j]);
            }
        }
        Gemm.clear(Rows.of(d.carryH, 0), s.rows, 0, w.state);
        Gemm.multAdd(Rows.of(d.dGates, s.packed), Rows.of(w.iterTransposed(), 0), Rows.of(d.carryH, 0), s.rows,
                hs, 0, w.state);
    }

    @Override
    public void weightGradients(WeightRows w, Trace t, Deltas d, GradientRows g, float[][] hPrev) {
        Gemm.multAddTransA(Rows.of(hPrev, 0), Rows.of(d.dGates, 0), Rows.of(g.iter, 0), w.state, hPrev.length, 0,
                w.hidden);
    }

    private float activate(float z) {
        switch (kind) {
            case RNN_TANH:
                return FloatMath.tanh(z);
            case RNN_RELU:
                return FloatMath.relu(z);
            case RNN_SIGMOID:
                return FloatMath.sigmoid(z);
            default:
                throw new IllegalStateException("not a vanilla cell: " + kind);
        }
    }

    /** Derivative of the activation given its output. */
    private float gradient(float out) {
        switch (kind) {
            case RNN_TANH:
                return FloatMath.tanhGrad(out);
            case RNN_RELU:
                return FloatMath.reluGrad(out);
            case RNN_SIGMOID:
                return FloatMath.sigmoidGrad(out);
            default:
                throw new IllegalStateException("not a vanilla cell: " + kind);
        }
    }
}
