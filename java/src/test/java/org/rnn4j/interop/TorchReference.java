package org.rnn4j.interop;

import java.util.Map;

/**
 * PyTorch's {@code nn.LSTM}, {@code nn.GRU} and {@code nn.RNN} forward, written directly from
 * PyTorch's documented equations with PyTorch's parameter names and layouts, in double precision,
 * independent of rnn4j's layouts: the oracle for the import/export conversions.
 *
 * <p>Parameters are read by {@code state_dict} name; {@code weight_ih_l{k}} is [G*H, K] row-major
 * with the gate blocks stacked (LSTM W_ii|W_if|W_ig|W_io, GRU W_ir|W_iz|W_in), likewise
 * {@code weight_hh_l{k}} (W_hi|W_hf|W_hg|W_ho, GRU W_hr|W_hz|W_hn) and the biases; LSTM projection
 * {@code weight_hr_l{k}} is [P, H]. States are [L*D, N, H_out] with row {@code layer*D + direction}.
 * Variable lengths are pack_padded_sequence → module → pad_packed_sequence: each sequence runs
 * alone over its own length (the reverse direction from its own last step), outputs are zero past it
 * and the output has max(lengths) steps.
 */
public final class TorchReference {
    /** Output [T_out, N, D*H_out] with T_out = max(lengths), h_n [L*D, N, H_out], c_n [L*D, N, H] (LSTM, else null). */
    public record Result(double[] output, int outputSteps, double[] hn, double[] cn) {
    }

    private final TorchCell cell;
    private final Map<String, double[]> p;
    private final int layers;
    private final int directions;
    private final int inputSize;
    private final int hiddenSize;
    private final int projSize;

    /** {@code projSize} 0 means no projection; only {@code nn.LSTM} has one. */
    public TorchReference(TorchCell cell, Map<String, double[]> stateDict, int layers, boolean bidirectional,
                          int inputSize, int hiddenSize, int projSize) {
        this.cell = cell;
        this.p = stateDict;
        this.layers = layers;
        this.directions = bidirectional ? 2 : 1;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.projSize = projSize;
    }

    /** H_out: proj_size if > 0, else hidden_size. */
    public int outputSize() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    /**
     * @param x       input [T, N, I] (batch_first=False)
     * @param lengths per-sequence lengths, or null for all T
     * @param h0      [L*D, N, H_out], or null for zeros
     * @param c0      [L*D, N, H] (LSTM), or null for zeros
     */
    public Result forward(double[] x, int steps, int batch, int[] lengths, double[] h0, double[] c0) {
        int hOut = outputSize();
        int width = directions * hOut;
        int outSteps = 0;
        for (int n = 0; n < batch; n++) {
            outSteps = Math.max(outSteps, lengths == null ? steps : lengths[n]);
        }
        double[] output = new double[outSteps * batch * width];
        double[] hn = new double[layers * directions * batch * hOut];
        double[] cn = cell == TorchCell.LSTM ? new double[layers * directions * batch * hiddenSize] : null;
        for (int n = 0; n < batch; n++) {
            int len = lengths == null ? steps : lengths[n];
            double[][] layerInput = new double[len][];
            for (int t = 0; t < len; t++) {
                layerInput[t] = slice(x, (t * batch + n) * inputSize, inputSize);
            }
            for (int layer = 0; layer < layers; layer++) {
                double[][] layerOutput = new double[len][width];
                for (int dir = 0; dir < directions; dir++) {
                    String sfx = "_l" + layer + (dir == 1 ? "_reverse" : "");
                    int row = layer * directions + dir;
                    double[] h = h0 == null ? new double[hOut] : slice(h0, (row * batch + n) * hOut, hOut);
                    double[] c = c0 == null ? new double[hiddenSize] : slice(c0, (row * batch + n) * hiddenSize,
                            hiddenSize);
                    for (int s = 0; s < len; s++) {
                        int t = dir == 0 ? s : len - 1 - s;
                        double[][] hc = step(sfx, layerInput[t], h, c);
                        h = hc[0];
                        c = hc[1];
                        System.arraycopy(h, 0, layerOutput[t], dir * hOut, hOut);
                    }
                    System.arraycopy(h, 0, hn, (row * batch + n) * hOut, hOut);
                    if (cn != null) {
                        System.arraycopy(c, 0, cn, (row * batch + n) * hiddenSize, hiddenSize);
                    }
                }
                layerInput = layerOutput;
            }
            for (int t = 0; t < len; t++) {
                System.arraycopy(layerInput[t], 0, output, (t * batch + n) * width, width);
            }
        }
        return new Result(output, outSteps, hn, cn);
    }

