package org.rnn4j.train;

import java.util.List;

import org.rnn4j.nn.LossValue;
import org.rnn4j.tensor.TensorScope;

/**
 * Validation: the inference loss over a dataset, when it is due ({@link ValidationSchedule}), and what
 * follows from it — the best loss so far, {@link EarlyStopping}'s count of validations without
 * improvement, the copy of the best weights and their restoring when training stops.
 */
final class Validation<B> {
    private final Trainable<B> model;
    private final ValidationSchedule schedule;
    private final EarlyStopping earlyStopping;
    private final BestWeights bestWeights;
    private final List<Metric> metrics;

    /**
     * @param earlyStopping null for none
     * @param bestWeights   the copy kept for {@link EarlyStopping.Weights#BEST}, or null
     */
    Validation(Trainable<B> model, ValidationSchedule schedule, EarlyStopping earlyStopping, BestWeights bestWeights,
               List<Metric> metrics) {
        this.model = model;
        this.schedule = schedule;
        this.earlyStopping = earlyStopping;
        this.bestWeights = bestWeights;
        this.metrics = List.copyOf(metrics);
    }

    ValidationSchedule schedule() {
        return schedule;
    }

    /** The loss over every batch of {@code data} (its epoch 0), in inference, each batch's temporaries released. */
    LossValue evaluate(Dataset<B> data) {
        LossValue total = LossValue.NONE;
        for (B batch : data.epoch(0)) {
            try (TensorScope scope = TensorScope.open()) {
                total = total.plus(model.evaluate(batch));
            }
        }
        return total;
    }

    /**
     * Evaluates {@code data} and records the outcome in {@code progress}: a new best (its weights copied),
     * or one more validation without improvement; when that makes early stopping end training, the best
     * weights are restored (with {@link EarlyStopping.Weights#BEST}).
     */
    ValidationReport run(Dataset<B> data, Progress progress) {
        LossValue loss = evaluate(data);
        double delta = earlyStopping == null ? 0 : earlyStopping.minDelta();
        boolean improved = loss.mean() < progress.bestValidation - delta;
        if (improved) {
            progress.badValidations = 0;
        } else {
            progress.badValidations++;
        }
        if (loss.mean() < progress.bestValidation) {
            progress.bestValidation = loss.mean();
            if (bestWeights != null) {
                bestWeights.capture();
            }
        }
        progress.stopped = earlyStopping != null && progress.badValidations >= earlyStopping.patience();
        if (progress.stopped && bestWeights != null) {
            bestWeights.restore();
        }
        return new ValidationReport(progress.step, progress.epoch, loss, progress.bestValidation, improved,
                progress.stopped, metrics);
    }
}
