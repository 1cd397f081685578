package org.rnn4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.optim.Optimizer;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.train.optim.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Trainable}: each update is forward → zero grads → backward → clip → step, over
 * whole batches (full BPTT) or over the chunks of {@link TruncatedBptt}; validation after every epoch
 * with optional {@link EarlyStopping}; listeners; atomic {@link Checkpoints} from which
 * {@link #resume} continues the same trajectory. Given its seed, a run on one thread is deterministic.
 * Not thread-safe. Close it to release the optimizer state.
 */
public final class Trainer<B> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Trainable<B> model;
    private final List<Parameter> parameters;
    private final List<Tensor> gradients;
    private final Kernels kernels;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final Clipping clipping;
    private final TruncatedBptt tbptt;
    private final EarlyStopping earlyStopping;
    private final Checkpoints checkpoints;
    private final List<TrainingListener> listeners;
    private final Seeds seeds;
    private final Map<String, String> configuration;
    private final Progress progress = new Progress();
    private Carry carry;
    private LossValue fitLoss = LossValue.NONE;

    private Trainer(Builder<B> b) {
        this.model = b.model;
        this.parameters = List.copyOf(b.model.parameters());
        this.gradients = Parameters.gradients(parameters);
        this.kernels = Kernels.of(b.model.backend());
        this.optimizer = new Optimizer(b.optimizer, parameters, kernels);
        this.schedule = b.schedule;
        this.clipping = b.clipping;
        this.tbptt = b.tbptt;
        this.earlyStopping = b.earlyStopping;
        this.checkpoints = b.checkpoints;
        this.listeners = List.copyOf(b.listeners);
        this.seeds = new Seeds(b.seed);
        this.configuration = Map.of("optimizer", b.optimizer.toString(), "schedule", b.schedule.toString(),
                "clipping", b.clipping.toString(), "truncated_bptt", String.valueOf(b.tbptt), "seed",
                Long.toString(b.seed));
    }

    public static <B> Builder<B> builder(Trainable<B> model) {
        return new Builder<>(model);
    }

    /** Updates made so far. */
    public long step() {
        return progress.step;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** {@link #fit(Dataset, Dataset, Epochs)} over lists, in the same order every epoch. */
    public TrainingSummary fit(List<B> train, List<B> validation, Epochs epochs) {
        return fit(Dataset.of(train), validation == null ? null : Dataset.of(validation), epochs);
    }

    /**
     * Trains until {@code epochs} is reached or early stopping ends it, continuing from where the last
     * fit or {@link #resume} left off.
     *
     * @param validation evaluated after every epoch, or null for none
     */
    public TrainingSummary fit(Dataset<B> train, Dataset<B> validation, Epochs epochs) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(epochs, "epochs");
        fitLoss = LossValue.NONE;
        try {
            while (!progress.stopped && progress.epoch < epochs.count() && progress.step < epochs.maxSteps()) {
                for (TrainingListener l : listeners) {
                    l.onEpochStart(progress.epoch, train.size());
                }
                int index = 0;
                for (B batch : train.epoch(progress.epoch)) {
                    if (index++ < progress.batch) {
                        continue;  // done before a resume
                    }
                    trainBatch(batch, epochs.maxSteps());
                    if (progress.step >= epochs.maxSteps()) {
                        return summary();
                    }
                }
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(progress.epoch);
                }
                if (validation != null) {
                    validate(validation);
                }
                progress.nextEpoch();
            }
            return summary();
        } finally {
            for (TrainingListener l : listeners) {
                l.onEnd();
            }
        }
    }

    /** The loss over every batch of {@code data} (its epoch 0), in inference. */
    public LossValue evaluate(Dataset<B> data) {
        LossValue total = LossValue.NONE;
        for (B batch : data.epoch(0)) {
            try (TensorScope scope = TensorScope.open()) {
                total = total.plus(model.evaluate(batch));
            }
        }
        return total;
    }

    private void trainBatch(B batch, long maxSteps) {
        if (tbptt == null) {
            try (TensorScope scope = TensorScope.open()) {
                update(() -> model.forward(batch));
            }
            progress.nextBatch();
            afterUpdate();
            return;
        }
        Chunkable<B> chunked = (Chunkable<B>) model;
        int steps = chunked.steps(batch);
        int[] lengths = chunked.lengths(batch);
        if (progress.chunk == 0) {
            closeCarry();
            carry = new Carry(chunked.recurrentConfig(), lengths.length);
        } else if (carry == null || carry.batch() != lengths.length) {
            throw new IllegalStateException("resuming inside a batch needs the carried state of its " + lengths.length
                    + " sequences");
        }
        while (progress.step < maxSteps) {
            int from = progress.chunk, to = tbptt.end(from, steps), split = tbptt.split(from, to);
            try (TensorScope scope = TensorScope.open()) {
                TrainingPass pass = update(() -> chunkForward(chunked, batch, lengths, from, split, to));
                carry.advance(pass.finalState(), lengths, to);
            }
            boolean last = to == steps;
            if (last) {
                closeCarry();
                progress.nextBatch();
            } else {
                progress.chunk = to;
            }
            afterUpdate();
            if (last) {
                return;
            }
        }
    }

    /** One update: forward → zero grads → backward → clip → step. */
    private TrainingPass update(Supplier<TrainingPass> forward) {
        long start = System.nanoTime();
        model.seed(seeds.next());
        TrainingPass pass = forward.get();                                        // forward
        Parameters.zeroGradients(parameters);                                     // zero grads
        pass.backward();                                                          // backward
        double norm = clipping.apply(kernels, gradients);                         // clip
        double rate = optimizer.config().learningRate() * schedule.factor(progress.step);
        boolean skipped = !Double.isFinite(norm);
        if (skipped) {
            LOG.warn("update {} skipped: the gradient norm is {}", progress.step + 1, norm);
        } else {
            optimizer.step(rate);                                                 // step
        }
        progress.step++;
        fitLoss = fitLoss.plus(pass.loss());
        StepReport report = new StepReport(progress.step, progress.epoch, progress.batch, pass.loss(), rate, norm,
                skipped, (System.nanoTime() - start) / 1e9);
        for (TrainingListener l : listeners) {
            l.onStep(report);
        }
        return pass;
    }

    /** The forward of chunk [from, to): a gradient-free warm-up over [from, split), then training over [split, to). */
    private TrainingPass chunkForward(Chunkable<B> chunked, B batch, int[] lengths, int from, int split, int to) {
        RnnState initial = carry.state();
        if (split == from) {
            return chunked.forward(chunked.slice(batch, from, to), initial);
        }
        Chunkable.Evaluation warmUp = chunked.evaluate(chunked.slice(batch, from, split), initial);
        Carry.resetEnded(warmUp.finalState(), chunked.recurrentConfig(), lengths, split);
        TrainingPass trained = chunked.forward(chunked.slice(batch, split, to), warmUp.finalState());
        return new WarmedUpPass(warmUp.loss(), trained);
    }

    private void validate(Dataset<B> validation) {
        LossValue loss = evaluate(validation);
        double delta = earlyStopping == null ? 0 : earlyStopping.minDelta();
        boolean improved = loss.mean() < progress.bestValidation - delta;
        if (improved) {
            progress.badValidations = 0;
        } else {
            progress.badValidations++;
        }
        progress.bestValidation = Math.min(progress.bestValidation, loss.mean());
        progress.stopped = earlyStopping != null && progress.badValidations >= earlyStopping.patience();
        ValidationReport report = new ValidationReport(progress.step, progress.epoch, loss, progress.bestValidation,
                improved, progress.stopped);
        for (TrainingListener l : listeners) {
            l.onValidation(report);
        }
    }

    private void afterUpdate() {
        if (checkpoints == null || progress.step % checkpoints.every() != 0) {
            return;
        }
        try {
            Files.createDirectories(checkpoints.directory());
            saveCheckpoint(checkpoints.file(progress.step));
            checkpoints.prune();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint at update " + progress.step, e);
        }
    }

    /** Writes everything needed to continue this run to {@code file}, atomically. */
    public void saveCheckpoint(Path file) throws IOException {
        checkpoint(carry != null && progress.chunk > 0 ? carry : null).write(file);
    }

    /**
     * Restores a checkpoint of a run of this model with this trainer's configuration: parameters,
     * optimizer state, schedule position, RNG position, early stopping, and the position in the data.
     * The next {@link #fit} continues exactly where the saved run was.
     *
     * @throws CorruptFileException     if the file is damaged, truncated or not a complete checkpoint
     * @throws IllegalArgumentException if it was written for another model or trainer configuration
     */
    public void resume(Path file) throws IOException {
        SafeTensorsFile read = SafeTensors.read(file);
        Carry restored = null;
        if (read.contains("carry/h")) {
            if (tbptt == null) {
                throw new IllegalArgumentException(file + " was saved inside a truncated-BPTT batch; this trainer "
                        + "runs full BPTT");
            }
            Chunkable<B> chunked = (Chunkable<B>) model;
            restored = new Carry(chunked.recurrentConfig(), Math.toIntExact(read.get("carry/h").dim(2)));
        }
        try {
            checkpoint(restored).restore(file, read);
            closeCarry();
            carry = restored;
            restored = null;
        } finally {
            if (restored != null) {
                restored.close();
            }
        }
    }

    private Checkpoint checkpoint(Carry withCarry) {
        return new Checkpoint(configuration, parameters, optimizer, seeds, progress, withCarry);
    }

    private TrainingSummary summary() {
        return new TrainingSummary(progress.step, progress.epoch, fitLoss, progress.bestValidation, progress.stopped);
    }

    private void closeCarry() {
        if (carry != null) {
            carry.close();
            carry = null;
        }
    }

    @Override
    public void close() {
        closeCarry();
        optimizer.close();
    }

    /** Builder; {@link #build()} checks the combination. */
    public static final class Builder<B> {
        private final Trainable<B> model;
        private OptimizerConfig optimizer = Adam.lr(1e-3);
        private Schedule schedule = Schedule.constant();
        private Clipping clipping = Clipping.none();
        private TruncatedBptt tbptt;
        private EarlyStopping earlyStopping;
        private Checkpoints checkpoints;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private long seed;

        private Builder(Trainable<B> model) {
            this.model = Objects.requireNonNull(model, "model");
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

        public Builder<B> truncatedBptt(TruncatedBptt newTbptt) {
            this.tbptt = Objects.requireNonNull(newTbptt, "truncatedBptt");
            return this;
        }

        public Builder<B> earlyStopping(EarlyStopping newEarlyStopping) {
            this.earlyStopping = Objects.requireNonNull(newEarlyStopping, "earlyStopping");
            return this;
        }

        public Builder<B> checkpoints(Checkpoints newCheckpoints) {
            this.checkpoints = Objects.requireNonNull(newCheckpoints, "checkpoints");
            return this;
        }

        public Builder<B> listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
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

        public Trainer<B> build() {
            if (tbptt != null) {
                if (!(model instanceof Chunkable<?> chunked)) {
                    throw new IllegalArgumentException("truncated BPTT needs a model whose batches can be cut in time "
                            + "(a Chunkable), got " + model.getClass().getSimpleName());
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
