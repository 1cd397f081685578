package org.rnn4j.reference;

import org.rnn4j.RnnConfig;

/** The weights of one direction of one layer, copied out of the direction-major layer arrays. */
final class DirectionWeights {
    final int hidden;
    /** P, or 0 without projection. */
    final int projectionSize;
    /** [Il, G, H]. */
    final double[] layer;
    /** [S, G, H]. */
    final double[] iter;
    /** [Gb, H]. */
    final double[] bias;
    /** [3, H] gates i, f, o; null without peephole. */
    final double[] peephole;
    /** [H, P]; null without projection. */
    final double[] projection;

    private DirectionWeights(RnnConfig config, double[] layer, double[] iter, double[] bias, double[] peephole,
            double[] projection) {
        this.hidden = config.hiddenSize();
        this.projectionSize = config.projectionSize();
        this.layer = layer;
        this.iter = iter;
        this.bias = bias;
        this.peephole = peephole;
        this.projection = projection;
    }

    /** Copies direction {@code dir} of layer {@code l} out of {@code params}. */
    static DirectionWeights slice(RnnParams params, int l, int dir) {
        RnnConfig c = params.config();
        return new DirectionWeights(c,
                part(params.weightsLayer(l), dir, c.directions()),
                part(params.weightsIter(l), dir, c.directions()),
                part(params.bias(l), dir, c.directions()),
                part(params.peephole(l), dir, c.directions()),
                part(params.projection(l), dir, c.directions()));
    }

    /** Zero weights shaped like one direction of layer {@code l} (gradient accumulators). */
    static DirectionWeights zeros(RnnConfig c, int l) {
        int d = c.directions();
        return new DirectionWeights(c,
                new double[Math.toIntExact(c.weightsLayerSize(l) / d)],
                new double[Math.toIntExact(c.weightsIterSize() / d)],
                new double[Math.toIntExact(c.biasSize() / d)],
                c.hasPeephole() ? new double[Math.toIntExact(c.peepholeSize() / d)] : null,
                c.hasProjection() ? new double[Math.toIntExact(c.projectionWeightsSize() / d)] : null);
    }

    /** Adds these values into direction {@code dir} of layer {@code l} of {@code target}. */
    void addInto(RnnParams target, int l, int dir) {
        add(layer, target.weightsLayer(l), dir);
        add(iter, target.weightsIter(l), dir);
        add(bias, target.bias(l), dir);
        add(peephole, target.peephole(l), dir);
        add(projection, target.projection(l), dir);
    }

    private static double[] part(double[] all, int dir, int directions) {
        if (all == null) {
            return null;
        }
        int size = all.length / directions;
        double[] part = new double[size];
        System.arraycopy(all, dir * size, part, 0, size);
        return part;
    }

    private static void add(double[] part, double[] all, int dir) {
        if (part == null) {
            return;
        }
        int offset = dir * part.length;
        for (int i = 0; i < part.length; i++) {
            all[offset + i] += part[i];
        }
    }
}
