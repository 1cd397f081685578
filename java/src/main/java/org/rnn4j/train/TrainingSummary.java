package org.rnn4j.train;

import org.rnn4j.nn.LossValue;

/**
 * What {@link Trainer#fit} reached.
 *
 * @param steps          updates made in total
 * @param epochs         epochs completed in total
 * @param trainingLoss   the mean training loss of the updates of this fit (NONE if it made none); its
 *                       {@link Metric}s are those of this fit's training
 * @param bestValidation the best validation loss so far (+∞ without validation)
 * @param stopReason     what ended this fit
 * @param divergedSteps  updates of this fit the {@link Divergence} guard flagged
 */
public record TrainingSummary(long steps, int epochs, LossValue trainingLoss, double bestValidation,
                              StopReason stopReason, long divergedSteps) {

    /** Whether the divergence guard flagged any update of this fit. */
    public boolean diverged() {
        return divergedSteps > 0;
    }

    /** Whether early stopping ended training. */
    public boolean stoppedEarly() {
        return stopReason == StopReason.EARLY_STOPPING;
    }
}
