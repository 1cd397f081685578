package org.rnn4j.backend.jvm;

import org.rnn4j.RnnConfig;

/** The weights of one direction of one layer, copied into rows; transposed copies made on first use. */
final class WeightRows {
    final int hidden;
    /** S. */
    final int state;
    /** Il. */
    final int input;
    /** G·H. */
    final int gateWidth;
    /** P, or 0 without projection. */
    final int projectionSize;
    /** [Il][G·H]. */
    final float[][] layer;
    /** [S][G·H]. */
    final float[][] iter;
    /** [Gb·H]. */
    final float[] bias;
    /** [3·H] gates i, f, o; null without peephole. */
    final float[] peephole;
    /** [H][P]; null without projection. */
    final float[][] projection;
    private float[][] layerTransposed;
    private float[][] iterTransposed;
    private float[][] projectionTransposed;

    private WeightRows(RnnConfig config, int layerIndex, FloatParams params, int dir) {
        int d = config.directions();
        this.hidden = config.hiddenSize();
        this.state = config.stateSize();
        this.input = config.layerInputSize(layerIndex);
        this.gateWidth = config.cell().gates() * hidden;
        this.projectionSize = config.projectionSize();
        this.layer = part(params.weightsLayer(layerIndex), dir, d, input, gateWidth);
        this.iter = part(params.weightsIter(layerIndex), dir, d, state, gateWidth);
        float[] allBias = params.bias(layerIndex);
        int biasSize = allBias.length / d;
        this.bias = new float[biasSize];
        System.arraycopy(allBias, dir * biasSize, bias, 0, biasSize);
        float[] allPeephole = params.peephole(layerIndex);
        this.peephole = allPeephole == null ? null : new float[3 * hidden];
        if (peephole != null) {
            System.arraycopy(allPeephole, dir * peephole.length, peephole, 0, peephole.length);
        }
        float[] allProjection = params.projection(layerIndex);
        this.projection = allProjection == null ? null : part(allProjection, dir, d, hidden, projectionSize);
    }

    /** Copies direction {@code dir} of layer {@code l} out of {@code params}. */
    static WeightRows slice(FloatParams params, int l, int dir) {
        return new WeightRows(params.config(), l, params, dir);
    }

    /** [G·H][Il]. */
    float[][] layerTransposed() {
        if (layerTransposed == null) {
            layerTransposed = Rows.transpose(layer, gateWidth);
        }
        return layerTransposed;
    }

    /** [G·H][S]. */
    float[][] iterTransposed() {
        if (iterTransposed == null) {
            iterTransposed = Rows.transpose(iter, gateWidth);
        }
        return iterTransposed;
    }

    /** [P][H]. */
    float[][] projectionTransposed() {
        if (projectionTransposed == null) {
            projectionTransposed = Rows.transpose(projection, projectionSize);
        }
        return projectionTransposed;
    }

    private static float[][] part(float[] all, int dir, int directions, int rows, int width) {
        return Rows.split(all, dir * (all.length / directions), rows, width);
    }
}
