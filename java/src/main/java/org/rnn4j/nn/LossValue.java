package org.rnn4j.nn;

/**
 * A masked mean loss and the weight it averages over (the sum of the mask: real steps, tokens or
 * sequences), so that losses of several batches or chunks combine into their exact joint mean.
 *
 * @param mean   the loss, a mean over {@code weight}
 * @param weight the sum of the mask, >= 0
 */
public record LossValue(double mean, double weight) {
    /** No terms at all. */
    public static final LossValue NONE = new LossValue(0, 0);

    public LossValue {
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
    }

    /** The weighted mean of this and {@code other}. */
    public LossValue plus(LossValue other) {
        double total = weight + other.weight;
        return total == 0 ? NONE : new LossValue((mean * weight + other.mean * other.weight) / total, total);
    }
}
