package org.rnn4j.rnn;

import java.util.Objects;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.NativeLibrary;
import org.rnn4j.internal.RnnData;
import org.rnn4j.internal.RnnDesc;
import org.rnn4j.internal.RnnKernel;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * A recurrent network on oneDNN's fused RNN primitives (librnn4j). One instance caches primitives
 * per shape and re-laid-out weights per {@link RnnWeights#version()}; it is not thread-safe.
 * Every shape is checked here, before native code runs.
 */
public final class NativeRnn implements AutoCloseable {
    private final RnnConfig config;
    private final RnnKernel kernel;
    private boolean closed;

    public NativeRnn(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        NativeLibrary.ensureLoaded();
        try (RnnDesc desc = new RnnDesc()) {
            desc.cell(config.cell().ordinal())
                    .direction(config.direction().ordinal())
                    .layers(config.layers())
                    .input_size(config.inputSize())
                    .hidden_size(config.hiddenSize())
                    .projection_size(config.projectionSize())
                    .peephole(config.hasPeephole() ? 1 : 0);
            RnnKernel[] created = new RnnKernel[1];
            NativeLibrary.call(() -> created[0] = new RnnKernel(desc));
            this.kernel = created[0];
        }
    }

    public RnnConfig config() {
        return config;
    }

    /**
     * Runs the network over {@code input} [T, N, I] from {@code initial} (null = zeros). The
     * output, final state and (for training) workspace are allocated in the current scope.
     */
    public RnnForward forward(Propagation propagation, RnnWeights weights, Tensor input, RnnState initial) {
        checkOpen();
        Objects.requireNonNull(propagation, "propagation");
        Objects.requireNonNull(weights, "weights").check("weights", config);
        int[] tn = checkInput(input);
        int steps = tn[0], batch = tn[1];
        if (initial != null) {
            initial.check("initial", config, batch);
        }
        Tensor output = Tensor.zeros(Shape.of(steps, batch, config.outputWidth()));
        RnnState finalState = RnnState.zeros(config, batch);
        Tensor workspace = null;
        if (propagation == Propagation.TRAINING) {
            long bytes = NativeLibrary.callLong(() -> kernel.workspace_bytes(steps, batch));
            workspace = Tensor.zeros(Shape.of((bytes + 3) / 4));
        }
        RnnForward fwd = new RnnForward(propagation, weights, input, initial, output, finalState, workspace);
        try (RnnData data = bind(fwd)) {
            int prop = propagation == Propagation.TRAINING ? 1 : 0;
            NativeLibrary.call(() -> kernel.forward(prop, data));
        }
        return fwd;
    }

    /**
     * Backpropagates {@code outputGradient} [T, N, O] and {@code finalStateGradient} (null = zeros)
     * through a training forward; writes the weight gradients into {@code weightGradients} as
     * {@code mode} says and returns the input and initial-state gradients (allocated in the current scope).
     */
    public RnnBackward backward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                                RnnWeights weightGradients, GradientMode mode) {
        checkOpen();
        Objects.requireNonNull(fwd, "fwd");
        Objects.requireNonNull(mode, "mode");
        if (fwd.propagation != Propagation.TRAINING) {
            throw new IllegalStateException("backward needs a TRAINING forward, got " + fwd.propagation);
        }
        if (fwd.weights.version() != fwd.weightsVersion) {
            throw new IllegalStateException("the weights changed between forward and backward");
        }
        Objects.requireNonNull(weightGradients, "weightGradients").check("weightGradients", config);
        int steps = (int) fwd.input.shape().dim(0), batch = (int) fwd.input.shape().dim(1);
        Objects.requireNonNull(outputGradient, "outputGradient").shape()
                .check("outputGradient", fwd.output.shape());
        if (finalStateGradient != null) {
            finalStateGradient.check("finalStateGradient", config, batch);
        }
        Tensor inputGradient = Tensor.zeros(Shape.of(steps, batch, config.inputSize()));
        RnnState initialGradient = RnnState.zeros(config, batch);
        try (RnnData data = bind(fwd)) {
            data.diff_dst_layer(outputGradient.pointer())
                    .diff_src_layer(inputGradient.pointer())
                    .diff_src_iter(initialGradient.h().pointer())
                    .diff_weights_layer(weightGradients.weightsLayer().pointer())
                    .diff_weights_iter(weightGradients.weightsIter().pointer())
                    .diff_bias(weightGradients.bias().pointer());
            if (initialGradient.c() != null) {
                data.diff_src_iter_c(initialGradient.c().pointer());
            }
            if (weightGradients.peephole() != null) {
                data.diff_weights_peephole(weightGradients.peephole().pointer());
            }
            if (weightGradients.projection() != null) {
                data.diff_weights_projection(weightGradients.projection().pointer());
            }
            if (finalStateGradient != null) {
                data.diff_dst_iter(finalStateGradient.h().pointer());
                if (finalStateGradient.c() != null) {
                    data.diff_dst_iter_c(finalStateGradient.c().pointer());
                }
            }
            int m = mode == GradientMode.ACCUMULATE ? 1 : 0;
            NativeLibrary.call(() -> kernel.backward(m, data));
        }
        weightGradients.changed();
        return new RnnBackward(inputGradient, initialGradient);
    }

    /** Number of oneDNN primitives this network has cached. */
    public long cachedPrimitives() {
        checkOpen();
        return kernel.cached_primitives();
    }

    private RnnData bind(RnnForward fwd) {
        RnnWeights w = fwd.weights;
        RnnData data = new RnnData();
        data.steps(fwd.input.shape().dim(0))
                .batch(fwd.input.shape().dim(1))
                .weights_version(w.version())
                .src_layer(fwd.input.pointer())
                .weights_layer(w.weightsLayer().pointer())
                .weights_iter(w.weightsIter().pointer())
                .bias(w.bias().pointer())
                .dst_layer(fwd.output.pointer())
                .dst_iter(fwd.finalState.h().pointer());
        if (w.peephole() != null) {
            data.weights_peephole(w.peephole().pointer());
        }
        if (w.projection() != null) {
            data.weights_projection(w.projection().pointer());
        }
        if (fwd.finalState.c() != null) {
            data.dst_iter_c(fwd.finalState.c().pointer());
        }
        if (fwd.initial != null) {
            data.src_iter(fwd.initial.h().pointer());
            if (fwd.initial.c() != null) {
                data.src_iter_c(fwd.initial.c().pointer());
            }
        }
        if (fwd.workspace != null) {
            data.workspace(fwd.workspace.pointer()).workspace_size(fwd.workspace.size() * 4);
        }
        return data;
    }

    private int[] checkInput(Tensor input) {
        Objects.requireNonNull(input, "input");
        Shape s = input.shape();
        if (s.rank() != 3 || s.dim(2) != config.inputSize() || s.dim(0) < 1 || s.dim(1) < 1) {
            throw new IllegalArgumentException("input must have shape [T >= 1, N >= 1, " + config.inputSize()
                    + "], got " + s);
        }
        if (s.dim(0) > Integer.MAX_VALUE || s.dim(1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input T and N must fit in an int, got " + s);
        }
        return new int[] {(int) s.dim(0), (int) s.dim(1)};
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("NativeRnn " + config + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            kernel.close();
        }
    }
}
