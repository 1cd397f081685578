package org.rnn4j.spark;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.models.Model;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.train.Chunkable;
import org.rnn4j.train.TrainingPass;

/**
 * The driver's model as the {@link org.rnn4j.train.Trainer} sees it: its parameters are those of the
 * driver's model, but a forward over a {@link ShardBatch} is one Spark job in which every partition runs
 * its share forward and backward on its executor's copy of the model; the partitions' gradients are
 * summed with {@code treeAggregate}, and the pass's backward writes their weighted mean (exactly the
 * gradient of the global batch's mean loss) into the driver's gradients. The trainer then clips and steps
 * on the driver as it always does. With {@code syncEvery(k > 1)} a training forward is instead an update
 * of a round of parameter averaging ({@link Rounds}). Not thread-safe; close it to release the executor-side models of this
 * JVM and the broadcast model.
 */
final class SparkModel implements Chunkable<ShardBatch>, AutoCloseable {
    private final JavaSparkContext spark;
    private final Model<?> model;
    private final List<Parameter> parameters;
    private final String trainerId = UUID.randomUUID().toString();
    private final Broadcast<ModelBytes> modelBytes;
    private final int depth;
    private final StepStats stats = new StepStats();
    /** Parameter averaging every k > 1 updates, or null: every update sums the partitions' gradients. */
    private final Rounds rounds;
    private long seed;

    /**
     * @param depth     the depth of {@code treeAggregate}'s tree (2: Spark's default)
     * @param syncEvery updates between synchronisations (1: synchronous SGD)
     */
    SparkModel(JavaSparkContext spark, Model<?> model, int depth, int syncEvery) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.model = Objects.requireNonNull(model, "model");
        this.parameters = List.copyOf(model.parameters());
        this.modelBytes = spark.broadcast(ModelBytes.of(model));
        this.depth = depth;
        this.rounds = syncEvery == 1 ? null
                : new Rounds(spark, trainerId, modelBytes, parameters, model.backend(), stats, depth, syncEvery);
    }

    StepStats stats() {
        return stats;
    }

    /** The rounds of parameter averaging, or null with syncEvery(1). */
    Rounds rounds() {
        return rounds;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Backend backend() {
        return model.backend();
    }

    @Override
    public void seed(long newSeed) {
        this.seed = newSeed;
    }

    @Override
    public RnnConfig recurrentConfig() {
        if (!(model instanceof Chunkable<?> c)) {
            throw new IllegalArgumentException("truncated BPTT needs a model whose state can be carried (Chunkable), "
                    + "got " + model.getClass().getSimpleName());
        }
        return c.recurrentConfig();
    }

    @Override
    public TrainingPass forward(ShardBatch batch) {
        return forward(batch, null);
    }

    @Override
    public TrainingPass forward(ShardBatch batch, RnnState initial) {
        if (rounds != null) {
            return rounds.forward(batch, initial, seed);
        }
        ShardSum sum = run(ShardJob.Mode.TRAIN, batch, initial);
        return new SparkPass(sum, parameters, finalState(sum, batch, initial));
    }

    @Override
    public LossValue evaluate(ShardBatch batch) {
        return loss(run(ShardJob.Mode.EVALUATE, batch, null));
    }

    @Override
    public Evaluation evaluate(ShardBatch batch, RnnState initial) {
        ShardSum sum = run(ShardJob.Mode.EVALUATE, batch, initial);
        return new Evaluation(loss(sum), finalState(sum, batch, initial));
    }

    /** The loss of the global batch: the partitions' weighted mean. */
    static LossValue loss(ShardSum sum) {
        if (sum.weight == 0) {
            return LossValue.NONE;
        }
        return new LossValue(sum.lossSum / sum.weight, sum.weight, sum.correct);
    }

    /** One job: every partition's share of {@code batch} (its window), from {@code initial}'s rows (null: zeros). */
    private ShardSum run(ShardJob.Mode mode, ShardBatch batch, RnnState initial) {
        long start = System.nanoTime();
        boolean windowed = batch.from() >= 0;
        ShardLayout layout = windowed ? batch.layout() : null;
        StateRows initialRows = null;
        if (initial != null) {
            initialRows = StateRows.of(initial);
            if (initialRows.batch() != layout.batch()) {
                throw new IllegalArgumentException("initial state of " + initialRows.batch() + " sequences for a batch of "
                        + layout.batch());
            }
        }
        Broadcast<StepInputs> inputs = spark.broadcast(new StepInputs(FlatTensors.values(parameters), initialRows, layout));
        long broadcastNanos = System.nanoTime() - start;
        try {
            ShardJob job = new ShardJob(trainerId, batch.source().rdd().id(), mode, batch.epoch(), batch.batch(), batch.from(), batch.to(), seed,
                    model.backend());
            ShardSum sum = aggregate(batch.source(), job, inputs);
            if (mode == ShardJob.Mode.TRAIN) {
                stats.recordStep(broadcastNanos, System.nanoTime() - start, sum, Parameters.count(parameters));
            }
            return sum;
        } finally {
            inputs.destroy();
        }
    }

    private <E, B> ShardSum aggregate(ShardSource<E, B> source, ShardJob job, Broadcast<StepInputs> inputs) {
        var task = ShardTask.of(job, modelBytes, inputs, source.sharding());
        if (job.mode() == ShardJob.Mode.TRAIN && stats.taskBytes() == 0) {
            stats.recordTaskBytes(TaskBytes.of(task));
        }
        return source.rdd().mapPartitionsWithIndex(task, true)
                .treeAggregate(new ShardSum(), ShardSum::add, ShardSum::merge, depth);
    }

    /** The partitions' final states stacked into the global batch's, or null outside truncated BPTT. */
    private static RnnState finalState(ShardSum sum, ShardBatch batch, RnnState initial) {
        if (batch.from() < 0 || sum.finalStates.isEmpty()) {
            return initial;
        }
        ShardLayout layout = batch.layout();
        StateRows[] parts = new StateRows[layout.rows().length];
        sum.finalStates.forEach((p, rows) -> parts[p] = rows);
        return StateRows.stack(parts, layout, sum.finalStates.firstEntry().getValue()).toState();
    }

    @Override
    public void close() {
        WorkerModels.release(trainerId);
        modelBytes.destroy();
    }
}
