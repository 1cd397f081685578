package org.rnn4j.nn;

import java.util.List;
import java.util.Objects;

import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.infer.StatefulRnn;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;

/**
 * A {@link Recurrent} layer as a {@link Block}: x [T, N, I] → y [T, N, O] over the context's lengths,
 * from the context's initial state for this block's name (zeros when absent). It owns its layer.
 * This is the one place the rest of the library calls {@link Recurrent} through.
 */
public final class RecurrentBlock implements Block<RecurrentBlock.Pass> {
    private final Recurrent recurrent;

    /** What {@link #backward} needs: the layer's forward (output [T, N, O] and final state). */
    public record Pass(Recurrent.Pass rnn) implements Block.Pass {
        /** y [T, N, O]. */
        @Override
        public Tensor output() {
            return rnn.output();
        }

        /** h [L, D, N, S] and c [L, D, N, H] after each sequence's last real step. */
        public RnnState finalState() {
            return rnn.finalState();
        }
    }

    /** A recurrent block named {@code name} (its parameters are {@code <name>.*}) of {@code spec} over inputs of width I. */
    public RecurrentBlock(String name, RecurrentSpec spec, int inputSize, Backend backend, long seed) {
        this(name, Objects.requireNonNull(spec, "spec").toConfig(inputSize), backend, seed);
    }

    /** A recurrent block named {@code name} of the full {@code config}. */
    public RecurrentBlock(String name, RnnConfig config, Backend backend, long seed) {
        this.recurrent = new Recurrent(name, config, backend, seed);
    }

    /** The layer (for its weights and config, e.g. to save them). */
    public Recurrent layer() {
        return recurrent;
    }

    public RnnConfig config() {
        return recurrent.config();
    }

    public Backend backend() {
        return recurrent.backend();
    }

    /** Width O of the output: D·S for concatenated directions, else S. */
    public int outputWidth() {
        return recurrent.config().outputWidth();
    }

    @Override
    public Pass forward(Tensor x, SequenceContext context) {
        RecurrentOptions options = RecurrentOptions.training().propagation(context.propagation());
        if (context.lengths() != null) {
            options = options.lengths(context.lengths());
        }
        RnnState initial = context.initialState(name());
        if (initial != null) {
            options = options.initial(initial);
        }
        return new Pass(recurrent.forward(x, options.finalStates(context.finalStates())));
    }

    @Override
    public Tensor backward(Pass pass, Tensor outputGradient) {
        return backward(pass, outputGradient, null).inputGradient();
    }

    /**
     * The full backward of a training pass from dy [T, N, O] (null = zeros) and dFinalState (null = zeros):
     * adds the weight gradients, returns dx [T, N, I] and the gradient of the initial state.
     */
    public Recurrent.InputGradients backward(Pass pass, Tensor outputGradient, RnnState finalStateGradient) {
        OutputGradients gradients = outputGradient != null ? OutputGradients.output(outputGradient)
                : OutputGradients.finalState(finalStateGradient);
        if (outputGradient != null && finalStateGradient != null) {
            gradients = gradients.andFinalState(finalStateGradient);
        }
        return recurrent.backward(pass.rnn(), gradients);
    }

    /** Restarts the dropout masks between stacked layers. */
    @Override
    public void seed(long seed) {
        recurrent.seed(seed);
    }

    /** Steps x [1, N, I] → y [1, N, O] from zeros, keeping each stream's state; left to right only. */
    @Override
    public BlockStream stream(int streams) {
        return stream(streams, null);
    }

    /**
     * Steps x [1, N, I] → y [1, N, O] from {@code initial} (h [L, 1, N, S], c; null = zeros; copied),
     * keeping each stream's state; a reset returns a stream to its initial state. Left to right only.
     */
    public BlockStream stream(int streams, RnnState initial) {
        if (config().direction() != Direction.LEFT_TO_RIGHT) {
            throw new IllegalArgumentException("step-by-step inference reads left to right, " + name() + " is "
                    + config().direction());
        }
        StatefulRnn stateful = recurrent.stateful(streams);
        try {
            if (initial != null) {
                stateful.start(initial);
            }
        } catch (RuntimeException e) {
            stateful.close();
            throw e;
        }
        return new BlockStream() {
            @Override
            public Tensor step(Tensor x) {
                float[] y = stateful.step(x.toFloatArray());                 // [N, O]
                return Tensor.of(y, 1, streams, outputWidth());
            }

            @Override
            public void reset(int n) {
                stateful.reset(n);
            }

            @Override
            public void close() {
                stateful.close();
            }
        };
    }

    @Override
    public String name() {
        return recurrent.name();
    }

    @Override
    public List<Parameter> parameters() {
        return recurrent.parameters();
    }

    @Override
    public void close() {
        recurrent.close();
    }
}
