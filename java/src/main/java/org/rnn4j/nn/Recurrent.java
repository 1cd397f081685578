package org.rnn4j.nn;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.infer.StatefulRnn;
import org.rnn4j.interop.RecurrentLayout;
import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.RnnBackward;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * A (stacked, possibly bidirectional) recurrent layer, rnn4j's {@code nn.LSTM} / {@code nn.GRU} /
 * {@code nn.RNN}: an {@link RnnEngine} of the chosen backend and its parameters.
 *
 * <pre>{@code
 * // PyTorch: lstm = nn.LSTM(10, 20, num_layers=2, bidirectional=True)
 * try (TensorScope scope = TensorScope.open();
 *      Recurrent lstm = Recurrent.lstm(20).layers(2).bidirectional().create(10)) {
 *     Tensor x = Tensor.zeros(5, 3, 10);                                          // [T, N, I]
 *     Recurrent.Pass pass = lstm.forward(x);                                      // training, zero initial state
 *     Tensor y = pass.output();                                                   // [T, N, 2·H] = [5, 3, 40]
 *     RnnState hn = pass.finalState();                                            // h [L, D, N, H], c [L, D, N, H]
 *     Recurrent.InputGradients d = lstm.backward(pass, Tensor.zeros(5, 3, 40));   // adds to every gradient
 *     Tensor w = lstm.parameter("weight_ih_l1_reverse").value();                  // [4·H, 2·H] = [80, 40]
 *
 *     Tensor xb = Tensor.zeros(3, 5, 10);                                         // [N, T, I]
 *     Tensor yb = lstm.forward(xb, RecurrentOptions.inference().batchFirst()
 *             .lengths(new int[] {5, 4, 2})).output();                            // [N, T, 2·H], 0 past each length
 * }
 * }</pre>
 *
 * <p>Parameters are named and laid out as PyTorch's ({@link RecurrentLayout}): per layer k and direction
 * (suffix {@code _reverse}) {@code weight_ih_l{k}} [G·H, I_k], {@code weight_hh_l{k}} [G·H, S],
 * {@code bias_ih_l{k}}, {@code bias_hh_l{k}} [G·H], plus {@code weight_hr_l{k}} [P, H] with a projection
 * and {@code weight_peephole_l{k}} [3, H] with peepholes; {@link #parameters()} prefixes them with the
 * layer's name ({@code rnn.weight_ih_l0}), which is also their name in checkpoints and model files. They
 * start uniform in ±1/sqrt(H) as in PyTorch. Write them freely (an optimizer step, a loaded checkpoint,
 * {@code copyFrom}): the engine's re-laid-out copy follows every write ({@link Tensor#version()}).
 * Backward adds to the parameters' gradients, so zero them before each step.
 *
 * <p>Variable lengths follow the engine's packed-sequence semantics: sequence n reads steps
 * t &lt; lengths[n], its output past that is 0 and its final state is the one after its own last step.
 */
public final class Recurrent implements Layer {
    private final String name;
    private final RnnConfig config;
    private final RnnEngine engine;
    private final TensorArena arena = new TensorArena();
    private final RecurrentParameters parameters;

    /** What {@link #backward} needs: the engine's forward and the layout of the caller's tensors. */
    public static final class Pass {
        private final RnnForward forward;
        private final SequenceLayout layout;
        private final Tensor output;

        private Pass(RnnForward forward, SequenceLayout layout, Tensor output) {
            this.forward = forward;
            this.layout = layout;
            this.output = output;
        }

        /** [T, N, O], or [N, T, O] for a batch-first pass. */
        public Tensor output() {
            return output;
        }

        /**
         * h [L, D, N, S] and c [L, D, N, H] after each sequence's last step (any layout).
         *
         * @throws IllegalStateException after an {@link RecurrentOptions#outputsOnly()} pass
         */
        public RnnState finalState() {
            return forward.finalState();
        }

        /** The layout of {@link #output()} and of the gradients backward takes and returns. */
        public SequenceLayout layout() {
            return layout;
        }
    }

    /**
     * What {@link #backward} returns.
     *
     * @param inputGradient        dL/dx, in the pass's layout ([T, N, I] or [N, T, I])
     * @param initialStateGradient dL/dh0 [L, D, N, S] and, for an LSTM, dL/dc0 [L, D, N, H]
     */
    public record InputGradients(Tensor inputGradient, RnnState initialStateGradient) {
    }

    /**
     * A layer with fresh parameters (uniform in ±1/sqrt(H) from {@code seed}).
     *
     * @param name prefix of the parameter names, e.g. {@code rnn} in {@code rnn.weight_ih_l0}
     */
    public Recurrent(String name, RnnConfig config, Backend backend, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.engine = RnnEngines.create(config, Objects.requireNonNull(backend, "backend"));
        this.parameters = new RecurrentParameters(name, config, seed, arena);
    }

    /** An LSTM of hidden size H, one layer, left to right. */
    public static RecurrentSpec lstm(int hiddenSize) {
        return of(CellKind.LSTM, hiddenSize);
    }

    /** A GRU (linear-before-reset, PyTorch's and Keras's) of hidden size H. */
    public static RecurrentSpec gru(int hiddenSize) {
        return of(CellKind.LBR_GRU, hiddenSize);
    }

    /** A tanh RNN of hidden size H. */
    public static RecurrentSpec rnn(int hiddenSize) {
        return of(CellKind.RNN_TANH, hiddenSize);
    }

    /** One layer of {@code cell}, hidden size H, left to right. */
    public static RecurrentSpec of(CellKind cell, int hiddenSize) {
        return new RecurrentSpec(cell, hiddenSize, 1, Direction.LEFT_TO_RIGHT, 0, 0, false);
    }

    public RnnConfig config() {
        return config;
    }

    public Backend backend() {
        return engine.backend();
    }

    /** Restarts the sequence of dropout masks between stacked layers from {@code seed}. */
    public void seed(long seed) {
        engine.seed(seed);
    }

    /** A training forward of x [T, N, I] from zero states, every sequence of length T. */
    public Pass forward(Tensor x) {
        return forward(x, RecurrentOptions.training());
    }

    /** Runs x ([T, N, I], or [N, T, I] batch-first) as {@code options} say. */
    public Pass forward(Tensor x, RecurrentOptions options) {
        Objects.requireNonNull(options, "options");
        SequenceLayout layout = options.layout();
        Tensor input = SequenceTensors.toTimeMajor("x", x, layout);                    // [T, N, I]
        int[] lengths = options.lengthsOrNull();
        int steps = (int) input.shape().dim(0);
        if (lengths != null && lengths.length == input.shape().dim(1) && allEqual(lengths, steps)) {
            lengths = null;                                                            // every sequence has T steps
        }
        RnnForward fwd = engine.forward(options.propagation(), parameters.engineWeights(), input, lengths,
                options.initial().orElse(null), options.finalStates());
        return new Pass(fwd, layout, SequenceTensors.fromTimeMajor(fwd.output(), layout));
    }

    /** Backward of a training pass from dL/dOutput (in the pass's layout): see {@link #backward(Pass, OutputGradients)}. */
    public InputGradients backward(Pass pass, Tensor outputGradient) {
        return backward(pass, OutputGradients.output(outputGradient));
    }

    /**
     * Backward of a training pass of this layer: adds the parameter gradients to
     * {@link Parameter#gradient()} and returns the gradients of the input and the initial state.
     */
    public InputGradients backward(Pass pass, OutputGradients gradients) {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(gradients, "gradients");
        Tensor dOutput = gradients.outputGradient()
                .map(d -> SequenceTensors.toTimeMajor("outputGradient", d, pass.layout))
                .orElseGet(() -> Tensor.zeros(pass.forward.output().shape()));                 // [T, N, O]
        RnnBackward back = engine.backward(pass.forward, dOutput, gradients.finalStateGradient().orElse(null),
                parameters.engineGradients(), GradientMode.OVERWRITE);
        parameters.addEngineGradients();
        return new InputGradients(SequenceTensors.fromTimeMajor(back.inputGradient(), pass.layout),
                back.initialStateGradient());
    }

    /** The parameter called {@code name}, e.g. {@code weight_ih_l1_reverse} (without the layer's prefix). */
    public Parameter parameter(String name) {
        return parameters.get(Objects.requireNonNull(name, "name"));
    }

    /**
     * The parameters of one layer and direction by name ({@code weight_ih_l1}, {@code weight_hh_l1}, …).
     *
     * @param direction 0 = the first direction (left to right; right to left in a right-to-left layer),
     *                  1 = the reverse one of a bidirectional layer
     */
    public Map<String, Parameter> weights(int layer, int direction) {
        return parameters.of(layer, direction);
    }

    /**
     * Step-by-step inference over {@code streams} streams with this layer's weights (as they are at each
     * step); close it when done.
     */
    public StatefulRnn stateful(int streams) {
        return new StatefulRnn(engine, parameters::engineWeights, streams);
    }

    @Override
    public String name() {
        return name;
    }

    /** Every parameter, named {@code <name>.<PyTorch name>}, layer by layer, direction by direction. */
    @Override
    public List<Parameter> parameters() {
        return parameters.list();
    }

    @Override
    public void close() {
        engine.close();
        arena.close();
    }

    private static boolean allEqual(int[] values, int expected) {
        for (int v : values) {
            if (v != expected) {
                return false;
            }
        }
        return true;
    }
}
