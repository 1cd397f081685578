package org.rnn4j.bench.scalar;

import org.rnn4j.CellKind;

/**
 * One step of one cell for one sequence, in plain f32 loops: a matrix-vector product per weight matrix
 * (one dot product per output row, the way most Java code writes it), then the gates; backward is the
 * textbook chain rule with outer-product weight gradients. Weights are out-major, {@code w[k][i]} with
 * k = gate · H + j (gate orders of {@link CellKind}).
 *
 * <ul>
 *   <li>tanh/relu RNN: h = act(W x + U h' + b)</li>
 *   <li>LSTM (i, f, c̃, o): c = f c' + i c̃, h = o tanh(c)</li>
 *   <li>GRU (u, r, o): o = tanh(W_o x + U_o (r h') + b_o), h = u h' + (1 − u) o</li>
 *   <li>LBR-GRU: o = tanh(W_o x + b_o + r (U_o h' + b_u′)), h = u h' + (1 − u) o</li>
 * </ul>
 */
final class ScalarCell {
    private final CellKind kind;
    private final int hidden;

    ScalarCell(CellKind kind, int hidden) {
        this.kind = kind;
        this.hidden = hidden;
    }

    /** What backward needs from one forward step. */
    static final class Saved {
        float[] x;      // [Il] input
        float[] hPrev;  // [H]
        float[] cPrev;  // [H] LSTM only
        float[] gates;  // [G*H] after their activations
        float[] c;      // [H] LSTM only
        float[] h;      // [H]
        float[] aux;    // [H] GRU: r ⊙ h'; LBR-GRU: U_o h' + b_u′
    }

    /** Runs the step; {@code w} [GH][Il], {@code u} [GH][H], {@code b} [Gb*H]. */
    Saved forward(float[][] w, float[][] u, float[] b, float[] x, float[] hPrev, float[] cPrev) {
        int hs = hidden;
        int gh = kind.gates() * hs;
        Saved s = new Saved();
        s.x = x;
        s.hPrev = hPrev;
        s.cPrev = cPrev;
        s.gates = new float[gh];
        s.h = new float[hs];
        float[] z = new float[gh]; // [G*H] pre-activations
        for (int k = 0; k < gh; k++) {
            z[k] = b[k] + dot(w[k], x);
        }
        switch (kind) {
            case RNN_TANH, RNN_RELU -> {
                for (int j = 0; j < hs; j++) {
                    float a = z[j] + dot(u[j], hPrev);
                    float h = kind == CellKind.RNN_TANH ? (float) Math.tanh(a) : Math.max(0f, a);
                    s.gates[j] = h;
                    s.h[j] = h;
                }
            }
            case LSTM -> {
                s.c = new float[hs];
                for (int k = 0; k < gh; k++) {
                    z[k] += dot(u[k], hPrev);
                }
                for (int j = 0; j < hs; j++) {
                    float i = sigmoid(z[j]);
                    float f = sigmoid(z[hs + j]);
                    float g = (float) Math.tanh(z[2 * hs + j]);
                    float o = sigmoid(z[3 * hs + j]);
                    s.gates[j] = i;
                    s.gates[hs + j] = f;
                    s.gates[2 * hs + j] = g;
                    s.gates[3 * hs + j] = o;
                    s.c[j] = f * cPrev[j] + i * g;
                    s.h[j] = o * (float) Math.tanh(s.c[j]);
                }
            }
            case GRU -> {
                s.aux = new float[hs];
                for (int k = 0; k < 2 * hs; k++) {
                    z[k] += dot(u[k], hPrev);
                }
                for (int j = 0; j < hs; j++) {
                    s.gates[j] = sigmoid(z[j]);
                    s.gates[hs + j] = sigmoid(z[hs + j]);
                    s.aux[j] = s.gates[hs + j] * hPrev[j];
                }
                for (int j = 0; j < hs; j++) {
                    float o = (float) Math.tanh(z[2 * hs + j] + dot(u[2 * hs + j], s.aux));
                    s.gates[2 * hs + j] = o;
                    s.h[j] = s.gates[j] * hPrev[j] + (1 - s.gates[j]) * o;
                }
            }
            case LBR_GRU -> {
                s.aux = new float[hs];
                for (int j = 0; j < hs; j++) {
                    float uu = sigmoid(z[j] + dot(u[j], hPrev));
                    float r = sigmoid(z[hs + j] + dot(u[hs + j], hPrev));
                    s.aux[j] = dot(u[2 * hs + j], hPrev) + b[3 * hs + j];
                    float o = (float) Math.tanh(z[2 * hs + j] + r * s.aux[j]);
                    s.gates[j] = uu;
                    s.gates[hs + j] = r;
                    s.gates[2 * hs + j] = o;
                    s.h[j] = uu * hPrev[j] + (1 - uu) * o;
                }
            }
            default -> throw new IllegalArgumentException("the scalar baseline has no " + kind + " cell");
        }
        return s;
    }

