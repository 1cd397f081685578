package org.rnn4j.train;

/**
 * What ended a {@link Trainer#fit}. When several limits are reached at once, the first of
 * divergence, early stopping, epochs, steps and time is named.
 */
public enum StopReason {
    /** The {@link Divergence} guard flagged an update and its action is {@link Divergence.Action#STOP}. */
    DIVERGED,
    /** {@link EarlyStopping}: the validation loss stopped improving. */
    EARLY_STOPPING,
    /** {@link Epochs#count()} epochs are complete. */
    EPOCHS,
    /** {@link Epochs#maxSteps()} updates are made. */
    STEPS,
    /** {@link Epochs#maxTime()} has passed. */
    TIME
}
