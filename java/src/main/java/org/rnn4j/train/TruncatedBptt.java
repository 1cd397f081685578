package org.rnn4j.train;

/**
 * Truncated backpropagation through time with forward length k1 and backward length k2 ≤ k1 (the
 * semantics of Deeplearning4j's {@code tBPTTForwardLength}/{@code tBPTTBackwardLength}).
 *
 * <p>Exactly: a batch of T steps is cut into chunks [c·k1, min((c+1)·k1, T)), each one update. In a
 * chunk [a, b), let s = max(a, b − k2):
 * <ol>
 *   <li>steps [a, s) run forward in inference from the carried state: they advance the state and their
 *       loss is reported, but they get no gradient (a warm-up; empty when k2 = k1);</li>
 *   <li>steps [s, b) run forward in training from that state, detached; the update's gradient is that
 *       of their masked mean loss, backpropagated through these ≤ k2 steps only;</li>
 *   <li>the state after step b − 1 is copied (detached) and carried into the next chunk, except that
 *       every sequence whose length is ≤ b has ended: its state is reset to zeros (it runs later
 *       chunks as a single masked padding step, adding nothing).</li>
 * </ol>
 * The state starts at zeros for every batch; nothing is carried from one batch to the next. With
 * k1 = k2 ≥ T a batch is one chunk and the update is exactly that of full BPTT. The reported loss of
 * an update is the masked mean over the whole chunk [a, b).
 *
 * @param forwardLength  k1, > 0: steps per chunk (per update)
 * @param backwardLength k2, in [1, k1]: steps of each chunk that backward runs through
 */
public record TruncatedBptt(int forwardLength, int backwardLength) {

    public TruncatedBptt {
        if (forwardLength <= 0) {
            throw new IllegalArgumentException("forward length k1 must be > 0, got " + forwardLength);
        }
        if (backwardLength <= 0 || backwardLength > forwardLength) {
            throw new IllegalArgumentException("backward length k2 must be in [1, k1 = " + forwardLength + "], got "
                    + backwardLength);
        }
    }

    /** k1 = k2 = {@code length}. */
    public static TruncatedBptt of(int length) {
        return new TruncatedBptt(length, length);
    }

    /** End b of the chunk starting at {@code from} in a batch of {@code steps}. */
    int end(int from, int steps) {
        return Math.min(steps, from + forwardLength);
    }

    /** Start s of the trained part of chunk [from, to). */
    int split(int from, int to) {
        return Math.max(from, to - backwardLength);
    }
}
