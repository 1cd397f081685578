package org.rnn4j.train;

/**
 * What ended a {@link Trainer#fit}. When several limits are reached at once, the first of
 * early stopping, epochs, steps and time is named.
 */
public enum StopReason {
    /** {@link EarlyStopping}: the validation loss stopped improving. */
    EARLY_STOPPING,
    /** {@link Epochs#count()} epochs are complete. */
    EPOCHS,
    /** {@link Epochs#maxSteps()} updates are made. */
    STEPS,
    /** {@link Epochs#maxTime()} has passed. */
    TIME
}
