package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What one local update of a round trains on: batch {@code batch} of epoch {@code epoch}, its time window
 * [from, to) under truncated BPTT, or the whole batch (from = to = -1).
 */
record RoundWindow(int epoch, int batch, int from, int to) implements Serializable {

    /** The window of a driver's batch handle. */
    static RoundWindow of(ShardBatch b) {
        return new RoundWindow(b.epoch(), b.batch(), b.from(), b.to());
    }

    boolean windowed() {
        return from >= 0;
    }

    /** Whether this window continues {@code previous}'s batch (its carried state goes on). */
    boolean continues(RoundWindow previous) {
        return previous != null && windowed() && from > 0 && previous.epoch == epoch && previous.batch == batch;
    }
}
