package org.rnn4j.rnn;

import org.rnn4j.backend.SplitMix64;

/** The per-forward dropout seeds of an engine: the k-th after reset(s) is mix(s + k). */
final class DropoutSeeds {
    private long seed;
    private long count;

    void reset(long seed) {
        this.seed = seed;
        this.count = 0;
    }

    long next() {
        return SplitMix64.mix(seed + count++);
    }
}
