package org.rnn4j.backend.onednn;

import org.rnn4j.Checks;

/**
 * The mask of one dropout application: element i of a tensor is kept with probability
 * 1 − {@code probability}, decided by a hash of ({@code seed}, i) alone. Forward and backward with
 * the same DropoutMask therefore use the same mask; use a new seed for every application
 * (layer, time step, training step) that should drop independently.
 *
 * @param probability probability of dropping an element, in [0, 1)
 * @param seed        any value
 */
public record DropoutMask(double probability, long seed) {

    public DropoutMask {
        Checks.fraction("probability", probability);
    }

    /** The factor 1 / (1 − probability) applied to kept elements (inverted dropout). */
    public double scale() {
        return 1.0 / (1.0 - probability);
    }
}
