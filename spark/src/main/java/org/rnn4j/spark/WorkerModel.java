package org.rnn4j.spark;

import java.util.List;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.SplitMix64;
import org.rnn4j.models.Model;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Chunkable;
import org.rnn4j.train.TimeSliced;
import org.rnn4j.train.Trainable;
import org.rnn4j.train.TrainingPass;
import org.rnn4j.train.optim.Optimizer;

/**
 * One executor-side model and what a task does with it: read the step's parameters, run the partition's
 * share (or its window) forward, backward, and return the gradient of its mean loss, the loss and the final state.
 * A task's result is a function of the step's inputs and the partition's data alone.
 * Runs on whichever thread the task has; the attempts of one partition take turns (a training call
 * refuses to overlap another on the same model).
 */
final class WorkerModel implements AutoCloseable {

    private final Model<?> model;
    private final List<Parameter> parameters;
    /** The local optimizer of {@code syncEvery(k > 1)}'s rounds, made at the first round. */
    private Optimizer optimizer;

    WorkerModel(Model<?> model) {
        this.model = model;
        this.parameters = List.copyOf(model.parameters());
    }

    /** The dropout seed of {@code partition} in a forward the trainer seeded with {@code seed}. */
    static long partitionSeed(long seed, int partition) {
        return SplitMix64.mix(seed + SplitMix64.GOLDEN_GAMMA * (partition + 1L));
    }

    Model<?> model() {
        return model;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /** The recurrent layer's config (truncated BPTT: the shape of the carried state). */
    RnnConfig recurrentConfig() {
        return chunkableRaw().recurrentConfig();
    }

    /** Runs a round of local updates ({@link LocalRound}); the attempts of one partition take turns. */
    synchronized RoundResult runRound(RoundJob job, RoundInputs inputs, int partition, List<Object> shares) {
        if (optimizer == null) {
            optimizer = new Optimizer(job.optimizer(), parameters, Kernels.of(model.backend()));
        }
        return LocalRound.run(this, optimizer, job, inputs, partition, shares);
    }

    synchronized ShardResult run(ShardJob job, StepInputs inputs, int partition, Object share) {
        long start = System.nanoTime();
        inputs.parameters().copyInto(parameters);
        model.seed(partitionSeed(job.seed(), partition));
        try (TensorScope scope = TensorScope.open()) {
            Object local = job.windowed() ? window(share, job.from(), job.to()) : share;
            if (local == null) {
                return ShardResult.empty(partition);
            }
            RnnState initial = initialRows(inputs, partition);
            if (job.mode() == ShardJob.Mode.EVALUATE) {
                return evaluate(job, partition, local, initial, start);
            }
            TrainingPass pass = forward(local, initial);
            Parameters.zeroGradients(parameters);
            pass.backward();
            LossValue loss = pass.loss();
            float[][] gradients = new float[parameters.size()][];
            for (int i = 0; i < gradients.length; i++) {
                gradients[i] = parameters.get(i).gradient().toFloatArray();
            }
            StateRows state = job.windowed() ? StateRows.of(pass.finalState()) : null;
            return new ShardResult(partition, loss.mean() * loss.weight(), loss.weight(), loss.correct(), gradients,
                    state, new TaskTimes(0, 0, System.nanoTime() - start));
        }
    }

    private ShardResult evaluate(ShardJob job, int partition, Object local, RnnState initial, long start) {
        LossValue loss;
        StateRows state = null;
        if (job.windowed()) {
            Chunkable.Evaluation e = chunkable().evaluate(local, initial);
            loss = e.loss();
            state = StateRows.of(e.finalState());
        } else {
            loss = trainable().evaluate(local);
        }
        return new ShardResult(partition, loss.mean() * loss.weight(), loss.weight(), loss.correct(), null, state,
                new TaskTimes(0, 0, System.nanoTime() - start));
    }

    /** A training forward of {@code local} from {@code initial} (null: a whole batch, no carried state). */
    TrainingPass forward(Object local, RnnState initial) {
        return initial == null ? trainable().forward(local) : chunkable().forward(local, initial);
    }

    /** The window [from, to) of the share, cut at its own steps; null when the share has no steps there. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object window(Object share, int from, int to) {
        TimeSliced sliced = (TimeSliced) share;
        int steps = sliced.steps();
        if (from >= steps) {
            return null;
        }
        return sliced.slice(from, Math.min(to, steps));
    }

    private RnnState initialRows(StepInputs inputs, int partition) {
        if (inputs.initial() == null) {
            return null;
        }
        ShardLayout layout = inputs.layout();
        return inputs.initial().rows(layout.offsets()[partition], layout.rows()[partition]).toState();
    }

    @SuppressWarnings("unchecked")
    private Trainable<Object> trainable() {
        return (Trainable<Object>) model;
    }

    private Chunkable<?> chunkableRaw() {
        if (!(model instanceof Chunkable<?> c)) {
            throw new IllegalArgumentException("truncated BPTT needs a model whose state can be carried (Chunkable), "
                    + "got " + model.getClass().getSimpleName());
        }
        return c;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ChunkableView chunkable() {
        Chunkable c = chunkableRaw();
        return new ChunkableView() {
            @Override
            public TrainingPass forward(Object batch, RnnState initial) {
                return c.forward((TimeSliced) batch, initial);
            }

            @Override
            public Chunkable.Evaluation evaluate(Object batch, RnnState initial) {
                return c.evaluate((TimeSliced) batch, initial);
            }
        };
    }

    /** A Chunkable seen without its batch type. */
    private interface ChunkableView {
        TrainingPass forward(Object batch, RnnState initial);

        Chunkable.Evaluation evaluate(Object batch, RnnState initial);
    }

    @Override
    public synchronized void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        model.close();
    }
}
