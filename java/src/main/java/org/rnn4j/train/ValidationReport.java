package org.rnn4j.train;

import org.rnn4j.nn.LossValue;

/**
 * A validation at the end of an epoch.
 *
 * @param step     updates made so far
 * @param epoch    the epoch just finished (from 0)
 * @param loss     the validation loss
 * @param best     the best validation loss so far, this one included
 * @param improved whether this one improved on the best before it by more than the early-stopping delta
 * @param stop     whether early stopping ends training here
 */
public record ValidationReport(long step, int epoch, LossValue loss, double best, boolean improved, boolean stop) {
}
