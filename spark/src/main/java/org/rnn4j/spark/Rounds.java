package org.rnn4j.spark;

import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Parameter;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingPass;
import org.rnn4j.train.optim.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parameter averaging every k updates ({@code syncEvery(k)}, k > 1), as Deeplearning4j's Spark training does,
 * on the driver. Rounds cover the updates [r·k, (r + 1)·k) (the last one of a fit cut at its update limit).
 * When the trainer asks for the first update of a round, one Spark job runs the whole round: the driver
 * broadcasts its parameters and optimizer state, every partition makes the round's k local updates on its
 * share of each of the k global batches or windows ({@link LocalRound}), and {@code treeAggregate} sums the
 * partitions' parameters and optimizer state; the trainer's next k updates are then answered from that
 * result ({@link RoundPass}), and the last one installs the averages. So the driver's parameters, optimizer
 * state and carried state change only at round boundaries, where checkpoints are written.
 */
final class Rounds {
    private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);

    private final JavaSparkContext spark;
    private final String trainerId;
    private final Broadcast<ModelBytes> modelBytes;
    private final List<Parameter> parameters;
    private final Backend backend;
    private final StepStats stats;
    private final int depth;
    private final int every;
    private Trainer<ShardBatch> trainer;
    private Epochs limits = Epochs.of(Integer.MAX_VALUE);
    private Round pending;

    Rounds(JavaSparkContext spark, String trainerId, Broadcast<ModelBytes> modelBytes, List<Parameter> parameters,
           Backend backend, StepStats stats, int depth, int every) {
        this.spark = spark;
        this.trainerId = trainerId;
        this.modelBytes = modelBytes;
        this.parameters = parameters;
        this.backend = backend;
        this.stats = stats;
        this.depth = depth;
        this.every = every;
    }

    /** The trainer whose updates the rounds make (its step, optimizer, schedule, clipping, truncated BPTT). */
    void attach(Trainer<ShardBatch> driverTrainer) {
        this.trainer = Objects.requireNonNull(driverTrainer, "trainer");
    }

    /** The limits of the coming fit: no round runs updates beyond its update or epoch limit. */
    void limit(Epochs epochs) {
        this.limits = Objects.requireNonNull(epochs, "epochs");
    }

    /** Whether a round has started whose last update the trainer has not made yet. */
    boolean inside() {
        return pending != null && pending.next < pending.updates();
    }

    /** Forgets a round the trainer will not finish (a fit that ended inside it, a resume). */
    void discard() {
        if (inside()) {
            LOG.warn("the round of updates {}..{} ended after update {}: its last updates are not made, the "
                    + "parameters stay those of update {}", pending.start + 1, pending.start + pending.updates(),
                    pending.start + pending.next, pending.start);
        }
        pending = null;
    }

    /** The trainer's next update: the next one of the pending round, or the first of a new one. */
    TrainingPass forward(ShardBatch batch, RnnState initial, long seed) {
        RoundWindow window = RoundWindow.of(batch);
        long step = trainer.step();
        if (pending != null && !(inside() && pending.start + pending.next == step
                && pending.windows.get(pending.next).equals(window))) {
            discard();
        }
        if (pending == null) {
            pending = start(batch.source(), window, initial, seed, step);
        }
        return new RoundPass(pending, pending.next++, initial);
    }

    private Round start(ShardSource<?, ?> source, RoundWindow first, RnnState initial, long seed, long step) {
        long begin = System.nanoTime();
        int length = (int) Math.min(every - step % every, limits.maxSteps() - step);
        int forwardLength = trainer.truncatedBptt().map(t -> t.forwardLength()).orElse(0);
        List<RoundWindow> windows = new RoundPlan(forwardLength, limits.count()).windows(source, first, Math.max(1, length));
        Optimizer optimizer = trainer.optimizer();
        long[] seeds = new long[windows.size()];
        double[] rates = new double[windows.size()];
        for (int j = 0; j < seeds.length; j++) {
            seeds[j] = LocalRound.updateSeed(seed, j);
            rates[j] = optimizer.config().learningRate() * trainer.schedule().factor(step + j);
        }
        StateRows initialRows = initial == null ? null : StateRows.of(initial);
        ShardLayout layout = initial == null ? null : source.layout(first.epoch(), first.batch());
        Broadcast<RoundInputs> inputs = spark.broadcast(new RoundInputs(FlatTensors.values(parameters),
                FlatTensors.of(optimizer.state()), initialRows, layout));
        long broadcastNanos = System.nanoTime() - begin;
        try {
            RoundJob job = new RoundJob(trainerId, source.rdd().id(), windows, seeds, rates, optimizer.config(), trainer.clipping(),
                    optimizer.steps(), backend);
            RoundSum sum = aggregate(source, job, inputs);
            stats.recordRound(windows.size(), broadcastNanos, System.nanoTime() - begin, sum);
            return new Round(source, windows, sum, step, optimizer);
        } finally {
            inputs.destroy();
        }
    }

    private <E, B> RoundSum aggregate(ShardSource<E, B> source, RoundJob job, Broadcast<RoundInputs> inputs) {
        var task = RoundTask.of(job, modelBytes, inputs, source.sharding());
        if (stats.taskBytes() == 0) {
            stats.recordTaskBytes(TaskBytes.of(task));
        }
        return source.rdd().mapPartitionsWithIndex(task, true)
                .treeAggregate(new RoundSum(), RoundSum::add, RoundSum::merge, depth);
    }

    /** One round's result, and how many of its updates the trainer has made. */
    final class Round {
        private final ShardSource<?, ?> source;
        private final List<RoundWindow> windows;
        private final RoundSum sum;
        private final long start;
        private final Optimizer optimizer;
        private int next;

        private Round(ShardSource<?, ?> source, List<RoundWindow> windows, RoundSum sum, long start,
                      Optimizer optimizer) {
            this.source = source;
            this.windows = windows;
            this.sum = sum;
            this.start = start;
            this.optimizer = optimizer;
        }

        int updates() {
            return windows.size();
        }

        RoundSum sum() {
            return sum;
        }

        /** The driver takes the partitions' mean parameters and optimizer state (none trained: no change). */
        void install() {
            if (sum.replicas == 0) {
                return;
            }
            sum.meanParameters().copyInto(parameters);
            sum.meanState().copyInto(optimizer.state());
            optimizer.restoreSteps(sum.maxOptimizerSteps);
        }

        /** The partitions' states after the last window stacked into its global batch's, as {@code like}. */
        RnnState finalState(RnnState like) {
            RoundWindow last = windows.get(windows.size() - 1);
            ShardLayout layout = source.layout(last.epoch(), last.batch());
            StateRows[] parts = new StateRows[layout.rows().length];
            sum.finalStates.forEach((p, rows) -> parts[p] = rows);
            return StateRows.stack(parts, layout, StateRows.of(like)).toState();
        }
    }
}
