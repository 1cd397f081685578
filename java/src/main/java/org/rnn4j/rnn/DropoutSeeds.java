package org.rnn4j.rnn;

/** The per-forward dropout seeds of an engine: the k-th after reset(s) is mix(s + k). */
final class DropoutSeeds {
    private long seed;
    private long count;

    void reset(long seed) {
        this.seed = seed;
        this.count = 0;
    }

    long next() {
        return DropoutMask.mix64(seed + count++);
    }
}
