package org.rnn4j.train;

/**
 * A batch of N aligned sequences that can be cut in time, as truncated BPTT needs (see
 * {@link TruncatedBptt}). A slice may hold sequences of length 0 (they ended before it began): models
 * run them for one padding step with mask 0, so they add nothing to the loss or the gradients.
 *
 * @param <B> the batch type itself
 */
public interface TimeSliced<B extends TimeSliced<B>> {

    /** T. */
    int steps();

    /** Per-sequence lengths [N], each in [0, T] (a copy). */
    int[] lengths();

    /**
     * Steps [from, to): the same N sequences, lengths clamped to min(max(length − from, 0), to − from).
     * {@code slice(0, steps())} equals this batch.
     */
    B slice(int from, int to);
}
