package org.rnn4j.train;

import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

import org.rnn4j.nn.LossValue;

/**
 * The loop of {@link Trainer#fit}: epochs of batches, each batch cut into updates by the
 * {@link Chunking}, continuing from the position in {@link Progress} (an epoch resumed at batch k starts
 * the dataset there, {@link Dataset#epoch(int, int)}). Before each update it checks the limits of
 * {@link Epochs} and early stopping; after each update it tells the listeners, answers a diverged update as
 * the {@link Divergence} action says, and validates when the {@link ValidationSchedule} says so.
 */
final class TrainingLoop<B> {
    private final Chunking<B> chunking;
    private final Validation<B> validation;
    private final Listeners listeners;
    private final Progress progress;
    private final LongSupplier nanoClock;
    private final boolean countsAccuracy;
    private final Divergence.Action onDivergence;
    private final Runnable rollBack;
    private LossValue fitLoss = LossValue.NONE;
    private long divergedSteps;
    private boolean stopForDivergence;

    /**
     * @param nanoClock the wall clock of {@link Epochs#maxTime()}, in nanoseconds
     * @param rollBack  restores the last good checkpoint ({@link Divergence.Action#ROLL_BACK})
     */
    TrainingLoop(Chunking<B> chunking, Validation<B> validation, Listeners listeners, Progress progress,
                 LongSupplier nanoClock, List<Metric> metrics, Divergence.Action onDivergence, Runnable rollBack) {
        this.onDivergence = onDivergence;
        this.rollBack = rollBack;
        this.chunking = chunking;
        this.validation = validation;
        this.listeners = listeners;
        this.progress = progress;
        this.nanoClock = nanoClock;
        this.countsAccuracy = metrics.contains(Metric.ACCURACY);
    }

    /** Trains until a limit of {@code epochs} or early stopping ends it; validates on {@code validationData} (null: never). */
    TrainingSummary fit(Dataset<B> train, Dataset<B> validationData, Epochs epochs) {
        fitLoss = LossValue.NONE;
        divergedSteps = 0;
        stopForDivergence = false;
        long start = nanoClock.getAsLong();
        StopReason reason;
        try {
            reason = run(train, validationData, epochs, start);
        } finally {
            listeners.onEnd();
        }
        return new TrainingSummary(progress.step, progress.epoch, fitLoss, progress.bestValidation, reason,
                divergedSteps);
    }

    private StopReason run(Dataset<B> train, Dataset<B> validationData, Epochs epochs, long start) {
        while (true) {
            StopReason reason = stopReason(epochs, start);
            if (reason != null) {
                return reason;
            }
            listeners.onEpochStart(progress.epoch, train.size());
            Iterator<B> batches = train.epoch(progress.epoch, progress.batch).iterator();
            B batch = null;
            while (progress.chunk > 0 || batches.hasNext()) {
                reason = stopReason(epochs, start);
                if (reason != null) {
                    return reason;
                }
                if (batch == null || progress.chunk == 0) {
                    batch = nextBatch(batches);
                }
                step(batch, validationData);
            }
            listeners.onEpochEnd(progress.epoch);
            if (validationData != null && validation.schedule().dueAfterEpoch(progress.epoch)) {
                validate(validationData);
            }
            progress.nextEpoch();
        }
    }

    /** The first limit reached, in the order of {@link StopReason}, or null to go on. */
    private StopReason stopReason(Epochs epochs, long start) {
        if (stopForDivergence) {
            return StopReason.DIVERGED;
        }
        if (progress.stopped) {
            return StopReason.EARLY_STOPPING;
        }
        if (progress.epoch >= epochs.count()) {
            return StopReason.EPOCHS;
        }
        if (progress.step >= epochs.maxSteps()) {
            return StopReason.STEPS;
        }
        if (nanoClock.getAsLong() - start >= epochs.maxNanos()) {
            return StopReason.TIME;
        }
        return null;
    }

    private B nextBatch(Iterator<B> batches) {
        if (!batches.hasNext()) {
            throw new IllegalStateException("resuming inside batch " + progress.batch + " of epoch " + progress.epoch
                    + " needs that batch, got an epoch that ends before it");
        }
        return batches.next();
    }

    /** One update, then its events and the validation due after it. */
    private void step(B batch, Dataset<B> validationData) {
        StepReport report = chunking.next(batch, progress);
        checkCounted(report.loss());
        fitLoss = fitLoss.plus(report.loss());
        listeners.onStep(report);
        if (report.diverged()) {
            divergedSteps++;
            switch (onDivergence) {
                case CONTINUE -> { }
                case STOP -> stopForDivergence = true;
                case ROLL_BACK -> rollBack.run();
            }
        }
        if (validationData != null && validation.schedule().dueAfterStep(progress.step)) {
            validate(validationData);
        }
        listeners.onStepEnd(progress.step);
    }

    private void validate(Dataset<B> validationData) {
        ValidationReport report = validation.run(validationData, progress);
        checkCounted(report.loss());
        listeners.onValidation(report);
    }

    /** Accuracy needs a loss that counts correct predictions: fail at once rather than log NaN. */
    private void checkCounted(LossValue loss) {
        if (countsAccuracy && loss.weight() > 0 && Double.isNaN(loss.correct())) {
            throw new IllegalStateException("Metric.ACCURACY needs a loss that counts correct predictions (a "
                    + "cross-entropy), got " + loss);
        }
    }
}
