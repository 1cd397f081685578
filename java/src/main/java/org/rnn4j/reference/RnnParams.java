package org.rnn4j.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.rnn4j.Checks;
import org.rnn4j.RnnConfig;

/**
 * All weights of a network, one flat row-major array per layer and kind, each holding every direction of
 * the layer (direction-major), in oneDNN's layouts (D directions, G gates, Gb bias gates, S state size):
 * <pre>
 *   weightsLayer(l) [D, layerInputSize(l), G, H]   (ldigo)  z[g][j] += x[k] * W[k][g][j]
 *   weightsIter(l)  [D, S, G, H]                   (ldigo)  z[g][j] += h[k] * U[k][g][j]
 *   bias(l)         [D, Gb, H]                     (ldgo)
 *   peephole(l)     [D, 3, H]  gates i, f, o       (LSTM with peephole, else null)
 *   projection(l)   [D, H, P]                      (ldio, LSTM with projection, else null)
 * </pre>
 * The arrays are held and returned as they are (no defensive copies) so that tests can perturb them in
 * place; use {@link #copy()} for an independent set.
 */
public final class RnnParams {
    private final RnnConfig config;
    private final double[][] weightsLayer;
    private final double[][] weightsIter;
    private final double[][] bias;
    private final double[][] peephole;
    private final double[][] projection;

    /**
     * @param peephole   one array per layer if {@code config.hasPeephole()}, else must be null
     * @param projection one array per layer if {@code config.hasProjection()}, else must be null
     */
    public RnnParams(RnnConfig config, double[][] weightsLayer, double[][] weightsIter, double[][] bias,
            double[][] peephole, double[][] projection) {
        this.config = Checks.notNull("config", config);
        this.weightsLayer = checkLayers(weightsLayer, "weightsLayer", true);
        this.weightsIter = checkLayers(weightsIter, "weightsIter", true);
        this.bias = checkLayers(bias, "bias", true);
        this.peephole = checkLayers(peephole, "peephole", config.hasPeephole());
        this.projection = checkLayers(projection, "projection", config.hasProjection());
        int d = config.directions();
        int g = config.cell().gates();
        int h = config.hiddenSize();
        int s = config.stateSize();
        for (int l = 0; l < config.layers(); l++) {
            int il = config.layerInputSize(l);
            Checks.length("weightsLayer[" + l + "]", weightsLayer[l], config.weightsLayerSize(l),
                    ShapeText.of("D, Il, G, H", d, il, g, h));
            Checks.length("weightsIter[" + l + "]", weightsIter[l], config.weightsIterSize(),
                    ShapeText.of("D, S, G, H", d, s, g, h));
            Checks.length("bias[" + l + "]", bias[l], config.biasSize(),
                    ShapeText.of("D, Gb, H", d, config.cell().biasGates(), h));
            if (peephole != null) {
                Checks.length("peephole[" + l + "]", peephole[l], config.peepholeSize(),
                        ShapeText.of("D, 3, H", d, 3, h));
            }
            if (projection != null) {
                Checks.length("projection[" + l + "]", projection[l], config.projectionWeightsSize(),
                        ShapeText.of("D, H, P", d, h, config.projectionSize()));
            }
        }
    }

    private double[][] checkLayers(double[][] arrays, String name, boolean required) {
        if (!required) {
            Checks.mustBeNull(name, arrays, "config " + config + " does not use it");
            return null;
        }
        Checks.notNull(name, arrays);
        if (arrays.length != config.layers()) {
            throw new IllegalArgumentException(name + " must have one array per layer, L = " + config.layers()
                    + ", got " + arrays.length);
        }
        return arrays;
    }

    /** All-zero weights. */
    public static RnnParams zeros(RnnConfig config) {
        Checks.notNull("config", config);
        return unflatten(config, new double[size(config)]);
    }

