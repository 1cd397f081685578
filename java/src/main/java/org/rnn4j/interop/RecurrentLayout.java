package org.rnn4j.interop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.interop.TorchNames.Kind;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;

/**
 * rnn4j's one naming scheme and layout for recurrent parameters — PyTorch's, extended to the cells and
 * directions PyTorch lacks — and the one conversion to and from the engines' {@link RnnWeights}
 * (oneDNN's layouts). Used by {@link org.rnn4j.nn.Recurrent}'s parameters, checkpoints, model files and
 * {@link TorchRnnLayout}.
 *
 * <p>Per layer k and direction (G gate blocks, H hidden, P projection, S = P or H, I_k the layer input:
 * I for k = 0, else the previous layer's output width):
 * <pre>
 *   weight_ih_l{k}        [G*H, I_k]   → weightsLayer block [I_k, G, H]   ldigo[i][g][j] = W[gt(g)*H + j][i]
 *   weight_hh_l{k}        [G*H, S]     → weightsIter block  [S, G, H]     the same re-indexing
 *   bias_ih_l{k}          [G*H]        ┐ → bias block [Gb, H]             summed per gate (see {@link GateOrder})
 *   bias_hh_l{k}          [G*H]        ┘
 *   weight_hr_l{k}        [P, H]       → projection block [H, P]          a transpose (LSTM with projection)
 *   weight_peephole_l{k}  [3, H]       → peephole block [3, H]            gates i, f, o (LSTM with peephole)
 * </pre>
 * Rows are PyTorch's gate blocks: LSTM i, f, g, o; both GRUs r, z, n; RNNs one block. The second
 * direction of a bidirectional layer (concat or sum) has the suffix {@code _reverse}; so does the only
 * direction of a right-to-left layer. Cells PyTorch lacks follow the same scheme: the classic GRU's
 * {@code bias_ih} and {@code bias_hh} are summed for every gate (its reset gate multiplies h before
 * the recurrent matmul, so there is no separate b_hn), the sigmoid RNN is laid out as {@code nn.RNN}.
 *
 * <p>From the engine's layout back: a summed bias is not unique. {@link #weightsFromEngine} puts the
 * sum in {@code bias_ih} and zeros in {@code bias_hh} (except the LBR-GRU's {@code b_hn}, its own gate
 * u′), which computes the same function; {@link #gradientsFromEngine} gives {@code bias_ih} and
 * {@code bias_hh} each the gradient of the gate they add to (dL/db_ih = dL/db_hh = dL/dbias).
 */
public final class RecurrentLayout {
    /** How a summed bias is split back into {@code bias_ih} and {@code bias_hh}. */
    private enum BiasSplit {
        /** The sum in bias_ih, zeros in bias_hh (unless bias_hh has its own gate). */
        WEIGHTS,
        /** Both get the gradient of the gate they add to. */
        GRADIENTS
    }

    private RecurrentLayout() {
    }

