package org.rnn4j.train;

import org.rnn4j.nn.LossValue;

/**
 * A built-in metric, computed from a {@link LossValue} so it combines over batches exactly as the
 * loss does: the progress bar shows it over the epoch so far and the metrics log writes it for every
 * update and validation. Perplexity and bits per character read the loss as a mean cross-entropy in
 * nats per token (a language model's).
 */
public enum Metric {
    /** correct / weight: the fraction of rows (tokens, tags or sequences) whose most probable class is the target. */
    ACCURACY("accuracy"),
    /** e^loss. */
    PERPLEXITY("perplexity"),
    /** loss / ln 2: the cross-entropy in bits (per character for a character-level model). */
    BITS_PER_CHARACTER("bpc");

    private static final double LN_2 = Math.log(2);

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The column or key in the metrics log and the label in the progress bar. */
    public String key() {
        return key;
    }

    /** The metric of {@code loss}; NaN for a loss of weight 0, and for accuracy of a loss that counts no predictions. */
    public double of(LossValue loss) {
        if (loss.weight() == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case ACCURACY -> loss.accuracy();
            case PERPLEXITY -> Math.exp(loss.mean());
            case BITS_PER_CHARACTER -> loss.mean() / LN_2;
        };
    }
}
