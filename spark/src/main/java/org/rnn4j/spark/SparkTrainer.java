package org.rnn4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.models.Model;
import org.rnn4j.nn.LossValue;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Divergence;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingSummary;

/**
 * Synchronous data-parallel training of a model on Apache Spark, with the same {@link Trainer} and the
 * same configuration as on one machine. The data stays in an RDD; each step, every partition computes the
 * gradient of its share of the global batch ({@link ShardedData}) with the native kernels on its executor,
 * the gradients are summed with {@code treeAggregate}, and the driver's trainer clips, applies the
 * optimizer step (with its schedule) and, through the next step's broadcast, hands out the new
 * parameters. So with the same seed and global batch the trajectory is that of single-machine training
 * up to f32 summation order. Checkpoints, resume, validation, early stopping, metrics and the progress
 * bar are the trainer's own, on the driver.
 *
 * <p>With {@link Builder#syncEvery(int) syncEvery(k > 1)}, parameter averaging instead: one job per k
 * updates, the partitions' local updates averaged ({@link Rounds}).
 *
 * <p>Fault tolerance: a task's result is a function of the step's broadcast and its partition's data, so
 * a task Spark retries (or runs twice, speculatively) yields the same gradient, and only one result per
 * partition enters the sum.
 *
 * @param <B> the model's batches
 */
public final class SparkTrainer<B> implements AutoCloseable {
    private final SparkModel sparkModel;
    private final Trainer<ShardBatch> trainer;
    private final int syncEvery;
    private final Dataset<ShardBatch> train;
    private final Dataset<ShardBatch> validation;
    private final String master;

    private SparkTrainer(Builder<B> b) {
        this.master = b.spark.master();
        this.syncEvery = b.syncEvery;
        this.sparkModel = new SparkModel(b.spark, b.model, b.aggregationDepth, b.syncEvery);
        Trainer<ShardBatch> built = null;
        try {
            built = b.configure.apply(Trainer.builder(sparkModel)).build();
            if (sparkModel.rounds() != null) {
                checkRounds(built, syncEvery);
                sparkModel.rounds().attach(built);
            }
        } catch (RuntimeException e) {
            if (built != null) {
                built.close();
            }
            sparkModel.close();
            throw e;
        }
        this.trainer = built;
        this.train = new ShardDataset(b.train);
        this.validation = b.validation == null ? null : new ShardDataset(b.validation);
    }

    /**
     * A builder of data-parallel training of {@code model} (the driver's copy, whose parameters are trained)
     * on {@code data}, each partition's share of a batch made by {@code sharding}.
     */
    public static <E, B> Builder<B> builder(JavaSparkContext spark, Model<B> model, JavaRDD<E> data,
                                            ShardedData<E, B> sharding) {
        return new Builder<>(spark, model, new ShardSource<>(data, sharding));
    }

    /** The trainer on the driver: its step, optimizer, listeners, checkpoints. */
    public Trainer<ShardBatch> trainer() {
        return trainer;
    }

    /** The Spark master this trainer runs on. */
    public String master() {
        return master;
    }

    /**
     * Updates between synchronisations of the partitions: 1, every update sums all the partitions' gradients;
     * k > 1, each partition makes k local updates, then their parameters and optimizer state are averaged.
     */
    public int syncEvery() {
        return syncEvery;
    }

    /**
     * Trains until a limit of {@code epochs} or early stopping ends it (see {@link Trainer#fit}). With
     * {@code syncEvery(k > 1)}, rounds end at the update limit; a fit that ends inside a round (its time limit,
     * early stopping) leaves the parameters of the round's start, logged at WARN.
     */
    public TrainingSummary fit(Epochs epochs) {
        Objects.requireNonNull(epochs, "epochs");
        Rounds rounds = sparkModel.rounds();
        if (rounds == null) {
            return trainer.fit(train, validation, epochs);
        }
        rounds.limit(epochs);
        try {
            return trainer.fit(train, validation, epochs);
        } finally {
            rounds.discard();
        }
    }

    /** Rounds need checkpoints at round boundaries, no rollback inside a round and no gradient-free warm-up. */
    private static void checkRounds(Trainer<ShardBatch> trainer, int syncEvery) {
        trainer.checkpoints().ifPresent(c -> {
            if (c.every() % syncEvery != 0) {
                throw new IllegalArgumentException("checkpoint interval must be a multiple of syncEvery = " + syncEvery
                        + " (checkpoints at round boundaries), got " + c.every());
            }
        });
        if (trainer.divergence().action() == Divergence.Action.ROLL_BACK) {
            throw new IllegalArgumentException("syncEvery > 1 cannot roll back on divergence (Divergence.Action."
                    + "ROLL_BACK): a rollback inside a round would be overwritten by the round's averages; use CONTINUE "
                    + "or STOP");
        }
        trainer.truncatedBptt().ifPresent(t -> {
            if (t.backwardLength() != t.forwardLength()) {
                throw new IllegalArgumentException("syncEvery > 1 needs truncated BPTT with k2 = k1, got k1 = "
                        + t.forwardLength() + ", k2 = " + t.backwardLength());
            }
        });
    }