    /** Weights drawn uniformly from [-scale, scale] with a fixed seed. */
    public static RnnParams random(RnnConfig config, long seed, double scale) {
        Checks.notNull("config", config);
        Random random = new Random(seed);
        double[] flat = new double[size(config)];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = scale * (2 * random.nextDouble() - 1);
        }
        return unflatten(config, flat);
    }

    /** Total number of scalars in all weights of {@code config}. */
    public static int size(RnnConfig config) {
        long total = 0;
        for (int l = 0; l < config.layers(); l++) {
            total += config.weightsLayerSize(l) + config.weightsIterSize() + config.biasSize()
                    + config.peepholeSize() + config.projectionWeightsSize();
        }
        return Math.toIntExact(total);
    }

    /**
     * Concatenates every array into one, layer by layer, in the order weightsLayer, weightsIter, bias,
     * peephole, projection (absent kinds skipped).
     */
    public double[] flatten() {
        double[] flat = new double[size(config)];
        int pos = 0;
        for (int l = 0; l < config.layers(); l++) {
            for (double[] part : layerParts(l)) {
                System.arraycopy(part, 0, flat, pos, part.length);
                pos += part.length;
            }
        }
        return flat;
    }

    /** Inverse of {@link #flatten()}; the result does not share memory with {@code flat}. */
    public static RnnParams unflatten(RnnConfig config, double[] flat) {
        Checks.notNull("config", config);
        Checks.length("flat", flat, size(config), "RnnParams.size(config)");
        int layers = config.layers();
        double[][] wl = new double[layers][];
        double[][] wi = new double[layers][];
        double[][] b = new double[layers][];
        double[][] peep = config.hasPeephole() ? new double[layers][] : null;
        double[][] proj = config.hasProjection() ? new double[layers][] : null;
        int[] pos = {0};
        for (int l = 0; l < layers; l++) {
            wl[l] = take(flat, pos, config.weightsLayerSize(l));
            wi[l] = take(flat, pos, config.weightsIterSize());
            b[l] = take(flat, pos, config.biasSize());
            if (peep != null) {
                peep[l] = take(flat, pos, config.peepholeSize());
            }
            if (proj != null) {
                proj[l] = take(flat, pos, config.projectionWeightsSize());
            }
        }
        return new RnnParams(config, wl, wi, b, peep, proj);
    }

    private static double[] take(double[] flat, int[] pos, long count) {
        double[] part = new double[Math.toIntExact(count)];
        System.arraycopy(flat, pos[0], part, 0, part.length);
        pos[0] += part.length;
        return part;
    }

    /** The arrays of layer {@code l} in {@link #flatten()} order. */
    private List<double[]> layerParts(int l) {
        List<double[]> parts = new ArrayList<>(List.of(weightsLayer[l], weightsIter[l], bias[l]));
        if (peephole != null) {
            parts.add(peephole[l]);
        }
        if (projection != null) {
            parts.add(projection[l]);
        }
        return parts;
    }

    /** A deep copy. */
    public RnnParams copy() {
        return unflatten(config, flatten());
    }

    public RnnConfig config() {
        return config;
    }

    /** Layer {@code l}'s input weights [D, Il, G, H] (the live array). */
    public double[] weightsLayer(int l) {
        return weightsLayer[checkLayer(l)];
    }

    /** Layer {@code l}'s recurrent weights [D, S, G, H] (the live array). */
    public double[] weightsIter(int l) {
        return weightsIter[checkLayer(l)];
    }

    /** Layer {@code l}'s bias [D, Gb, H] (the live array). */
    public double[] bias(int l) {
        return bias[checkLayer(l)];
    }

    /** Layer {@code l}'s peephole weights [D, 3, H] (the live array), or null without peephole. */
    public double[] peephole(int l) {
        checkLayer(l);
        return peephole == null ? null : peephole[l];
    }

    /** Layer {@code l}'s projection weights [D, H, P] (the live array), or null without projection. */
    public double[] projection(int l) {
        checkLayer(l);
        return projection == null ? null : projection[l];
    }

    private int checkLayer(int l) {
        if (l < 0 || l >= config.layers()) {
            throw new IllegalArgumentException("layer must be in [0, " + config.layers() + "), got " + l);
        }
        return l;
    }
}
