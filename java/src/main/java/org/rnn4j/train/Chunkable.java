package org.rnn4j.train;

import org.rnn4j.RnnConfig;
import org.rnn4j.nn.LossValue;
import org.rnn4j.rnn.RnnState;

/**
 * A {@link Trainable} whose batches are aligned sequences that can be cut in time, so the
 * {@link Trainer} can run truncated BPTT on it, carrying the recurrent state across chunks.
 *
 * <p>A slice may hold sequences of length 0 (they ended before the slice began): models run them for
 * one padding step with mask 0, so they add nothing to the loss or the gradients.
 */
public interface Chunkable<B> extends Trainable<B> {

    /** The config of the recurrent layer whose state is carried (unidirectional). */
    RnnConfig recurrentConfig();

    /** T of {@code batch}. */
    int steps(B batch);

    /** Per-sequence lengths [N], each in [0, T]. */
    int[] lengths(B batch);

    /**
     * Steps [from, to) of {@code batch}: the same N sequences, lengths clamped to
     * min(max(length − from, 0), to − from). {@code slice(b, 0, steps(b))} must equal {@code b}.
     */
    B slice(B batch, int from, int to);

    /** A training forward from {@code initial} (null = zeros). */
    TrainingPass forward(B batch, RnnState initial);

    /** The inference loss and final state from {@code initial} (null = zeros). */
    Evaluation evaluate(B batch, RnnState initial);

    /** An inference loss and the state after it. */
    record Evaluation(LossValue loss, RnnState finalState) {
    }
}
