package org.rnn4j.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * The parameters of a recurrent network (or their gradients) in oneDNN layouts, every layer in one
 * tensor per kind (see {@link RnnConfig} for the shapes):
 * <pre>
 *   weightsLayer  layer 0 [D, I, G, H], then layers 1.. [D, O, G, H]   (ldigo, concatenated)
 *   weightsIter   [L, D, S, G, H]                                    (ldigo)
 *   bias          [L, D, Gb, H]                                      (ldgo)
 *   peephole      [L, D, 3, H]                                       (ldgo; LSTM with peephole)
 *   projection    [L, D, H, P]                                       (ldio; LSTM with projection)
 * </pre>
 * Native kernels cache re-laid-out copies of the weights by {@link #version()}, which follows every
 * write into any of the tensors: nothing needs declaring. The tensors are temporaries of the open
 * {@link org.rnn4j.tensor.TensorScope}, or belong to the {@link TensorArena} they were made in (a
 * layer's); {@link #close()} releases them.
 */
public final class RnnWeights implements AutoCloseable {
    private final RnnConfig config;
    private final Tensor weightsLayer;
    private final Tensor weightsIter;
    private final Tensor bias;
    private final Tensor peephole;
    private final Tensor projection;

    private RnnWeights(RnnConfig config, TensorArena arena) {
        this.config = Objects.requireNonNull(config, "config");
        long layer = 0;
        for (int l = 0; l < config.layers(); l++) {
            layer += config.weightsLayerSize(l);
        }
        this.weightsLayer = zeros(arena, Shape.of(layer));
        this.weightsIter = zeros(arena, Shape.of(config.layers(), config.directions(), config.stateSize(),
                config.cell().gates(), config.hiddenSize()));
        this.bias = zeros(arena, Shape.of(config.layers(), config.directions(), config.cell().biasGates(),
                config.hiddenSize()));
        this.peephole = config.hasPeephole()
                ? zeros(arena, Shape.of(config.layers(), config.directions(), 3, config.hiddenSize())) : null;
        this.projection = config.hasProjection()
                ? zeros(arena, Shape.of(config.layers(), config.directions(), config.hiddenSize(), config.projectionSize()))
                : null;
    }

    private static Tensor zeros(TensorArena arena, Shape shape) {
        return arena == null ? Tensor.zeros(shape) : arena.zeros(shape);
    }

    /** All zeros, temporaries of the open scope. */
    public static RnnWeights zeros(RnnConfig config) {
        return new RnnWeights(config, null);
    }

    /** All zeros, owned by {@code arena}. */
    public static RnnWeights zeros(RnnConfig config, TensorArena arena) {
        return new RnnWeights(config, Objects.requireNonNull(arena, "arena"));
    }

    /** Uniform in [-1/sqrt(H), 1/sqrt(H)], PyTorch's default initialisation, from a seed. */
    public static RnnWeights uniform(RnnConfig config, long seed) {
        return uniform(config, seed, null);
    }

    /** {@link #uniform(RnnConfig, long)}, owned by {@code arena} (null: the open scope). */
    public static RnnWeights uniform(RnnConfig config, long seed, TensorArena arena) {
        RnnWeights w = new RnnWeights(config, arena);
        double bound = 1.0 / Math.sqrt(config.hiddenSize());
        SplittableRandom random = new SplittableRandom(seed);
        for (Tensor t : w.tensors().values()) {
            float[] values = new float[(int) t.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            t.copyFrom(values);
        }
        return w;
    }

    public RnnConfig config() {
        return config;
    }

    public Tensor weightsLayer() {
        return weightsLayer;
    }

    public Tensor weightsIter() {
        return weightsIter;
    }

    public Tensor bias() {
        return bias;
    }

    /** LSTM peephole weights, or null. */
    public Tensor peephole() {
        return peephole;
    }

    /** LSTM projection weights, or null. */
    public Tensor projection() {
        return projection;
    }

    /** Element offset of layer {@code l}'s block inside {@link #weightsLayer()}. */
    public long weightsLayerOffset(int layer) {
        long offset = 0;
        for (int l = 0; l < layer; l++) {
            offset += config.weightsLayerSize(l);
        }
        return offset;
    }

    /** The tensors by oneDNN name, in a fixed order; absent ones are left out. */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weights_layer", weightsLayer);
        m.put("weights_iter", weightsIter);
        m.put("bias", bias);
        if (peephole != null) {
            m.put("weights_peephole", peephole);
        }
        if (projection != null) {
            m.put("weights_projection", projection);
        }
        return m;
    }

    /**
     * A stamp of the current contents, unique across all weights: the newest of the tensors'
     * {@link Tensor#version() versions}, so it changes on every write into any of them.
     */
    public long version() {
        long v = Math.max(weightsLayer.version(), Math.max(weightsIter.version(), bias.version()));
        if (peephole != null) {
            v = Math.max(v, peephole.version());
        }
        if (projection != null) {
            v = Math.max(v, projection.version());
        }
        return v;
    }

    /** Checks that these weights were made for {@code expected}. */
    public void check(String what, RnnConfig expected) {
        if (!config.equals(expected)) {
            throw new IllegalArgumentException(what + " must be for " + expected + ", got " + config);
        }
    }

    @Override
    public void close() {
        for (Tensor t : tensors().values()) {
            t.close();
        }
    }
}