    /**
     * Back-propagates {@code dHt} (and {@code dCt}, LSTM) through step {@code s}; accumulates into dW, dU, dB,
     * dx, dHPrev, dCPrev.
     */
    void backward(float[][] w, float[][] u, Saved s, float[] dHt, float[] dCt, float[][] dW, float[][] dU,
            float[] dB, float[] dx, float[] dHPrev, float[] dCPrev) {
        int hs = hidden;
        int gh = kind.gates() * hs;
        float[] dz = new float[gh]; // [G*H] gradient wrt the pre-activations of W x + b
        switch (kind) {
            case RNN_TANH, RNN_RELU -> {
                for (int j = 0; j < hs; j++) {
                    float h = s.gates[j];
                    dz[j] = dHt[j] * (kind == CellKind.RNN_TANH ? 1 - h * h : h > 0 ? 1 : 0);
                }
                recurrent(u, s.hPrev, dz, 0, gh, dU, dHPrev);
            }
            case LSTM -> {
                for (int j = 0; j < hs; j++) {
                    float i = s.gates[j];
                    float f = s.gates[hs + j];
                    float g = s.gates[2 * hs + j];
                    float o = s.gates[3 * hs + j];
                    float tc = (float) Math.tanh(s.c[j]);
                    float dc = dCt[j] + dHt[j] * o * (1 - tc * tc);
                    dz[j] = dc * g * i * (1 - i);
                    dz[hs + j] = dc * s.cPrev[j] * f * (1 - f);
                    dz[2 * hs + j] = dc * i * (1 - g * g);
                    dz[3 * hs + j] = dHt[j] * tc * o * (1 - o);
                    dCPrev[j] += dc * f;
                }
                recurrent(u, s.hPrev, dz, 0, gh, dU, dHPrev);
            }
            case GRU -> {
                for (int j = 0; j < hs; j++) {
                    float uu = s.gates[j];
                    float o = s.gates[2 * hs + j];
                    dz[j] = dHt[j] * (s.hPrev[j] - o) * uu * (1 - uu);
                    dz[2 * hs + j] = dHt[j] * (1 - uu) * (1 - o * o);
                    dHPrev[j] += dHt[j] * uu;
                }
                float[] dResetH = new float[hs]; // [H] gradient wrt r ⊙ h'
                recurrent(u, s.aux, dz, 2 * hs, gh, dU, dResetH);
                for (int j = 0; j < hs; j++) {
                    float r = s.gates[hs + j];
                    dz[hs + j] = dResetH[j] * s.hPrev[j] * r * (1 - r);
                    dHPrev[j] += dResetH[j] * r;
                }
                recurrent(u, s.hPrev, dz, 0, 2 * hs, dU, dHPrev);
            }
            case LBR_GRU -> {
                float[] dzh = new float[gh]; // [G*H] gradient wrt U h' (+ b_u′ for the o block)
                for (int j = 0; j < hs; j++) {
                    float uu = s.gates[j];
                    float r = s.gates[hs + j];
                    float o = s.gates[2 * hs + j];
                    dz[j] = dHt[j] * (s.hPrev[j] - o) * uu * (1 - uu);
                    dz[2 * hs + j] = dHt[j] * (1 - uu) * (1 - o * o);
                    dz[hs + j] = dz[2 * hs + j] * s.aux[j] * r * (1 - r);
                    dzh[j] = dz[j];
                    dzh[hs + j] = dz[hs + j];
                    dzh[2 * hs + j] = dz[2 * hs + j] * r;
                    dB[3 * hs + j] += dzh[2 * hs + j];
                    dHPrev[j] += dHt[j] * uu;
                }
                recurrent(u, s.hPrev, dzh, 0, gh, dU, dHPrev);
            }
            default -> throw new IllegalArgumentException("the scalar baseline has no " + kind + " cell");
        }
        for (int k = 0; k < gh; k++) {
            float d = dz[k];
            dB[k] += d;
            float[] wk = w[k];
            float[] dWk = dW[k];
            for (int i = 0; i < wk.length; i++) {
                dWk[i] += d * s.x[i];
                dx[i] += d * wk[i];
            }
        }
    }

    /** Rows [from, to) of U: dU[k] += dz[k] · h, dh += dz[k] · U[k]. */
    private static void recurrent(float[][] u, float[] h, float[] dz, int from, int to, float[][] dU, float[] dh) {
        for (int k = from; k < to; k++) {
            float d = dz[k];
            float[] uk = u[k];
            float[] dUk = dU[k];
            for (int i = 0; i < uk.length; i++) {
                dUk[i] += d * h[i];
                dh[i] += d * uk[i];
            }
        }
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0f;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }
}