    /** Every parameter name of {@code config} with its shape, layer by layer, direction by direction. */
    public static Map<String, long[]> shapes(RnnConfig config) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (int l = 0; l < config.layers(); l++) {
            for (int d = 0; d < config.directions(); d++) {
                m.putAll(shapes(config, l, d));
            }
        }
        return m;
    }

    /**
     * The parameter names and shapes of one layer and direction.
     *
     * @param direction 0 = the first (left to right, or right to left in a right-to-left layer), 1 = the
     *                  reverse of a bidirectional layer
     */
    public static Map<String, long[]> shapes(RnnConfig config, int layer, int direction) {
        Objects.requireNonNull(config, "config");
        Objects.checkIndex(layer, config.layers());
        Objects.checkIndex(direction, config.directions());
        long rows = (long) config.cell().gates() * config.hiddenSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put(name(config, Kind.WEIGHT_IH, layer, direction), new long[] {rows, config.layerInputSize(layer)});
        m.put(name(config, Kind.WEIGHT_HH, layer, direction), new long[] {rows, config.stateSize()});
        m.put(name(config, Kind.BIAS_IH, layer, direction), new long[] {rows});
        m.put(name(config, Kind.BIAS_HH, layer, direction), new long[] {rows});
        if (config.hasProjection()) {
            m.put(name(config, Kind.WEIGHT_HR, layer, direction),
                    new long[] {config.projectionSize(), config.hiddenSize()});
        }
        if (config.hasPeephole()) {
            m.put(name(config, Kind.WEIGHT_PEEPHOLE, layer, direction), new long[] {3, config.hiddenSize()});
        }
        return m;
    }

    /**
     * Writes every tensor of {@code into} from parameters in this layout ({@code parameters} holds
     * each name of {@link #shapes} with as many values as its shape).
     */
    public static void toEngine(Map<String, float[]> parameters, RnnWeights into) {
        Objects.requireNonNull(parameters, "parameters");
        RnnConfig c = Objects.requireNonNull(into, "into").config();
        GateOrder order = GateOrder.of(c.cell());
        int[] rowsOf = order.torchGateOf();
        int dirs = c.directions(), gates = c.cell().gates(), biasGates = c.cell().biasGates();
        int h = c.hiddenSize(), s = c.stateSize(), p = c.projectionSize();
        float[] layer = new float[(int) into.weightsLayer().size()];
        float[] iter = new float[(int) into.weightsIter().size()];
        float[] bias = new float[(int) into.bias().size()];
        float[] projection = c.hasProjection() ? new float[(int) into.projection().size()] : null;
        float[] peephole = c.hasPeephole() ? new float[(int) into.peephole().size()] : null;
        for (int l = 0; l < c.layers(); l++) {
            int in = c.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                int block = l * dirs + d;
                GateBlocks.toLdigo(values(parameters, c, Kind.WEIGHT_IH, l, d), rowsOf, h, in, layer,
                        (int) into.weightsLayerOffset(l) + d * in * gates * h);
                GateBlocks.toLdigo(values(parameters, c, Kind.WEIGHT_HH, l, d), rowsOf, h, s, iter,
                        block * s * gates * h);
                float[] bIh = values(parameters, c, Kind.BIAS_IH, l, d);
                float[] bHh = values(parameters, c, Kind.BIAS_HH, l, d);
                addBiases(order, h, bIh, bHh, bias, block * biasGates * h);
                if (projection != null) {
                    GateBlocks.toLdigo(values(parameters, c, Kind.WEIGHT_HR, l, d), new int[] {0}, p, h, projection,
                            block * h * p);
                }
                if (peephole != null) {
                    System.arraycopy(values(parameters, c, Kind.WEIGHT_PEEPHOLE, l, d), 0, peephole, block * 3 * h,
                            3 * h);
                }
            }
        }
        into.weightsLayer().copyFrom(layer);
        into.weightsIter().copyFrom(iter);
        into.bias().copyFrom(bias);
        if (projection != null) {
            into.projection().copyFrom(projection);
        }
        if (peephole != null) {
            into.peephole().copyFrom(peephole);
        }
    }

    /** Engine weights in this layout, by name in {@link #shapes} order; each summed bias goes to {@code bias_ih}. */
    public static Map<String, float[]> weightsFromEngine(RnnWeights weights) {
        return fromEngine(weights, BiasSplit.WEIGHTS);
    }

    /**
     * Engine weight gradients (as {@link org.rnn4j.rnn.RnnEngine#backward} writes them) in this layout:
     * what {@code param.grad} holds after the same backward in PyTorch.
     */
    public static Map<String, float[]> gradientsFromEngine(RnnWeights gradients) {
        return fromEngine(gradients, BiasSplit.GRADIENTS);
    }

    /**
     * Writes every tensor of {@code into} from parameter tensors in this layout ({@code parameters} holds
     * each name of {@link #shapes} with as many values as its shape): {@link #toEngine} without the copies
     * through Java arrays (natively, where librnn4j is loaded; same values).
     */
    public static void tensorsToEngine(Map<String, Tensor> parameters, RnnWeights into) {
        RnnConfig c = Objects.requireNonNull(into, "into").config();
        checkTensors(Objects.requireNonNull(parameters, "parameters"), c, "parameters");
        if (NativeGateBlocks.available()) {
            NativeGateBlocks.toEngine(parameters, into);
            return;
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        parameters.forEach((name, t) -> values.put(name, t.toFloatArray()));
        toEngine(values, into);
    }

    /** Adds {@link #gradientsFromEngine gradientsFromEngine(gradients)} to the tensors {@code into} (by name). */
    public static void addGradients(RnnWeights gradients, Map<String, Tensor> into) {
        Objects.requireNonNull(into, "into");
        if (NativeGateBlocks.available()) {
            checkTensors(into, Objects.requireNonNull(gradients, "gradients").config(), "into");
            NativeGateBlocks.addGradients(gradients, into);
            return;
        }
        addGradientsInJava(gradients, into);
    }

    /** {@link #addGradients} through Java arrays (where librnn4j is not loaded; the tests compare both). */
    static void addGradientsInJava(RnnWeights gradients, Map<String, Tensor> into) {
        for (Map.Entry<String, float[]> e : gradientsFromEngine(gradients).entrySet()) {
            Tensor t = into.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("into must hold a tensor named " + e.getKey() + ", got "
                        + into.keySet());
            }
            float[] sum = t.toFloatArray();
            float[] add = e.getValue();
            if (sum.length != add.length) {
                throw new IllegalArgumentException("into." + e.getKey() + " must have " + add.length
                        + " elements, got " + sum.length);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += add[i];
            }
            t.copyFrom(sum);
        }
    }

    private static Map<String, float[]> fromEngine(RnnWeights w, BiasSplit split) {
        RnnConfig c = Objects.requireNonNull(w, "weights").config();
        GateOrder order = GateOrder.of(c.cell());
        int[] rowsOf = order.torchGateOf();
        int dirs = c.directions(), gates = c.cell().gates(), biasGates = c.cell().biasGates();
        int h = c.hiddenSize(), s = c.stateSize(), p = c.projectionSize();
        float[] layer = w.weightsLayer().toFloatArray();
        float[] iter = w.weightsIter().toFloatArray();
        float[] bias = w.bias().toFloatArray();
        float[] projection = c.hasProjection() ? w.projection().toFloatArray() : null;
        float[] peephole = c.hasPeephole() ? w.peephole().toFloatArray() : null;
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int l = 0; l < c.layers(); l++) {
            int in = c.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                int block = l * dirs + d;
                out.put(name(c, Kind.WEIGHT_IH, l, d), GateBlocks.toTorch(layer,
                        (int) w.weightsLayerOffset(l) + d * in * gates * h, rowsOf, h, in));
                out.put(name(c, Kind.WEIGHT_HH, l, d), GateBlocks.toTorch(iter, block * s * gates * h, rowsOf, h, s));
                float[] bIh = new float[gates * h];
                float[] bHh = new float[gates * h];
                int b0 = block * biasGates * h;
                for (int tg = 0; tg < gates; tg++) {
                    boolean zeroHidden = split == BiasSplit.WEIGHTS && order.sharedBias(tg);
                    for (int j = 0; j < h; j++) {
                        bIh[tg * h + j] = bias[b0 + order.inputBiasGate(tg) * h + j];
                        bHh[tg * h + j] = zeroHidden ? 0f : bias[b0 + order.hiddenBiasGate(tg) * h + j];
                    }
                }
                out.put(name(c, Kind.BIAS_IH, l, d), bIh);
                out.put(name(c, Kind.BIAS_HH, l, d), bHh);
                if (projection != null) {
                    out.put(name(c, Kind.WEIGHT_HR, l, d),
                            GateBlocks.toTorch(projection, block * h * p, new int[] {0}, p, h));
                }
                if (peephole != null) {
                    float[] block3 = new float[3 * h];
                    System.arraycopy(peephole, block * 3 * h, block3, 0, 3 * h);
                    out.put(name(c, Kind.WEIGHT_PEEPHOLE, l, d), block3);
                }
            }
        }
        return out;
    }

    /**
     * Adds one layer-direction's {@code bias_ih} and {@code bias_hh} [G*H] into its engine bias block [Gb, H]
     * at {@code offset}: each PyTorch gate block to the engine gate it adds to ({@link GateOrder}).
     */
    static void addBiases(GateOrder order, int h, float[] bIh, float[] bHh, float[] bias, int offset) {
        int gates = bIh.length / h;
        for (int tg = 0; tg < gates; tg++) {
            for (int j = 0; j < h; j++) {
                bias[offset + order.inputBiasGate(tg) * h + j] += bIh[tg * h + j];
                bias[offset + order.hiddenBiasGate(tg) * h + j] += bHh[tg * h + j];
            }
        }
    }

    /** Every name of {@link #shapes shapes(config)} in {@code tensors} with as many elements as its shape. */
    private static void checkTensors(Map<String, Tensor> tensors, RnnConfig config, String what) {
        for (Map.Entry<String, long[]> e : shapes(config).entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(what + " must hold a tensor named " + e.getKey() + ", got "
                        + tensors.keySet());
            }
            long expected = 1;
            for (long dim : e.getValue()) {
                expected *= dim;
            }
            if (t.size() != expected) {
                throw new IllegalArgumentException(what + "." + e.getKey() + " must have " + expected
                        + " elements, got " + t.size());
            }
        }
    }

    /** The name of {@code kind} for layer {@code layer}, direction {@code direction} of {@code config}. */
    static String name(RnnConfig config, Kind kind, int layer, int direction) {
        boolean reverse = direction == 1 || config.direction() == Direction.RIGHT_TO_LEFT;
        return TorchNames.name(kind, layer, reverse ? 1 : 0);
    }

    private static float[] values(Map<String, float[]> parameters, RnnConfig config, Kind kind, int layer,
                                  int direction) {
        String name = name(config, kind, layer, direction);
        float[] v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("parameters must hold " + name + " (" + config + "), got "
                    + parameters.keySet());
        }
        long expected = 1;
        for (long dim : shapes(config, layer, direction).get(name)) {
            expected *= dim;
        }
        if (v.length != expected) {
            throw new IllegalArgumentException("parameters." + name + " must have " + expected + " values, got "
                    + v.length);
        }
        return v;
    }
}
