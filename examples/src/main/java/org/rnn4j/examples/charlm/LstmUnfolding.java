package org.rnn4j.examples.charlm;

import org.rnn4j.models.LanguageModel;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.RecurrentOptions;
import org.rnn4j.tensor.TensorScope;

/**
 * A char LM's LSTM unfolded in time, by hand: the gates and states at every step, computed from the
 * model's parameters in PyTorch's layout ({@code embedding.weight} [V, E], {@code rnn.weight_ih_l0}
 * [4H, E], {@code rnn.weight_hh_l0} [4H, H], {@code rnn.bias_ih_l0}, {@code rnn.bias_hh_l0} [4H], gate
 * blocks in the order i, f, g, o) with the LSTM equations written out:
 *
 * <pre>
 *   x_t = embedding[id_t]
 *   i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)      input gate
 *   f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)      forget gate
 *   g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)   candidate cell
 *   o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)      output gate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t                     cell state
 *   h_t = o_t ⊙ tanh(c_t)                               hidden state
 * </pre>
 *
 * @param input  i [T][H]
 * @param forget f [T][H]
 * @param cell   c [T][H]
 * @param output o [T][H]
 * @param hidden h [T][H]
 */
public record LstmUnfolding(float[][] input, float[][] forget, float[][] cell, float[][] output, float[][] hidden) {

    /** Unfolds the first LSTM layer of {@code model} over {@code ids}, from zero states. */
    public static LstmUnfolding of(LanguageModel model, int[] ids) {
        float[][] embedding = parameter(model, "embedding.weight").toFloatArray2();     // [V, E]
        float[][] wIh = parameter(model, "rnn.weight_ih_l0").toFloatArray2();          // [4H, E]
        float[][] wHh = parameter(model, "rnn.weight_hh_l0").toFloatArray2();          // [4H, H]
        float[] bIh = parameter(model, "rnn.bias_ih_l0").toFloatArray();               // [4H]
        float[] bHh = parameter(model, "rnn.bias_hh_l0").toFloatArray();               // [4H]
        int hiddenSize = wHh[0].length;
        int steps = ids.length;
        float[][] i = new float[steps][hiddenSize];
        float[][] f = new float[steps][hiddenSize];
        float[][] c = new float[steps][hiddenSize];
        float[][] o = new float[steps][hiddenSize];
        float[][] h = new float[steps][hiddenSize];
        float[] hPrev = new float[hiddenSize];                                          // h_0 = 0
        float[] cPrev = new float[hiddenSize];                                          // c_0 = 0
        for (int t = 0; t < steps; t++) {
            float[] x = embedding[ids[t]];                                              // x_t
            for (int u = 0; u < hiddenSize; u++) {
                // PyTorch's gate blocks: rows [0, H) input, [H, 2H) forget, [2H, 3H) candidate, [3H, 4H) output
                i[t][u] = sigmoid(preActivation(0 * hiddenSize + u, x, hPrev, wIh, wHh, bIh, bHh));
                f[t][u] = sigmoid(preActivation(1 * hiddenSize + u, x, hPrev, wIh, wHh, bIh, bHh));
                double g = Math.tanh(preActivation(2 * hiddenSize + u, x, hPrev, wIh, wHh, bIh, bHh));
                o[t][u] = sigmoid(preActivation(3 * hiddenSize + u, x, hPrev, wIh, wHh, bIh, bHh));
                c[t][u] = (float) (f[t][u] * cPrev[u] + i[t][u] * g);                  // c_t = f ⊙ c_{t−1} + i ⊙ g
                h[t][u] = (float) (o[t][u] * Math.tanh(c[t][u]));                       // h_t = o ⊙ tanh(c_t)
            }
            hPrev = h[t];
            cPrev = c[t];
        }
        return new LstmUnfolding(i, f, c, o, h);
    }

    /** W_ih[row] · x + b_ih[row] + W_hh[row] · h + b_hh[row]. */
    private static double preActivation(int row, float[] x, float[] h, float[][] wIh, float[][] wHh, float[] bIh,
                                        float[] bHh) {
        double sum = bIh[row] + bHh[row];
        for (int k = 0; k < x.length; k++) {
            sum += (double) wIh[row][k] * x[k];
        }
        for (int k = 0; k < h.length; k++) {
            sum += (double) wHh[row][k] * h[k];
        }
        return sum;
    }

    private static float sigmoid(double z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    private static org.rnn4j.tensor.Tensor parameter(LanguageModel model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model has no parameter " + name
                        + " (a single-layer LSTM char LM from train-charlm is expected)")).value();
    }

    /**
     * The hidden states [T][H] the model's own LSTM layer computes over {@code ids} (its embedding, then
     * its recurrent layer in inference): what {@link #hidden()} must equal.
     */
    public static float[][] modelHiddenStates(LanguageModel model, int[] ids) {
        long[] column = new long[ids.length];
        for (int t = 0; t < ids.length; t++) {
            column[t] = ids[t];
        }
        Embedding embedding = (Embedding) model.network().blocks().get(0);
        try (TensorScope scope = TensorScope.open()) {
            var x = embedding.forward(column, ids.length, 1).output();                          // [T, 1, E]
            float[] y = model.recurrentBlocks().get(0).layer().forward(x, RecurrentOptions.inference()).output()
                    .toFloatArray();                                                            // [T, 1, H]
            int hiddenSize = y.length / ids.length;
            float[][] out = new float[ids.length][hiddenSize];
            for (int t = 0; t < ids.length; t++) {
                System.arraycopy(y, t * hiddenSize, out[t], 0, hiddenSize);
            }
            return out;
        }
    }
}
