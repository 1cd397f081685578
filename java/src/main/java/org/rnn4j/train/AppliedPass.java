package org.rnn4j.train;

/**
 * A training pass whose update was already made where the forward ran, e.g. by the replicas of a cluster
 * that each took local optimizer steps and then averaged their parameters and optimizer state: the
 * {@link Trainer} calls {@link #backward()} (which installs the update, or does nothing), then neither clips
 * nor steps its optimizer, and reports {@link #gradientNorm()} as the update's norm. The update counts as
 * skipped when that norm is not finite.
 */
public interface AppliedPass extends TrainingPass {

    /** The global L2 norm of the gradients before clipping, as the update that was made saw it. */
    double gradientNorm();
}
