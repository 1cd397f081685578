package org.rnn4j.backend.jvm;

import java.util.Arrays;
import java.util.Objects;

import org.rnn4j.Checks;
import org.rnn4j.RnnConfig;

/**
 * Pure-JVM f32 recurrent network with the semantics of {@link org.rnn4j.reference.ReferenceRnn} (every cell,
 * direction, stacked layers, variable lengths with packed-sequence semantics, initial/final states, all
 * gradients), computed the way fast RNN code is: per layer and direction one GEMM for the input
 * projection of all time steps, then per step one recurrent GEMM over the sequences still running plus a
 * fused gate pass; backward with dW_layer, dW_iter and dx as GEMMs over all steps. The GEMMs use
 * {@link #threads()} threads (system property {@code rnn4j.jvm.threads}, default the available processors;
 * see {@link Gemm}); the honest pure-JVM baseline next to the oneDNN backend.
 *
 * <p>Shapes (see {@link RnnConfig}): x [T, N, I]; y [T, N, outputWidth()]; h0, hn [L, D, N, S]; c0, cn
 * [L, D, N, H] (LSTM only). Sequence n only uses steps t &lt; lengths[n]; its outputs at later steps are 0;
 * its final states are those after its own last step (a reversed direction starts at lengths[n] − 1).
 * Instances hold no state between calls.
 */
public final class FastRnn {
    private final RnnConfig config;
    private final CellKernel cell;

    public FastRnn(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.cell = CellKernel.of(config);
    }

    public RnnConfig config() {
        return config;
    }

    /** Threads the JVM backend's GEMMs run on (property {@code rnn4j.jvm.threads}); results do not depend on it. */
    public static int threads() {
        return GemmThreads.threads();
    }

    /** {@link #forward(FloatParams, float[], int, int, int[], float[], float[], LayerDropout)} without dropout. */
    public FastForward forward(FloatParams params, float[] x, int steps, int batch, int[] lengths, float[] h0,
            float[] c0) {
        return forward(params, x, steps, batch, lengths, h0, c0, LayerDropout.NONE);
    }

    /**
     * Runs the network.
     *
     * @param params  weights for this network's config (copied: later changes do not affect backward)
     * @param x       [T, N, I]
     * @param steps   T &gt; 0
     * @param batch   N &gt; 0
     * @param lengths [N] each in [1, T], or null for all T
     * @param h0      [L, D, N, S] or null for zeros
     * @param c0      [L, D, N, H] or null for zeros; must be null for non-LSTM cells
     * @param dropout masks applied to every layer output but the last ({@link LayerDropout#NONE} for none)
     */
    public FastForward forward(FloatParams params, float[] x, int steps, int batch, int[] lengths, float[] h0,
            float[] c0, LayerDropout dropout) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(dropout, "dropout");
        if (!params.config().equals(config)) {
            throw new IllegalArgumentException("params must be for config " + config + ", got " + params.config());
        }
        positive(steps, "T");
        positive(batch, "N");
        checkLength(x, "x", (long) steps * batch * config.inputSize(), "[T, N, I]");
        checkLengths(lengths, steps, batch);
        checkStates(h0, c0, batch, "h0", "c0");

