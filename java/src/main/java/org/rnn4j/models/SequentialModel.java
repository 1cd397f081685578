package org.rnn4j.models;

import java.util.List;
import java.util.Objects;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.SequenceContext;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Chunkable;
import org.rnn4j.train.TrainingPass;

/**
 * A model that is a {@link Sequential} network plus an {@link Objective}: training forward, backward
 * (chained by the network), inference loss, parameters, seeding, saving, streaming and closing are all
 * here once, so each ready model adds only its config and its own inference methods. The first
 * recurrent block is the one whose state truncated BPTT carries.
 *
 * @param <B> the batches
 * @param <C> the config record
 */
public abstract class SequentialModel<B, C extends Record> implements Model<B> {
    private final C config;
    private final long parameterSeed;
    private final Sequential network;
    private final Objective<B> objective;
    private final Backend backend;
    private final Kernels kernels;
    private final RecurrentBlock carried;

    SequentialModel(C config, long parameterSeed, Sequential network, Objective<B> objective, Backend backend) {
        this.config = Objects.requireNonNull(config, "config");
        this.parameterSeed = parameterSeed;
        this.network = Objects.requireNonNull(network, "network");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.kernels = Kernels.of(backend);
        List<RecurrentBlock> recurrents = network.recurrentBlocks();
        this.carried = recurrents.isEmpty() ? null : recurrents.get(0);
    }

    @Override
    public C config() {
        return config;
    }

    @Override
    public long parameterSeed() {
        return parameterSeed;
    }

    @Override
    public List<Parameter> parameters() {
        return network.parameters();
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** Restarts every block's dropout masks from {@code seed}. */
    @Override
    public void seed(long seed) {
        network.seed(seed);
    }

    @Override
    public List<RecurrentBlock> recurrentBlocks() {
        return network.recurrentBlocks();
    }

    /** The network: its blocks, in order. */
    public Sequential network() {
        return network;
    }

    @Override
    public TrainingPass forward(B batch) {
        return forward(batch, null);
    }

    /**
     * A training forward over {@code batch} from {@code initial} (null = zeros) as the first recurrent
     * block's state; its tensors are in the current scope (the trainer opens one per update).
     */
    public TrainingPass forward(B batch, RnnState initial) {
        SequenceContext context = context(batch, Propagation.TRAINING, initial);
        Sequential.Pass pass = network.forward(objective.inputs(batch), context);
        Objective.Loss loss = objective.loss(kernels, pass.output(), batch);
        return new ModelPass(loss.value(), carried == null ? null : pass.finalState(carried.name()),
                () -> network.backward(pass, loss.gradient().get()));
    }

    /** A training forward from zeros whose recurrent blocks compute no final state (its finalState() throws). */
    @Override
    public TrainingPass forwardOutputsOnly(B batch) {
        SequenceContext context = context(batch, Propagation.TRAINING, null).outputsOnly();
        Sequential.Pass pass = network.forward(objective.inputs(batch), context);
        Objective.Loss loss = objective.loss(kernels, pass.output(), batch);
        return ModelPass.outputsOnly(loss.value(), () -> network.backward(pass, loss.gradient().get()));
    }

    /** The loss over {@code batch} in inference; releases its temporaries. */
    @Override
    public LossValue evaluate(B batch) {
        try (TensorScope scope = TensorScope.open()) {
            return evaluate(batch, null).loss();
        }
    }

    /** The inference loss from {@code initial} and the first recurrent block's final state, in the current scope. */
    public Chunkable.Evaluation evaluate(B batch, RnnState initial) {
        SequenceContext context = context(batch, Propagation.INFERENCE, initial);
        Sequential.Pass pass = network.forward(objective.inputs(batch), context);
        LossValue loss = objective.loss(kernels, pass.output(), batch).value();
        return new Chunkable.Evaluation(loss, carried == null ? null : pass.finalState(carried.name()));
    }

    /** The config of the first recurrent block, whose state truncated BPTT carries. */
    public RnnConfig recurrentConfig() {
        if (carried == null) {
            throw new IllegalStateException("this model has no recurrent block");
        }
        return carried.config();
    }

    /**
     * Step-by-step inference of the whole network over {@code streams} streams (each step one input per
     * stream: a token id, or F features); the recurrent layers must read left to right. Close it when done.
     */
    public ModelStream stream(int streams) {
        return new ModelStream(network.stream(streams), streams);
    }

    /** The network's inference output for {@code x} under {@code context}, in the current scope. */
    Tensor infer(Tensor x, SequenceContext context) {
        return network.forward(x, context).output();
    }

    /** The network's inference output for {@code batch}, in the current scope. */
    Tensor infer(B batch) {
        return infer(objective.inputs(batch), objective.context(batch, Propagation.INFERENCE));
    }

    private SequenceContext context(B batch, Propagation propagation, RnnState initial) {
        SequenceContext context = objective.context(batch, propagation);
        if (initial == null) {
            return context;
        }
        if (carried == null) {
            throw new IllegalArgumentException("initial must be null for a model without a recurrent block");
        }
        return context.withInitialState(carried.name(), initial);
    }

    /** Rows of {@code values} [N · W] as [N][W]. */
    static float[][] rows(float[] values, int n) {
        int width = values.length / n;
        float[][] out = new float[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, i * width, out[i], 0, width);
        }
        return out;
    }

    /** Softmax of each row, in place; returns {@code rows}. */
    static float[][] softmax(float[][] rows) {
        for (float[] row : rows) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : row) {
                sum += Math.exp(v - max);
            }
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (Math.exp(row[j] - max) / sum);
            }
        }
        return rows;
    }

    @Override
    public void close() {
        network.close();
    }
}
