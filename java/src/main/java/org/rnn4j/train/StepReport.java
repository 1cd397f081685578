package org.rnn4j.train;

import java.util.List;

import org.rnn4j.nn.LossValue;

/**
 * What one update did.
 *
 * @param step         updates made so far, this one included
 * @param epoch        the epoch (from 0)
 * @param batch        the batch within the epoch (from 0)
 * @param loss         the training loss of the update's forward (all steps of a truncated-BPTT chunk)
 * @param learningRate the scheduled learning rate used
 * @param gradientNorm the global L2 norm of the gradients before clipping
 * @param skipped      true when the update was skipped: the norm was not finite, or the update would have
 *                     written a non-finite value into a parameter or its optimizer state
 * @param diverged     true when the {@link Divergence} guard flagged this update's loss or gradient norm
 * @param seconds      wall time of the update
 * @param metrics      the trainer's metrics, each computed from {@code loss} by {@link #metric}
 */
public record StepReport(long step, int epoch, int batch, LossValue loss, double learningRate, double gradientNorm,
                         boolean skipped, boolean diverged, double seconds, List<Metric> metrics) {

    public StepReport {
        metrics = List.copyOf(metrics);
    }

    /** {@code metric} of this update's loss. */
    public double metric(Metric metric) {
        return metric.of(loss);
    }
}