        Packing packing = Packing.of(lengths, steps, batch);
        float[] hn = new float[stateLength(config.hiddenStateSize(batch))]; // [L, D, N, S]
        float[] cn = config.cell().isLstm() ? new float[stateLength(config.cellStateSize(batch))] : null;
        LayerRun[] layers = new LayerRun[config.layers()];
        float[][] input = Rows.split(x, 0, steps * batch, config.inputSize()); // [T*N, I]
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new LayerRun(config, cell, params, l, packing);
            float[][] output = layers[l].forward(input, h0, c0, hn, cn); // [T*N, W]
            input = l + 1 < layers.length ? masked(output, dropout, l) : output;
        }
        float[] y = new float[steps * batch * config.outputWidth()]; // [T, N, W]
        Rows.join(input, y, 0);
        return new FastForward(config, packing, y, hn, cn, layers, dropout);
    }

    /**
     * Gradients of sum(y·dY) + sum(hn·dHn) + sum(cn·dCn) wrt x, h0, c0 and every weight. dY at padded
     * steps is ignored.
     *
     * @param fwd a forward result of this network
     * @param dY  [T, N, outputWidth()] or null for zeros
     * @param dHn [L, D, N, S] or null for zeros
     * @param dCn [L, D, N, H] or null for zeros; must be null for non-LSTM cells
     */
    public FastGradients backward(FastForward fwd, float[] dY, float[] dHn, float[] dCn) {
        Objects.requireNonNull(fwd, "fwd");
        if (!fwd.config().equals(config)) {
            throw new IllegalArgumentException("fwd must come from config " + config + ", got " + fwd.config());
        }
        int steps = fwd.steps();
        int batch = fwd.batch();
        if (dY != null) {
            checkLength(dY, "dY", (long) steps * batch * config.outputWidth(), "[T, N, W]");
        }
        checkStates(dHn, dCn, batch, "dHn", "dCn");

        FloatParams grads = FloatParams.zeros(config);
        float[] dh0 = new float[stateLength(config.hiddenStateSize(batch))]; // [L, D, N, S]
        float[] dc0 = config.cell().isLstm() ? new float[stateLength(config.cellStateSize(batch))] : null;
        float[][] dOutput = dY == null ? null : Rows.split(dY, 0, steps * batch, config.outputWidth()); // [T*N, W]
        for (int l = config.layers() - 1; l >= 0; l--) {
            float[][] dInput = fwd.layer(l).backward(dOutput, dHn, dCn, grads, dh0, dc0); // [T*N, Il]
            dOutput = l > 0 ? masked(dInput, fwd.dropout(), l - 1) : dInput;
        }
        float[] dx = new float[steps * batch * config.inputSize()]; // [T, N, I]
        Rows.join(dOutput, dx, 0);
        return new FastGradients(dx, dh0, dc0, grads);
    }

    /** {@code rows} [T·N][W] times the dropout factors of {@code layer}'s output (the rows themselves for none). */
    private static float[][] masked(float[][] rows, LayerDropout dropout, int layer) {
        if (dropout == LayerDropout.NONE) {
            return rows;
        }
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            int width = rows[r].length;
            out[r] = new float[width];
            for (int c = 0; c < width; c++) {
                out[r][c] = rows[r][c] * dropout.factor(layer, (long) r * width + c);
            }
        }
        return out;
    }

    private void checkStates(float[] h, float[] c, int batch, String hName, String cName) {
        String dims = " = " + Arrays.toString(new int[] {config.layers(), config.directions(), batch});
        if (h != null) {
            checkLength(h, hName, config.hiddenStateSize(batch), "[L, D, N, S]" + dims + " x " + config.stateSize());
        }
        if (!config.cell().isLstm()) {
            if (c != null) {
                throw new IllegalArgumentException(cName + " must be null: cell " + config.cell()
                        + " has no cell state");
            }
        } else if (c != null) {
            checkLength(c, cName, config.cellStateSize(batch), "[L, D, N, H]" + dims + " x " + config.hiddenSize());
        }
    }

    private static void checkLength(float[] array, String name, long expected, String shape) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null (expected length " + expected + " = "
                    + shape + ")");
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + " = " + shape + ", got "
                    + array.length);
        }
    }

    private static void checkLengths(int[] lengths, int steps, int batch) {
        if (lengths == null) {
            return;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException("lengths must have length N = " + batch + ", got " + lengths.length);
        }
        for (int n = 0; n < batch; n++) {
            if (lengths[n] < 1 || lengths[n] > steps) {
                throw new IllegalArgumentException("lengths[" + n + "] must be in [1, T] = [1, " + steps + "], got "
                        + lengths[n]);
            }
        }
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** A state's element count [L, D, N, S or H], when one Java array holds it (the JVM backend's limit). */
    private static int stateLength(long elements) {
        return Checks.arrayLength("the recurrent state [L, D, N, S] on the JVM backend", elements);
    }
}
