package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.infer.StatefulRnn;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnBackward;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * A (stacked, possibly bidirectional) recurrent layer: an {@link RnnEngine} of the chosen backend
 * with its {@link RnnWeights} and their gradients. Parameters are named after the oneDNN tensors:
 * {@code <name>.weights_layer}, {@code <name>.weights_iter}, {@code <name>.bias} (shapes in
 * {@link RnnWeights}); weights start uniform in ±1/sqrt(H) as in PyTorch.
 *
 * <p>Variable lengths follow the engine's packed-sequence semantics: sequence n reads steps
 * t &lt; lengths[n], its output past that is 0 and its final state is the one after its own last step.
 */
public final class Recurrent implements Layer {
    private final String name;
    private final RnnConfig config;
    private final RnnEngine engine;
    private final RnnWeights weights;
    private final RnnWeights gradients;
    private final List<Parameter> parameters;
    private final TensorArena arena = new TensorArena();

    /** What {@link #backward} needs: the engine's forward (output [T, N, O] and final state). */
    public record Pass(RnnForward forward) {
        /** [T, N, O]. */
        public Tensor output() {
            return forward.output();
        }

        /** h [L, D, N, S] and c [L, D, N, H] after each sequence's last step. */
        public RnnState finalState() {
            return forward.finalState();
        }
    }

    public Recurrent(String name, RnnConfig config, Backend backend, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.engine = RnnEngines.create(config, Objects.requireNonNull(backend, "backend"));
        this.weights = RnnWeights.uniform(config, seed, arena);
        this.gradients = RnnWeights.zeros(config, arena);
        List<Parameter> params = new ArrayList<>();
        Map<String, Tensor> grads = gradients.tensors();
        for (Map.Entry<String, Tensor> e : weights.tensors().entrySet()) {
            params.add(new Parameter(name + "." + e.getKey(), e.getValue(), grads.get(e.getKey())));
        }
        this.parameters = List.copyOf(params);
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

    public static RecurrentSpec of(CellKind cell, int hiddenSize) {
        return new RecurrentSpec(cell, hiddenSize, 1, Direction.LEFT_TO_RIGHT, 0);
    }

    public RnnConfig config() {
        return config;
    }

    public Backend backend() {
        return engine.backend();
    }

    /** The weights (for export, e.g. {@link org.rnn4j.interop.TorchRnnLayout#exportWeights}). */
    public RnnWeights weights() {
        return weights;
    }

    /** Restarts the sequence of dropout masks between stacked layers from {@code seed}. */
    public void seed(long seed) {
        engine.seed(seed);
    }

    /**
     * Runs x [T, N, I] from {@code initial} (null = zeros).
     *
     * @param lengths per-sequence lengths in [1, T], or null for all T
     */
    public Pass forward(Tensor x, int[] lengths, RnnState initial, Propagation propagation) {
        return new Pass(engine.forward(propagation, weights, x, lengths, initial));
    }

    /**
     * Backward of a training pass from dOutput [T, N, O] (null = zeros) and dFinalState (null = zeros);
     * adds the weight gradients and returns dx [T, N, I] and dInitialState.
     */
    public RnnBackward backward(Pass pass, Tensor outputGradient, RnnState finalStateGradient) {
        Tensor dOutput = outputGradient != null ? outputGradient : Tensor.zeros(pass.output().shape());
        return engine.backward(pass.forward(), dOutput, finalStateGradient, gradients, GradientMode.ACCUMULATE);
    }

    /** Step-by-step inference over {@code streams} streams with these weights; close it when done. */
    public StatefulRnn stateful(int streams) {
        return new StatefulRnn(engine, weights, streams);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public void close() {
        engine.close();
        arena.close();
    }
}
