package org.rnn4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.nn.LossValue;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.optim.Optimizer;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.train.optim.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Trainable}. Each file of this package does one job: the update (forward → zero grads
 * → backward → clip → step, {@code Update}), the loop over epochs and batches ({@code TrainingLoop}),
 * how a batch becomes updates ({@code WholeBatches} for full BPTT, {@code TruncatedBpttChunks} for
 * {@link TruncatedBptt}), validation with {@link EarlyStopping} ({@code Validation}), and atomic
 * {@link Checkpoints} written by a {@link CheckpointListener}, from which {@link #resume} continues the
 * same trajectory. {@link Epochs} bounds a fit by epochs, updates and wall-clock time; {@link Metric}s
 * reach the progress bar and the metrics log. A {@link Divergence} guard flags updates whose loss or gradient
 * norm runs away and warns, stops or rolls back. Given its seed, a run on one thread is deterministic.
 * Not thread-safe. Close it to release the optimizer state, the carried state and the best weights.
 */
public final class Trainer<B> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Update<B> update;
    private final Chunking<B> chunking;
    private final Validation<B> validation;
    private final BestWeights bestWeights;
    private final Listeners listeners = new Listeners();
    private final Seeds seeds;
    private final Map<String, String> configuration;
    private final Checkpoints checkpoints;
    private final Progress progress = new Progress();
    private final TrainingLoop<B> loop;
    private final Schedule schedule;
    private final Clipping clipping;
    private final TruncatedBptt tbptt;
    private final Divergence divergence;

    private Trainer(Builder<B> b) {
        List<Metric> metrics = List.copyOf(b.metrics);
        this.seeds = new Seeds(b.seed);
        this.update = new Update<>(b.model, b.optimizer, b.schedule, b.clipping, seeds, metrics, b.divergence);
        this.checkpoints = b.checkpoints;
        this.schedule = b.schedule;
        this.clipping = b.clipping;
        this.tbptt = b.tbptt;
        this.divergence = b.divergence;
        this.chunking = b.tbptt == null ? new WholeBatches<>(update)
                : new TruncatedBpttChunks<>(b.chunked, b.tbptt, update);
        boolean keepBest = b.earlyStopping != null && b.earlyStopping.weights() == EarlyStopping.Weights.BEST;
        this.bestWeights = keepBest ? new BestWeights(update.parameters()) : null;
        this.validation = new Validation<>(b.model, b.validationSchedule, b.earlyStopping, bestWeights, metrics);
        this.configuration = Map.of("optimizer", b.optimizer.toString(), "schedule", b.schedule.toString(),
                "clipping", b.clipping.toString(), "truncated_bptt", String.valueOf(b.tbptt), "seed",
                Long.toString(b.seed));
        this.loop = new TrainingLoop<>(chunking, validation, listeners, progress, b.nanoClock, metrics,
                b.divergence.action(), this::rollBack);
        for (TrainingListener l : b.listeners) {
            listeners.add(l);
        }
        if (b.checkpoints != null) {
            listeners.add(new CheckpointListener(b.checkpoints, this));
        }
    }

    /** A builder of a trainer of {@code model}, with Adam(1e-3), no clipping, full BPTT and validation every epoch. */
    public static <B> Builder<B> builder(Trainable<B> model) {
        return new Builder<>(model, null);
    }

    /** A builder for {@code model}, whose batches can also be cut in time for truncated BPTT. */
    public static <B extends TimeSliced<B>> Builder<B> builder(Chunkable<B> model) {
        return new Builder<>(model, ChunkedModel.of(Objects.requireNonNull(model, "model")));
    }

    /** Updates made so far. */
    public long step() {
        return progress.step;
    }

    /** The optimizer, owned by this trainer (its state is saved in checkpoints). */
    public Optimizer optimizer() {
        return update.optimizer();
    }

    /** The learning-rate schedule, over the updates made. */
    public Schedule schedule() {
        return schedule;
    }

    /** The gradient clipping applied before each update. */
    public Clipping clipping() {
        return clipping;
    }

    /** The truncated BPTT, or empty for full BPTT (each batch one update). */
    public Optional<TruncatedBptt> truncatedBptt() {
        return Optional.ofNullable(tbptt);
    }

    /** The divergence guard: its window, factor and action. */
    public Divergence divergence() {
        return divergence;
    }

    /** Where and how often checkpoints are written, or empty for none. */
    public Optional<Checkpoints> checkpoints() {
        return Optional.ofNullable(checkpoints);
    }

    /** Adds a listener that hears every event from now on, after those added before it. */
    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** {@link #fit(Dataset, Dataset, Epochs)} over lists, in the same order every epoch. */
    public TrainingSummary fit(List<B> train, List<B> validation, Epochs epochs) {
        return fit(Dataset.of(train), validation == null ? null : Dataset.of(validation), epochs);
    }

    /**
     * Trains until a limit of {@code epochs} (epochs, updates, time) is reached or early stopping ends it,
     * continuing from where the last fit or {@link #resume} left off; the summary names what ended it.
     *
     * @param validation evaluated as the {@link ValidationSchedule} says (default: after every epoch), or null
     *                   for none
     */
    public TrainingSummary fit(Dataset<B> train, Dataset<B> validation, Epochs epochs) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(epochs, "epochs");
        return loop.fit(train, validation, epochs);
    }

    /** The loss over every batch of {@code data} (its epoch 0), in inference; {@link Metric#of} reads it. */
    public LossValue evaluate(Dataset<B> data) {
        return validation.evaluate(Objects.requireNonNull(data, "data"));
    }

    /** Writes everything needed to continue this run to {@code file}, atomically. */
    public void saveCheckpoint(Path file) throws IOException {
        checkpoint(chunking.carried(progress)).write(file);
    }

    /**
     * Restores a checkpoint of a run of this model with this trainer's configuration: parameters,
     * optimizer state, schedule position, RNG position, early stopping (and the best weights it keeps),
     * and the position in the data (first deleting the temporaries interrupted checkpoint writes left in the
     * file's directory). The next {@link #fit} continues exactly where the saved run was,
     * starting its epoch at the next batch without reading the ones before it.
     *
     * @throws CorruptFileException     if the file is damaged, truncated or not a complete checkpoint
     * @throws IllegalArgumentException if it was written for another model or trainer configuration
     */
    public void resume(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Checkpoints.deleteTemporaries(directory);
        }
        SafeTensorsFile read = SafeTensors.read(file);
        boolean savedBest = read.asMap().keySet().stream().anyMatch(name -> name.startsWith("best/"));
        if (savedBest != (bestWeights != null)) {
            throw new IllegalArgumentException(file + " was written " + (savedBest ? "with" : "without")
                    + " early stopping's best weights (EarlyStopping.Weights.BEST); this trainer runs "
                    + (bestWeights != null ? "with" : "without") + " them");
        }
        Carry restored = read.contains("carry/h") ? chunking.emptyCarry(file, read.get("carry/h").shape()) : null;
        try {
            checkpoint(restored).restore(file, read);
            chunking.resumeWith(restored);
            restored = null;
        } finally {
            if (restored != null) {
                restored.close();
            }
        }
    }

    /**
     * {@link Divergence.Action#ROLL_BACK}: restores the parameters, optimizer state and best weights of the newest
     * checkpoint written at or before the last update not flagged, keeping the position, step count and RNG.
     */
    private void rollBack() {
        long lastGood = update.divergence().lastGood();
        try {
            Optional<Path> file = checkpoints.latestAtOrBefore(lastGood);
            if (file.isEmpty()) {
                LOG.warn("update {} diverged and no checkpoint was written at or before update {}, the last one not "
                        + "flagged: nothing to roll back to, going on", progress.step, lastGood);
                return;
            }
            SafeTensorsFile read = SafeTensors.read(file.get());
            Carry scratch = read.contains("carry/h") ? chunking.emptyCarry(file.get(), read.get("carry/h").shape()) : null;
            try {
                new Checkpoint(configuration, update.parameters(), update.optimizer(), new Seeds(0), new Progress(),
                        scratch, bestWeights).restore(file.get(), read);
            } finally {
                if (scratch != null) {
                    scratch.close();
                }
            }
            LOG.warn("update {} diverged: rolled the parameters and optimizer state back to {}", progress.step,
                    file.get());
        } catch (IOException e) {
            throw new UncheckedIOException("update " + progress.step + " diverged and rolling back failed", e);
        }
    }

    private Checkpoint checkpoint(Carry withCarry) {
        return new Checkpoint(configuration, update.parameters(), update.optimizer(), seeds, progress, withCarry,
                bestWeights);
    }

    @Override
    public void close() {
        chunking.close();
        update.close();
        if (bestWeights != null) {
            bestWeights.close();
        }
    }

    /** Builder; {@link #build()} checks the combination. */
    public static final class Builder<B> {
        private final Trainable<B> model;
        private final ChunkedModel<B> chunked;
        private OptimizerConfig optimizer = Adam.lr(1e-3);
        private Schedule schedule = Schedule.constant();
        private Clipping clipping = Clipping.none();
        private TruncatedBptt tbptt;
        private EarlyStopping earlyStopping;
        private ValidationSchedule validationSchedule = ValidationSchedule.everyEpoch();
        private Checkpoints checkpoints;
        private Divergence divergence = Divergence.defaults();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private final Set<Metric> metrics = new LinkedHashSet<>();
        private long seed;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder(Trainable<B> model, ChunkedModel<B> chunked) {
            this.model = Objects.requireNonNull(model, "model");
            this.chunked = chunked;
        }

        /** The optimizer (default {@code Adam.lr(1e-3)}). */
        public Builder<B> optimizer(OptimizerConfig config) {
            this.optimizer = Objects.requireNonNull(config, "optimizer");
            return this;
        }

        /** The learning-rate schedule (default constant). */
        public Builder<B> schedule(Schedule newSchedule) {
            this.schedule = Objects.requireNonNull(newSchedule, "schedule");
            return this;
        }

        /** Clips the gradients' global L2 norm to {@code maxNorm}. */
        public Builder<B> clipNorm(double maxNorm) {
            return clipping(Clipping.byGlobalNorm(maxNorm));
        }

        /** Clamps every gradient element to ±{@code maxValue}. */
        public Builder<B> clipValue(double maxValue) {
            return clipping(Clipping.byValue(maxValue));
        }

        /** The gradient clipping (default none). */
        public Builder<B> clipping(Clipping newClipping) {
            this.clipping = Objects.requireNonNull(newClipping, "clipping");
            return this;
        }

        /** Truncated BPTT with k1 = k2 = {@code length}. */
        public Builder<B> truncatedBptt(int length) {
            return truncatedBptt(TruncatedBptt.of(length));
        }

        /** Truncated BPTT with forward length k1 and backward length k2 ≤ k1; see {@link TruncatedBptt}. */
        public Builder<B> truncatedBptt(int forwardLength, int backwardLength) {
            return truncatedBptt(new TruncatedBptt(forwardLength, backwardLength));
        }

        /** Truncated BPTT (default: full BPTT, each batch one update). */
        public Builder<B> truncatedBptt(TruncatedBptt newTbptt) {
            this.tbptt = Objects.requireNonNull(newTbptt, "truncatedBptt");
            return this;
        }

        /** Early stopping on the validation loss (default none). */
        public Builder<B> earlyStopping(EarlyStopping newEarlyStopping) {
            this.earlyStopping = Objects.requireNonNull(newEarlyStopping, "earlyStopping");
            return this;
        }

        /** When to validate (default {@link ValidationSchedule#everyEpoch()}). */
        public Builder<B> validateEvery(ValidationSchedule schedule) {
            this.validationSchedule = Objects.requireNonNull(schedule, "validation schedule");
            return this;
        }

        /** Checkpoints written as {@code newCheckpoints} says, by a {@link CheckpointListener}. */
        public Builder<B> checkpoints(Checkpoints newCheckpoints) {
            this.checkpoints = Objects.requireNonNull(newCheckpoints, "checkpoints");
            return this;
        }

        /** The divergence guard (default {@link Divergence#defaults()}: window 20, factor 10, go on). */
        public Builder<B> divergence(Divergence guard) {
            this.divergence = Objects.requireNonNull(guard, "divergence");
            return this;
        }

        /** Adds a listener (more can be added to the built trainer, {@link Trainer#addListener}). */
        public Builder<B> listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds metrics to every step and validation report (default none: the loss only). */
        public Builder<B> metrics(Metric... newMetrics) {
            for (Metric m : Objects.requireNonNull(newMetrics, "metrics")) {
                metrics.add(Objects.requireNonNull(m, "metric"));
            }
            return this;
        }

        /** A terminal progress bar on stderr. */
        public Builder<B> progressBar() {
            return listener(new ProgressBarListener());
        }

        /** A metrics log (CSV for {@code .csv}, else JSON lines). */
        public Builder<B> metricsLog(Path file) {
            return listener(MetricsLog.to(file));
        }

        /** Seeds the dropout masks of the run (default 0). */
        public Builder<B> seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** The wall clock that {@link Epochs#maxTime()} is measured on, in nanoseconds (tests). */
        Builder<B> nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException if truncated BPTT is asked of a model that is not a unidirectional
         *                                  {@link Chunkable}, or rolling back on divergence without checkpoints
         */
        public Trainer<B> build() {
            if (divergence.action() == Divergence.Action.ROLL_BACK && checkpoints == null) {
                throw new IllegalArgumentException("rolling back on divergence (Divergence.Action.ROLL_BACK) needs "
                        + "checkpoints to roll back to (Trainer.Builder.checkpoints)");
            }
            if (tbptt != null) {
                if (chunked == null) {
                    throw new IllegalArgumentException("truncated BPTT needs a model whose batches can be cut in time "
                            + "(a Chunkable, given to Trainer.builder with that static type), got "
                            + model.getClass().getSimpleName());
                }
                if (chunked.recurrentConfig().directions() != 1) {
                    throw new IllegalArgumentException("truncated BPTT needs a unidirectional recurrent layer, got "
                            + chunked.recurrentConfig().direction());
                }
            }
            return new Trainer<>(this);
        }
    }
}
