package org.rnn4j.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

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
 * Native kernels cache re-laid-out copies of the weights by {@link #version()}: call
 * {@link #changed()} after writing into any of the tensors.
 */
public final class RnnWeights implements AutoCloseable {
    private static final AtomicLong VERSIONS = new AtomicLong();

    private final RnnConfig config;
    private final Tensor weightsLayer;
    private final Tensor weightsIter;
    private final Tensor bias;
    private final Tensor peephole;
    private final Tensor projection;
    private volatile long version = VERSIONS.incrementAndGet();

    private RnnWeights(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        long layer = 0;
        for (int l = 0; l < config.layers(); l++) {
            layer += config.weightsLayerSize(l);
        }
        this.weightsLayer = Tensor.zeros(Shape.of(layer));
        this.weightsIter = Tensor.zeros(Shape.of(config.layers(), config.directions(), config.stateSize(),
                config.cell().gates(), config.hiddenSize()));
        this.bias = Tensor.zeros(Shape.of(config.layers(), config.directions(), config.cell().biasGates(),
                config.hiddenSize()));
        this.peephole = config.hasPeephole()
                ? Tensor.zeros(Shape.of(config.layers(), config.directions(), 3, config.hiddenSize())) : null;
        this.projection = config.hasProjection()
                ? Tensor.zeros(Shape.of(config.layers(), config.directions(), config.hiddenSize(), config.projectionSize()))
                : null;
    }

    /** All zeros (tensors owned by the current scope). */
    public static RnnWeights zeros(RnnConfig config) {
        return new RnnWeights(config);
    }

    /** Uniform in [-1/sqrt(H), 1/sqrt(H)], PyTorch's default initialisation, from a seed. */
    public static RnnWeights uniform(RnnConfig config, long seed) {
        RnnWeights w = new RnnWeights(config);
        double bound = 1.0 / Math.sqrt(config.hiddenSize());
        SplittableRandom random = new SplittableRandom(seed);
        for (Tensor t : w.tensors().values()) {
            float[] values = new float[(int) t.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            t.copyFrom(values);
        }
        w.changed();
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

    /** A globally unique stamp of the current contents; changes on every {@link #changed()}. */
    public long version() {
        return version;
    }

    /** Declares that the tensors were written to, so cached copies are refreshed. */
    public void changed() {
        version = VERSIONS.incrementAndGet();
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
