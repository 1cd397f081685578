package org.rnn4j.train;

import org.rnn4j.backend.SplitMix64;

/** The trainer's randomness: the k-th training forward after {@code Seeds(seed)} gets seed splitmix64(seed + k). */
final class Seeds {
    private final long seed;
    private long count;

    Seeds(long seed) {
        this.seed = seed;
    }

    long next() {
        return SplitMix64.mix(seed + SplitMix64.GOLDEN_GAMMA * count++);
    }

    /** Training forwards seeded so far: the position to save and restore. */
    long count() {
        return count;
    }

    void restore(long newCount) {
        this.count = newCount;
    }
}
