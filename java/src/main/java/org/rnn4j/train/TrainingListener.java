package org.rnn4j.train;

/**
 * Observes {@link Trainer#fit}: every update, every validation, the start and end of epochs and of the
 * fit. After each update the events come in this order: {@link #onStep}, then {@link #onValidation} if
 * one is due after that update ({@link ValidationSchedule#everySteps}), then {@link #onStepEnd}; at the
 * end of an epoch, {@link #onEpochEnd} and then the epoch's validation. Add listeners with
 * {@link Trainer.Builder#listener} or, after the trainer is built, {@link Trainer#addListener}.
 */
public interface TrainingListener {

    /** Before the first update of {@code epoch} in a fit; {@code batches} per epoch, or -1 when unknown. */
    default void onEpochStart(int epoch, int batches) {
    }

    default void onStep(StepReport report) {
    }

    /**
     * After update {@code step} and everything due after it: a checkpoint written now
     * ({@link Trainer#saveCheckpoint}) resumes exactly here ({@link CheckpointListener} does so).
     */
    default void onStepEnd(long step) {
    }

    /** After the last update of {@code epoch}, before its validation. */
    default void onEpochEnd(int epoch) {
    }

    default void onValidation(ValidationReport report) {
    }

    /** When {@link Trainer#fit} returns or throws. */
    default void onEnd() {
    }
}
