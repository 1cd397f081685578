package org.rnn4j.interop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.io.HostArray;
import org.rnn4j.rnn.RnnWeights;

/**
 * Interchange with PyTorch's recurrent modules ({@code nn.LSTM}, {@code nn.GRU}, {@code nn.RNN}):
 * {@code state_dict}s checked and converted to and from rnn4j's engine weights (oneDNN's layouts), and
 * states. The re-indexing itself is {@link RecurrentLayout}'s alone.
 *
 * <p>Parameters, per layer k and direction (suffix {@code _reverse} for the reverse one), PyTorch →
 * rnn4j ({@link TorchCell} lists the gate orders; G gate blocks, H hidden, P projection size; the
 * conversion itself is {@link RecurrentLayout}'s, which rnn4j's own layers use too):
 * <pre>
 *   weight_ih_l{k} [G*H, Ik]   → weightsLayer block [Ik, G, H]   ldigo[i][g][j] = W[gt(g)*H + j][i]
 *   weight_hh_l{k} [G*H, S]    → weightsIter        [S, G, H]    the same re-indexing
 *   bias_ih_l{k}, bias_hh_l{k} [G*H] → bias [Gb, H]             summed per gate; GRU: u = b_iz + b_hz,
 *                                                               r = b_ir + b_hr, o = b_in, u′ = b_hn
 *   weight_hr_l{k} [P, H]      → projection [H, P]               a transpose (ldio)
 * </pre>
 * PyTorch's {@code bidirectional=True} is {@link Direction#BIDIRECTIONAL_CONCAT} (outputs
 * [forward, reverse]); layer k ≥ 1 reads the previous layer's output of width D*S.
 *
 * <p>States: PyTorch's {@code h_0}/{@code h_n} [L*D, N, S] and {@code c_0}/{@code c_n} [L*D, N, H]
 * index layer-major (row {@code l*D + d}), exactly the memory of rnn4j's [L, D, N, S] and [L, D, N, H]:
 * only the shape differs ({@link #hiddenStateShape}, {@link #cellStateShape}).
 *
 * <p>Bias sums back to two tensors are not unique. {@link #exportWeights} puts each summed bias
 * in {@code bias_ih} and zeros in {@code bias_hh} (except the GRU's {@code b_hn}, which is its own
 * rnn4j gate u′), so PyTorch computes the same function. {@link #exportGradients} gives both
 * {@code bias_ih} and {@code bias_hh} the gradient of their sum (dL/db_ih = dL/db_hh = dL/dbias), and
 * the GRU's {@code b_in} / {@code b_hn} the gradients of gates o / u′.
 *
 * <p>Bias-free modules ({@code bias=False}) are rejected: their {@code state_dict} lacks the bias
 * tensors; save such a module with zero biases instead. Peephole LSTMs, the classic (not
 * linear-before-reset) GRU, sigmoid RNNs and the right-to-left and bidirectional-sum directions have
 * no PyTorch module and cannot be exported.
 */
public final class TorchRnnLayout {
    private TorchRnnLayout() {
    }

    /**
     * Infers layers, input, hidden and projection sizes and bidirectionality from the names and shapes
     * of a {@code state_dict}, and checks every tensor.
     *
     * @throws IllegalArgumentException naming the tensor, expected and actual value, if a tensor is
     *                                  missing (including the biases of a bias-free module), unexpected,
     *                                  not F32 or misshaped
     */
    public static RnnConfig inferConfig(TorchCell cell, Map<String, HostArray> stateDict) {
        return StateDictShapes.infer(cell, stateDict);
    }

    /**
     * Converts a PyTorch {@code state_dict} to rnn4j weights whose {@link RnnWeights#config()} is
     * {@link #inferConfig}'s; the tensors belong to the current {@link org.rnn4j.tensor.TensorScope}.
     */
    public static RnnWeights importStateDict(TorchCell cell, Map<String, HostArray> stateDict) {
        RnnConfig c = inferConfig(cell, stateDict);
        Map<String, float[]> values = new LinkedHashMap<>();
        stateDict.forEach((name, a) -> values.put(name, a.floats()));
        RnnWeights w = RnnWeights.zeros(c);
        RecurrentLayout.toEngine(values, w);
        return w;
    }

    /**
     * rnn4j weights as a PyTorch {@code state_dict} (F32 tensors in PyTorch's order), loadable with
     * {@code module.load_state_dict}; each summed bias goes to {@code bias_ih}, {@code bias_hh} is
     * zero except the GRU's {@code b_hn}.
     */
    public static Map<String, HostArray> exportWeights(RnnWeights weights) {
        checkExportable(Objects.requireNonNull(weights, "weights").config());
        return toHostArrays(weights.config(), RecurrentLayout.weightsFromEngine(weights));
    }

    /**
     * Weight gradients (as written by {@link org.rnn4j.rnn.RnnEngine#backward}) under PyTorch's
     * parameter names, i.e. what {@code param.grad} holds after the same backward in PyTorch.
     */
    public static Map<String, HostArray> exportGradients(RnnWeights gradients) {
        checkExportable(Objects.requireNonNull(gradients, "gradients").config());
        return toHostArrays(gradients.config(), RecurrentLayout.gradientsFromEngine(gradients));
    }

    /** Every {@code state_dict} name of {@code config}'s PyTorch module with its shape, in PyTorch's order. */
    public static Map<String, long[]> stateDictShapes(RnnConfig config) {
        checkExportable(config);
        return StateDictShapes.expectedShapes(config);
    }

    /** PyTorch's {@code h_0}/{@code h_n} shape [L*D, N, S] (the memory of rnn4j's [L, D, N, S]). */
    public static long[] hiddenStateShape(RnnConfig config, int batch) {
        return new long[] {(long) config.layers() * config.directions(), batch, config.stateSize()};
    }

    /** PyTorch's {@code c_0}/{@code c_n} shape [L*D, N, H] (the memory of rnn4j's [L, D, N, H]); LSTM only. */
    public static long[] cellStateShape(RnnConfig config, int batch) {
        if (!config.cell().isLstm()) {
            throw new IllegalArgumentException("cell state is only defined for LSTM, got cell " + config.cell());
        }
        return new long[] {(long) config.layers() * config.directions(), batch, config.hiddenSize()};
    }

    private static Map<String, HostArray> toHostArrays(RnnConfig config, Map<String, float[]> values) {
        Map<String, long[]> shapes = RecurrentLayout.shapes(config);
        Map<String, HostArray> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, HostArray.ofFloats(v, shapes.get(name))));
        return out;
    }

    private static TorchCell checkExportable(RnnConfig c) {
        TorchCell cell = TorchCell.of(c.cell());
        if (c.hasPeephole()) {
            throw new IllegalArgumentException("config must have no peephole (PyTorch's nn.LSTM has none), got " + c);
        }
        if (c.direction() != Direction.LEFT_TO_RIGHT && c.direction() != Direction.BIDIRECTIONAL_CONCAT) {
            throw new IllegalArgumentException("direction must be LEFT_TO_RIGHT or BIDIRECTIONAL_CONCAT (PyTorch's "
                    + "bidirectional=False/True), got " + c.direction());
        }
        return cell;
    }
}
