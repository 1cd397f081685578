package org.rnn4j.train;

/** Observes {@link Trainer#fit}: every update, every validation, the start and end of epochs and of the fit. */
public interface TrainingListener {

    /** Before the first update of {@code epoch}; {@code batches} per epoch, or -1 when unknown. */
    default void onEpochStart(int epoch, int batches) {
    }

    default void onStep(StepReport report) {
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