    /** One step of one layer and direction: {h', c'} (c' unused except for LSTM). */
    private double[][] step(String sfx, double[] x, double[] h, double[] c) {
        double[] wIh = p.get("weight_ih" + sfx), wHh = p.get("weight_hh" + sfx);
        double[] bIh = p.get("bias_ih" + sfx), bHh = p.get("bias_hh" + sfx);
        int hs = hiddenSize;
        double[] h1 = new double[hs];
        double[] c1 = c;
        switch (cell) {
            case LSTM -> {
                c1 = new double[hs];
                double[] i = affine(wIh, bIh, 0, hs, x), iH = affine(wHh, bHh, 0, hs, h);
                double[] f = affine(wIh, bIh, 1, hs, x), fH = affine(wHh, bHh, 1, hs, h);
                double[] g = affine(wIh, bIh, 2, hs, x), gH = affine(wHh, bHh, 2, hs, h);
                double[] o = affine(wIh, bIh, 3, hs, x), oH = affine(wHh, bHh, 3, hs, h);
                for (int j = 0; j < hs; j++) {
                    double it = sigmoid(i[j] + iH[j]);   // i_t = σ(W_ii x + b_ii + W_hi h + b_hi)
                    double ft = sigmoid(f[j] + fH[j]);   // f_t = σ(W_if x + b_if + W_hf h + b_hf)
                    double gt = Math.tanh(g[j] + gH[j]); // g_t = tanh(W_ig x + b_ig + W_hg h + b_hg)
                    double ot = sigmoid(o[j] + oH[j]);   // o_t = σ(W_io x + b_io + W_ho h + b_ho)
                    c1[j] = ft * c[j] + it * gt;         // c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
                    h1[j] = ot * Math.tanh(c1[j]);       // h_t = o_t ⊙ tanh(c_t)
                }
                if (projSize > 0) {
                    h1 = affine(p.get("weight_hr" + sfx), new double[projSize], 0, projSize, h1); // h_t = W_hr h_t
                }
            }
            case GRU -> {
                double[] r = affine(wIh, bIh, 0, hs, x), rH = affine(wHh, bHh, 0, hs, h);
                double[] z = affine(wIh, bIh, 1, hs, x), zH = affine(wHh, bHh, 1, hs, h);
                double[] n = affine(wIh, bIh, 2, hs, x), nH = affine(wHh, bHh, 2, hs, h);
                for (int j = 0; j < hs; j++) {
                    double rt = sigmoid(r[j] + rH[j]);       // r_t = σ(W_ir x + b_ir + W_hr h + b_hr)
                    double zt = sigmoid(z[j] + zH[j]);       // z_t = σ(W_iz x + b_iz + W_hz h + b_hz)
                    double nt = Math.tanh(n[j] + rt * nH[j]); // n_t = tanh(W_in x + b_in + r_t ⊙ (W_hn h + b_hn))
                    h1[j] = (1 - zt) * nt + zt * h[j];       // h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
                }
            }
            case RNN_TANH, RNN_RELU -> {
                double[] a = affine(wIh, bIh, 0, hs, x), aH = affine(wHh, bHh, 0, hs, h);
                for (int j = 0; j < hs; j++) {
                    double pre = a[j] + aH[j];               // W_ih x + b_ih + W_hh h + b_hh
                    h1[j] = cell == TorchCell.RNN_TANH ? Math.tanh(pre) : Math.max(0, pre);
                }
            }
            default -> throw new AssertionError(cell);
        }
        return new double[][] {h1, c1};
    }

    /** W[block*rows : (block+1)*rows, :] v + b[block*rows : (block+1)*rows], W row-major with v.length columns. */
    private static double[] affine(double[] w, double[] b, int block, int rows, double[] v) {
        double[] out = new double[rows];
        for (int j = 0; j < rows; j++) {
            int row = block * rows + j;
            double sum = b[row];
            for (int k = 0; k < v.length; k++) {
                sum += w[row * v.length + k] * v[k];
            }
            out[j] = sum;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double[] slice(double[] a, int offset, int length) {
        double[] out = new double[length];
        System.arraycopy(a, offset, out, 0, length);
        return out;
    }
}
