package org.rnn4j.backend.jvm;

import org.rnn4j.RnnConfig;

/** Gradient accumulators shaped like one direction's {@link WeightRows}. */
final class GradientRows {
    /** [Il][G·H]. */
    final float[][] layer;
    /** [S][G·H]. */
    final float[][] iter;
    /** [Gb·H]. */
    final float[] bias;
    /** [3·H]; null without peephole. */
    final float[] peephole;
    /** [H][P]; null without projection. */
    final float[][] projection;

    GradientRows(RnnConfig config, WeightRows w) {
        this.layer = Rows.zeros(w.input, w.gateWidth);
        this.iter = Rows.zeros(w.state, w.gateWidth);
        this.bias = new float[w.bias.length];
        this.peephole = config.hasPeephole() ? new float[3 * w.hidden] : null;
        this.projection = config.hasProjection() ? Rows.zeros(w.hidden, w.projectionSize) : null;
    }

    /** Adds these gradients into direction {@code dir} of layer {@code l} of {@code grads}. */
    void addInto(FloatParams grads, int l, int dir) {
        add(layer, grads.weightsLayer(l), dir, grads.config().directions());
        add(iter, grads.weightsIter(l), dir, grads.config().directions());
        add(bias, grads.bias(l), dir);
        if (peephole != null) {
            add(peephole, grads.peephole(l), dir);
        }
        if (projection != null) {
            add(projection, grads.projection(l), dir, grads.config().directions());
        }
    }

    private static void add(float[][] rows, float[] all, int dir, int directions) {
        int at = dir * (all.length / directions);
        for (float[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                all[at + c] += row[c];
            }
            at += row.length;
        }
    }

    private static void add(float[] part, float[] all, int dir) {
        int at = dir * part.length;
        for (int c = 0; c < part.length; c++) {
            all[at + c] += part[c];
        }
    }
}
