package org.rnn4j.backend.jvm;

/**
 * The dropout masks between stacked layers: the factor (0 or 1 / (1 − p)) applied to element
 * {@code position} of the padded [T, N, W] output of {@code layer} before layer + 1 reads it. The same
 * factors multiply the gradient on the way back.
 */
@FunctionalInterface
public interface LayerDropout {
    /** No dropout: every factor is 1 and no mask is applied. */
    LayerDropout NONE = (layer, position) -> 1f;

    float factor(int layer, long position);
}
