package org.rnn4j.train;

import org.rnn4j.nn.LossValue;

/**
 * What {@link Trainer#fit} reached.
 *
 * @param steps          updates made in total
 * @param epochs         epochs completed in total
 * @param trainingLoss   the mean training loss of the updates of this fit (NONE if it made none)
 * @param bestValidation the best validation loss so far (+∞ without validation)
 * @param stoppedEarly   whether early stopping ended training
 */
public record TrainingSummary(long steps, int epochs, LossValue trainingLoss, double bestValidation,
                              boolean stoppedEarly) {
}
