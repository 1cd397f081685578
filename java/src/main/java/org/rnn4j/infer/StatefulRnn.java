package org.rnn4j.infer;

import java.util.Objects;
import java.util.function.Supplier;

import org.rnn4j.RnnConfig;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;
import org.rnn4j.tensor.TensorScope;

/**
 * Step-by-step inference for serving: feed one step of N independent streams, get their outputs, keep
 * their states for the next step. Streams can be reset one at a time (a new conversation, a new
 * sensor session). Owns its state tensors: close it when done.
 * Only unidirectional networks can run step by step.
 */
public final class StatefulRnn implements AutoCloseable {
    private final RnnEngine engine;
    private final Supplier<RnnWeights> weights;
    private final RnnConfig config;
    private final int streams;
    private final Tensor h;  // [L, 1, N, S]
    private final Tensor c;  // [L, 1, N, H] (LSTM) or null
    private final TensorArena arena = new TensorArena();
    private RnnState start;  // where a reset returns to: null = zeros

    /** Streams running {@code engine} with {@code weights}. */
    public StatefulRnn(RnnEngine engine, RnnWeights weights, int streams) {
        this(engine, supplierOf(Objects.requireNonNull(weights, "weights")), streams);
    }

    /** Streams running {@code engine} with the weights {@code weights} gives at each step (a layer's, kept current). */
    public StatefulRnn(RnnEngine engine, Supplier<RnnWeights> weights, int streams) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.config = engine.config();
        weights.get().check("weights", config);
        if (config.directions() != 1) {
            throw new IllegalArgumentException("step-by-step inference needs a unidirectional network, got "
                    + config.direction());
        }
        if (streams <= 0) {
            throw new IllegalArgumentException("streams must be > 0, got " + streams);
        }
        this.streams = streams;
        this.h = arena.zeros(RnnState.hiddenShape(config, streams));
        this.c = config.cell().isLstm() ? arena.zeros(RnnState.cellShape(config, streams)) : null;
    }

    /** Number of streams N. */
    public int streams() {
        return streams;
    }

    /**
     * Advances every stream by one step.
     *
     * @param input [N, I] values, stream-major
     * @return the outputs [N, O]
     */
    public float[] step(float[] input) {
        Objects.requireNonNull(input, "input");
        if (input.length != streams * config.inputSize()) {
            throw new IllegalArgumentException("input must have N * I = " + streams + " * " + config.inputSize()
                    + " = " + streams * config.inputSize() + " values, got " + input.length);
        }
        try (TensorScope scope = TensorScope.open()) {
            RnnForward fwd = engine.forward(Propagation.INFERENCE, weights.get(), Tensor.of(input, 1, streams,
                    config.inputSize()), new RnnState(h, c));
            h.copyFrom(fwd.finalState().h());
            if (c != null) {
                c.copyFrom(fwd.finalState().c());
            }
            return fwd.output().toFloatArray();
        }
    }

    /**
     * Starts every stream from {@code state} (h [L, 1, N, S], c [L, 1, N, H] for LSTM, else null), e.g.
     * a decoder's state from its encoder; a copy is kept, and resets return to it instead of zeros.
     */
    public void start(RnnState state) {
        Objects.requireNonNull(state, "state");
        state.h().shape().check("state.h", h.shape());
        if (c != null) {
            Objects.requireNonNull(state.c(), "state.c (LSTM)");
            state.c().shape().check("state.c", c.shape());
        }
        if (start == null) {
            start = new RnnState(arena.zeros(h.shape()), c == null ? null : arena.zeros(c.shape()));
        }
        start.h().copyFrom(state.h());
        if (c != null) {
            start.c().copyFrom(state.c());
        }
        reset();
    }

    /** Resets every stream to its start: the zero state, or the one given to {@link #start}. */
    public void reset() {
        if (start == null) {
            h.fillZero();
            if (c != null) {
                c.fillZero();
            }
        } else {
            h.copyFrom(start.h());
            if (c != null) {
                c.copyFrom(start.c());
            }
        }
    }

    /** Resets stream {@code n} to its start, leaving the others as they are. */
    public void reset(int n) {
        Objects.checkIndex(n, streams);
        resetStream(h, start == null ? null : start.h(), config.stateSize(), n);
        if (c != null) {
            resetStream(c, start == null ? null : start.c(), config.hiddenSize(), n);
        }
    }

    private void resetStream(Tensor state, Tensor from, int width, int n) {
        for (int l = 0; l < config.layers(); l++) {
            long base = ((long) l * streams + n) * width;
            for (int j = 0; j < width; j++) {
                state.set(base + j, from == null ? 0f : from.get(base + j));
            }
        }
    }

    /** The current hidden states [L, 1, N, S] (a copy). */
    public float[] hiddenState() {
        return h.toFloatArray();
    }

    @Override
    public void close() {
        arena.close();
    }

    private static Supplier<RnnWeights> supplierOf(RnnWeights weights) {
        return () -> weights;
    }

    Shape stateShape() {
        return h.shape();
    }
}
