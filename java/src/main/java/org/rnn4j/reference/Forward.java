package org.rnn4j.reference;

import org.rnn4j.RnnConfig;

/**
 * The result of {@link ReferenceRnn#forward}: the outputs and the activations saved for
 * {@link ReferenceRnn#backward}. The output arrays are returned as they are (no copies).
 */
public final class Forward {
    private final RnnConfig config;
    private final int steps;
    private final int batch;
    private final int[] lengths;
    private final double[] y;
    private final double[] hn;
    private final double[] cn;
    /** [L], the saved activations of each layer. */
    private final LayerPass[] layers;

    Forward(RnnConfig config, int steps, int batch, int[] lengths, double[] y, double[] hn, double[] cn,
            LayerPass[] layers) {
        this.config = config;
        this.steps = steps;
        this.batch = batch;
        this.lengths = lengths;
        this.y = y;
        this.hn = hn;
        this.cn = cn;
        this.layers = layers;
    }

    public RnnConfig config() {
        return config;
    }

    /** T. */
    public int steps() {
        return steps;
    }

    /** N. */
    public int batch() {
        return batch;
    }

    /** The per-sequence lengths used (all T when none were given); a copy. */
    public int[] lengths() {
        return lengths.clone();
    }

    /** Output [T, N, outputWidth()]; exactly 0 at padded steps. */
    public double[] y() {
        return y;
    }

    /** Final hidden states [L, D, N, S]. */
    public double[] hn() {
        return hn;
    }

    /** Final cell states [L, D, N, H] for LSTM, else null. */
    public double[] cn() {
        return cn;
    }

    LayerPass layer(int l) {
        return layers[l];
    }
}
