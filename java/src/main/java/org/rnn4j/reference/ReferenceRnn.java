package org.rnn4j.reference;

import java.util.Arrays;

import org.rnn4j.Checks;
import org.rnn4j.RnnConfig;

/**
 * Pure-JVM, double-precision reference of a whole recurrent network (stacked layers, one or two
 * directions, variable sequence lengths) following oneDNN's RNN semantics and layouts exactly. It is
 * the test oracle for the native implementation: plain loops, no shortcuts.
 *
 * <p>Shapes (see {@link RnnConfig}): x [T, N, I]; y [T, N, outputWidth()] with [forward | reverse] for
 * bidirectional concat and forward + reverse for bidirectional sum; h0, hn [L, D, N, S]; c0, cn
 * [L, D, N, H] (LSTM only). Layer l &gt; 0 reads the output of layer l − 1.
 *
 * <p>Variable lengths follow packed-sequence semantics: sequence n only uses steps t &lt; lengths[n];
 * its outputs at later steps are 0; its final states are those after its own last real step (for a
 * reversed direction, after step 0, having started at step lengths[n] − 1 from h0/c0).
 */
public final class ReferenceRnn {
    private final RnnConfig config;
    private final CellStep cell;

    public ReferenceRnn(RnnConfig config) {
        this.config = Checks.notNull("config", config);
        this.cell = CellStep.of(config);
    }

    public RnnConfig config() {
        return config;
    }

    /** Forward with all sequences of full length T and zero initial states. */
    public Forward forward(RnnParams params, double[] x, int steps, int batch) {
        return forward(params, x, steps, batch, null, null, null);
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
     */
    public Forward forward(RnnParams params, double[] x, int steps, int batch, int[] lengths, double[] h0,
            double[] c0) {
        Checks.notNull("params", params);
        if (!params.config().equals(config)) {
            throw new IllegalArgumentException("params must be for config " + config + ", got "
                    + params.config());
        }
        Checks.positive("T", steps);
        Checks.positive("N", batch);
        Checks.length("x", x, (long) steps * batch * config.inputSize(),
                ShapeText.of("T, N, I", steps, batch, config.inputSize()));
        Checks.lengths("lengths", lengths, steps, batch);
        Checks.nullOrLength("h0", h0, config.hiddenStateSize(batch), stateShape(batch, config.stateSize()));
        checkCellState(c0, "c0", batch);

        int[] lens = lengths == null ? full(steps, batch) : lengths.clone();
        RnnParams saved = params.copy();
        double[] hn = new double[Math.toIntExact(config.hiddenStateSize(batch))]; // [L, D, N, S]
        double[] cn = config.cell().isLstm() ? new double[Math.toIntExact(config.cellStateSize(batch))] : null;
        LayerPass[] layers = new LayerPass[config.layers()];
        double[] input = x; // [T, N, Il]
        for (int l = 0; l < config.layers(); l++) {
            layers[l] = new LayerPass(config, cell, saved, l, steps, batch, lens);
            input = layers[l].forward(input, h0, c0, hn, cn);
        }
        return new Forward(config, steps, batch, lens, input, hn, cn, layers);
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
    public Gradients backward(Forward fwd, double[] dY, double[] dHn, double[] dCn) {
        Checks.notNull("fwd", fwd);
        if (!fwd.config().equals(config)) {
            throw new IllegalArgumentException("fwd must come from config " + config + ", got " + fwd.config());
        }
        int steps = fwd.steps();
        int batch = fwd.batch();
        Checks.nullOrLength("dY", dY, (long) steps * batch * config.outputWidth(),
                ShapeText.of("T, N, W", steps, batch, config.outputWidth()));
        Checks.nullOrLength("dHn", dHn, config.hiddenStateSize(batch), stateShape(batch, config.stateSize()));
        checkCellState(dCn, "dCn", batch);

        RnnParams grads = RnnParams.zeros(config);
        double[] dh0 = new double[Math.toIntExact(config.hiddenStateSize(batch))]; // [L, D, N, S]
        double[] dc0 = config.cell().isLstm() ? new double[Math.toIntExact(config.cellStateSize(batch))] : null;
        double[] dOutput = dY; // [T, N, W] of the current layer
        for (int l = config.layers() - 1; l >= 0; l--) {
            dOutput = fwd.layer(l).backward(dOutput, dHn, dCn, grads, dh0, dc0);
        }
        return new Gradients(dOutput, dh0, dc0, grads);
    }

    private void checkCellState(double[] c, String name, int batch) {
        if (config.cell().isLstm()) {
            Checks.nullOrLength(name, c, config.cellStateSize(batch), stateShape(batch, config.hiddenSize()));
        } else {
            Checks.mustBeNull(name, c, "cell " + config.cell() + " has no cell state");
        }
    }

    private String stateShape(int batch, int width) {
        return ShapeText.of("L, D, N, C", config.layers(), config.directions(), batch, width);
    }

    private static int[] full(int steps, int batch) {
        int[] lens = new int[batch];
        Arrays.fill(lens, steps);
        return lens;
    }
}
