package org.rnn4j.train;

import java.util.List;

import org.rnn4j.nn.LossValue;

/**
 * A validation, after an epoch or an update ({@link ValidationSchedule}).
 *
 * @param step     updates made so far
 * @param epoch    the epoch just finished, or the one in progress for a validation after an update (from 0)
 * @param loss     the validation loss
 * @param best     the best validation loss so far, this one included
 * @param improved whether this one improved on the best before it by more than the early-stopping delta
 * @param stop     whether early stopping ends training here
 * @param metrics  the trainer's metrics, each computed from {@code loss} by {@link #metric}
 */
public record ValidationReport(long step, int epoch, LossValue loss, double best, boolean improved, boolean stop,
                               List<Metric> metrics) {

    public ValidationReport {
        metrics = List.copyOf(metrics);
    }

    /** {@code metric} of the validation loss. */
    public double metric(Metric metric) {
        return metric.of(loss);
    }
}
