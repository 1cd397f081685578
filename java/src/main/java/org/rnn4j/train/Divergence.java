package org.rnn4j.train;

import java.util.Objects;

/**
 * The trainer's divergence guard: an update whose training loss or gradient norm (before clipping) is beyond
 * {@code factor} times its median over the last {@code window} updates not flagged — or is NaN or infinite —
 * is flagged as diverged: a WARN in the log, {@code DIVERGED} in the progress bar, {@link StepReport#diverged()}
 * in the metrics, {@link TrainingSummary#diverged()}; then training goes on, stops or rolls back as
 * {@code action} says. The median is judged once the window is full (NaN and infinity are flagged at once).
 * Immutable; the default is {@link #defaults()}.
 *
 * @param window updates the medians are taken over, > 0
 * @param factor how far beyond its median a loss or norm may be, finite and > 1
 * @param action what a flagged update leads to
 */
public record Divergence(int window, double factor, Action action) {

    /** What a flagged update leads to. */
    public enum Action {
        /** Warn and go on. */
        CONTINUE,
        /** Warn and end the fit before the next update, {@link StopReason#DIVERGED}. */
        STOP,
        /**
         * Warn and restore the parameters and optimizer state (and early stopping's best weights) of the newest
         * checkpoint written before the divergence began, then go on from the current position in the data; needs
         * {@link Trainer.Builder#checkpoints}. Without such a checkpoint yet, it warns and goes on.
         */
        ROLL_BACK
    }

    public Divergence {
        if (window <= 0) {
            throw new IllegalArgumentException("divergence window must be > 0 updates, got " + window);
        }
        if (!(Double.isFinite(factor) && factor > 1)) {
            throw new IllegalArgumentException("divergence factor must be finite and > 1, got " + factor);
        }
        Objects.requireNonNull(action, "action");
    }

    /** Window 20 updates, factor 10, {@link Action#CONTINUE}. */
    public static Divergence defaults() {
        return new Divergence(20, 10, Action.CONTINUE);
    }

    public Divergence window(int newWindow) {
        return new Divergence(newWindow, factor, action);
    }

    public Divergence factor(double newFactor) {
        return new Divergence(window, newFactor, action);
    }

    public Divergence action(Action newAction) {
        return new Divergence(window, factor, newAction);
    }
}
