package org.rnn4j.backend.jvm;

import org.rnn4j.RnnConfig;

/**
 * The result of {@link FastRnn#forward}: the outputs and the activations saved for
 * {@link FastRnn#backward} (which may run any number of times on it). Arrays are returned as they are.
 */
public final class FastForward {
    private final RnnConfig config;
    private final Packing packing;
    private final float[] y;
    private final float[] hn;
    private final float[] cn;
    /** [L]. */
    private final LayerRun[] layers;
    private final LayerDropout dropout;

    FastForward(RnnConfig config, Packing packing, float[] y, float[] hn, float[] cn, LayerRun[] layers,
            LayerDropout dropout) {
        this.config = config;
        this.packing = packing;
        this.y = y;
        this.hn = hn;
        this.cn = cn;
        this.layers = layers;
        this.dropout = dropout;
    }

    public RnnConfig config() {
        return config;
    }

    /** T. */
    public int steps() {
        return packing.steps();
    }

    /** N. */
    public int batch() {
        return packing.batch();
    }

    /** Output [T, N, outputWidth()]; exactly 0 at padded steps. */
    public float[] y() {
        return y;
    }

    /** Final hidden states [L, D, N, S]. */
    public float[] hn() {
        return hn;
    }

    /** Final cell states [L, D, N, H] for LSTM, else null. */
    public float[] cn() {
        return cn;
    }

    Packing packing() {
        return packing;
    }

    LayerRun layer(int l) {
        return layers[l];
    }

    LayerDropout dropout() {
        return dropout;
    }
}