    /** The loss over the validation data (epoch 0), computed on the cluster. */
    public LossValue evaluateValidation() {
        if (validation == null) {
            throw new IllegalStateException("no validation data was given (Builder.validation)");
        }
        return trainer.evaluate(validation);
    }

    /**
     * Writes a checkpoint from the driver ({@link Trainer#saveCheckpoint}).
     *
     * @throws IllegalStateException inside a round of {@code syncEvery(k > 1)} (its averages are not installed)
     */
    public void saveCheckpoint(Path file) throws IOException {
        if (sparkModel.rounds() != null && sparkModel.rounds().inside()) {
            throw new IllegalStateException("cannot checkpoint inside a round of syncEvery(" + syncEvery + ") at update "
                    + trainer.step() + ": checkpoints are written at round boundaries");
        }
        trainer.saveCheckpoint(file);
    }

    /** Continues from a checkpoint of the same run ({@link Trainer#resume}). */
    public void resume(Path file) throws IOException {
        if (sparkModel.rounds() != null) {
            sparkModel.rounds().discard();
        }
        trainer.resume(file);
    }

    /** Timings and gradient sizes of the training jobs so far. */
    public StepStats stats() {
        return sparkModel.stats();
    }

    /** Closes the trainer and this JVM's executor-side models (the driver's model stays the caller's). */
    @Override
    public void close() {
        try {
            trainer.close();
        } finally {
            sparkModel.close();
        }
    }

    /** The epochs of a {@link ShardSource}: batch b of epoch e is a {@link ShardBatch} handle. */
    private static final class ShardDataset implements Dataset<ShardBatch> {
        private final ShardSource<?, ?> source;

        ShardDataset(ShardSource<?, ?> source) {
            this.source = source;
        }

        @Override
        public Iterable<ShardBatch> epoch(int epoch) {
            return epoch(epoch, 0);
        }

        @Override
        public Iterable<ShardBatch> epoch(int epoch, int fromBatch) {
            int size = size();
            if (fromBatch < 0 || fromBatch > size) {
                throw new IllegalArgumentException("fromBatch must be in [0, " + size + "], got " + fromBatch);
            }
            return () -> java.util.stream.IntStream.range(fromBatch, size)
                    .mapToObj(b -> new ShardBatch(source, epoch, b)).iterator();
        }

        @Override
        public int size() {
            return source.sharding().batchesPerEpoch();
        }
    }

    /** Builder; {@link #build()} checks the combination. */
    public static final class Builder<B> {
        private final JavaSparkContext spark;
        private final Model<B> model;
        private final ShardSource<?, B> train;
        private ShardSource<?, B> validation;
        private UnaryOperator<Trainer.Builder<ShardBatch>> configure = UnaryOperator.identity();
        private int aggregationDepth = 2;
        private int syncEvery = 1;

        private Builder(JavaSparkContext spark, Model<B> model, ShardSource<?, B> train) {
            this.spark = Objects.requireNonNull(spark, "spark");
            this.model = Objects.requireNonNull(model, "model");
            this.train = train;
        }

        /** Validation data, evaluated on the cluster when the trainer's validation schedule says. */
        public <V> Builder<B> validation(JavaRDD<V> data, ShardedData<V, B> sharding) {
            this.validation = new ShardSource<>(data, sharding);
            return this;
        }

        /**
         * The trainer's configuration, exactly as for single-machine training: optimizer, schedule,
         * clipping, truncated BPTT, seed, validation schedule, checkpoints, listeners, metrics.
         */
        public Builder<B> trainer(UnaryOperator<Trainer.Builder<ShardBatch>> configuration) {
            this.configure = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * Updates between synchronisations (default 1: every update sums all the partitions' gradients, exact
         * synchronous SGD). With k > 1, parameter averaging as Deeplearning4j's Spark training does: one Spark
         * job per k updates, in which every partition makes k local updates (the same optimizer, schedule and
         * clipping, its share of each of the k global batches) from the driver's parameters and optimizer
         * state, which are then replaced by the partitions' averages. Needs checkpoints every multiple of k,
         * no {@code Divergence.Action.ROLL_BACK} and, with truncated BPTT, k2 = k1 (checked by {@link #build()}).
         *
         * @throws IllegalArgumentException if {@code k < 1}
         */
        public Builder<B> syncEvery(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("syncEvery must be >= 1 updates, got " + k);
            }
            this.syncEvery = k;
            return this;
        }

        /** The depth of {@code treeAggregate}'s tree (default 2, Spark's). */
        public Builder<B> aggregationDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("aggregation depth must be >= 1, got " + depth);
            }
            this.aggregationDepth = depth;
            return this;
        }

        public SparkTrainer<B> build() {
            return new SparkTrainer<>(this);
        }
    }
}
