package org.rnn4j.rnn;

import java.util.Objects;

import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Tensor;

/** What every {@link RnnEngine} does around its math: argument checks, dropout seeds, lifecycle. */
abstract class EngineBase implements RnnEngine {
    final RnnConfig config;
    private final DropoutSeeds seeds = new DropoutSeeds();
    private boolean closed;

    EngineBase(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public final RnnConfig config() {
        return config;
    }

    @Override
    public final RnnForward forward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
                                    RnnState initial) {
        checkOpen();
        int[] tn = RnnChecks.forward(config, propagation, weights, input, lengths, initial);
        RnnForward fwd = runForward(propagation, weights, input, lengths, initial, tn[0], tn[1],
                propagation == Propagation.TRAINING ? seeds.next() : 0);
        return fwd;
    }

    /** The math of a checked forward; {@code dropoutSeed} seeds this pass's masks between layers. */
    abstract RnnForward runForward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
                                   RnnState initial, int steps, int batch, long dropoutSeed);

    @Override
    public final RnnBackward backward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                                      RnnWeights weightGradients, GradientMode mode) {
        checkOpen();
        RnnChecks.backward(config, fwd, outputGradient, finalStateGradient, weightGradients, mode);
        if (fwd.engine != this) {
            throw new IllegalArgumentException("forward must come from this engine (" + backend() + ", " + config + ")");
        }
        RnnBackward result = runBackward(fwd, outputGradient, finalStateGradient, weightGradients, mode);
        return result;
    }

    /** The math of a checked backward. */
    abstract RnnBackward runBackward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                                     RnnWeights weightGradients, GradientMode mode);

    @Override
    public final void seed(long seed) {
        seeds.reset(seed);
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(backend() + " engine for " + config + " is closed");
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Frees what the engine holds (called once). */
    abstract void release();
}
