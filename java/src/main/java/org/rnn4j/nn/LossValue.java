package org.rnn4j.nn;

/**
 * A masked mean loss and the weight it averages over (the sum of the mask: real steps, tokens or
 * sequences), so that losses of several batches or chunks combine into their exact joint mean; a
 * classification loss also counts the weight of its correct predictions, so accuracies combine alike.
 *
 * @param mean    the loss, a mean over {@code weight}
 * @param weight  the sum of the mask, >= 0
 * @param correct the mask weight of the rows whose most probable class is the target, in [0, weight]
 *                (NaN for a loss that predicts no classes, such as mean squared error)
 */
public record LossValue(double mean, double weight, double correct) {
    /** No terms at all. */
    public static final LossValue NONE = new LossValue(0, 0);

    public LossValue {
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
        if (!Double.isNaN(correct) && !(correct >= 0 && correct <= weight)) {
            throw new IllegalArgumentException("correct must be NaN or in [0, weight = " + weight + "], got " + correct);
        }
    }

    /** A loss that counts no correct predictions ({@code correct} NaN). */
    public LossValue(double mean, double weight) {
        this(mean, weight, Double.NaN);
    }

    /** The weighted mean of this and {@code other}; a loss of weight 0 adds nothing, its count included. */
    public LossValue plus(LossValue other) {
        if (other.weight == 0) {
            return weight == 0 ? NONE : this;
        }
        if (weight == 0) {
            return other;
        }
        double total = weight + other.weight;
        return new LossValue((mean * weight + other.mean * other.weight) / total, total, correct + other.correct);
    }

    /** correct / weight: the fraction of the weight predicted right (NaN when not counted or of weight 0). */
    public double accuracy() {
        return weight == 0 ? Double.NaN : correct / weight;
    }
}
