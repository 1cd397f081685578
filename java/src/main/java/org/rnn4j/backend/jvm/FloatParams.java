package org.rnn4j.backend.jvm;

import java.util.Objects;

import org.rnn4j.Checks;
import org.rnn4j.RnnConfig;

/**
 * All weights of a network in f32, one flat row-major array per layer and kind, each holding every
 * direction of the layer (direction-major), in the layouts of {@link RnnConfig}:
 * <pre>
 *   weightsLayer(l) [D, layerInputSize(l), G, H]   (ldigo)
 *   weightsIter(l)  [D, S, G, H]                   (ldigo)
 *   bias(l)         [D, Gb, H]                     (ldgo)
 *   peephole(l)     [D, 3, H]  gates i, f, o       (LSTM with peephole, else null)
 *   projection(l)   [D, H, P]                      (ldio, LSTM with projection, else null)
 * </pre>
 * The float counterpart of {@link org.rnn4j.reference.RnnParams}; arrays are held and returned as they are.
 */
public final class FloatParams {
    private final RnnConfig config;
    private final float[][] weightsLayer;
    private final float[][] weightsIter;
    private final float[][] bias;
    private final float[][] peephole;
    private final float[][] projection;

    /**
     * @param peephole   one array per layer if {@code config.hasPeephole()}, else must be null
     * @param projection one array per layer if {@code config.hasProjection()}, else must be null
     */
    public FloatParams(RnnConfig config, float[][] weightsLayer, float[][] weightsIter, float[][] bias,
            float[][] peephole, float[][] projection) {
        this.config = Objects.requireNonNull(config, "config");
        this.weightsLayer = checkLayers(weightsLayer, "weightsLayer", true);
        this.weightsIter = checkLayers(weightsIter, "weightsIter", true);
        this.bias = checkLayers(bias, "bias", true);
        this.peephole = checkLayers(peephole, "peephole", config.hasPeephole());
        this.projection = checkLayers(projection, "projection", config.hasProjection());
        for (int l = 0; l < config.layers(); l++) {
            checkLength(weightsLayer[l], "weightsLayer", l, config.weightsLayerSize(l));
            checkLength(weightsIter[l], "weightsIter", l, config.weightsIterSize());
            checkLength(bias[l], "bias", l, config.biasSize());
            if (peephole != null) {
                checkLength(peephole[l], "peephole", l, config.peepholeSize());
            }
            if (projection != null) {
                checkLength(projection[l], "projection", l, config.projectionWeightsSize());
            }
        }
    }

    /** All-zero weights (gradient accumulators). */
    public static FloatParams zeros(RnnConfig config) {
        int layers = config.layers();
        float[][] wl = new float[layers][];
        float[][] wi = new float[layers][];
        float[][] b = new float[layers][];
        float[][] peep = config.hasPeephole() ? new float[layers][] : null;
        float[][] proj = config.hasProjection() ? new float[layers][] : null;
        for (int l = 0; l < layers; l++) {
            wl[l] = new float[length("weights_layer of layer " + l, config.weightsLayerSize(l))];
            wi[l] = new float[length("weights_iter", config.weightsIterSize())];
            b[l] = new float[length("bias", config.biasSize())];
            if (peep != null) {
                peep[l] = new float[length("weights_peephole", config.peepholeSize())];
            }
            if (proj != null) {
                proj[l] = new float[length("weights_projection", config.projectionWeightsSize())];
            }
        }
        return new FloatParams(config, wl, wi, b, peep, proj);
    }

    public RnnConfig config() {
        return config;
    }

    /** Layer {@code l}'s input weights [D, Il, G, H] (the live array). */
    public float[] weightsLayer(int l) {
        return weightsLayer[l];
    }

    /** Layer {@code l}'s recurrent weights [D, S, G, H] (the live array). */
    public float[] weightsIter(int l) {
        return weightsIter[l];
    }

    /** Layer {@code l}'s bias [D, Gb, H] (the live array). */
    public float[] bias(int l) {
        return bias[l];
    }

    /** Layer {@code l}'s peephole weights [D, 3, H] (the live array), or null without peephole. */
    public float[] peephole(int l) {
        return peephole == null ? null : peephole[l];
    }

    /** Layer {@code l}'s projection weights [D, H, P] (the live array), or null without projection. */
    public float[] projection(int l) {
        return projection == null ? null : projection[l];
    }

    private float[][] checkLayers(float[][] arrays, String name, boolean required) {
        if (!required) {
            if (arrays != null) {
                throw new IllegalArgumentException(name + " must be null: config " + config + " does not use it");
            }
            return null;
        }
        Objects.requireNonNull(arrays, name);
        if (arrays.length != config.layers()) {
            throw new IllegalArgumentException(name + " must have one array per layer, L = " + config.layers()
                    + ", got " + arrays.length);
        }
        return arrays;
    }

    private static void checkLength(float[] array, String name, int layer, long expected) {
        if (array == null || array.length != expected) {
            throw new IllegalArgumentException(name + "[" + layer + "] must have length " + expected + ", got "
                    + (array == null ? "null" : array.length));
        }
    }

    /** A per-layer block's element count, when one Java array holds it (the JVM backend's limit). */
    private static int length(String block, long elements) {
        return Checks.arrayLength(block + " on the JVM backend", elements);
    }
}
