package org.rnn4j.train;

/** The trainer's randomness: the k-th training forward after {@code Seeds(seed)} gets seed splitmix64(seed + k). */
final class Seeds {
    private final long seed;
    private long count;

    Seeds(long seed) {
        this.seed = seed;
    }

    long next() {
        return mix64(seed + 0x9E3779B97F4A7C15L * count++);
    }

    /** Training forwards seeded so far: the position to save and restore. */
    long count() {
        return count;
    }

    void restore(long newCount) {
        this.count = newCount;
    }

    /** splitmix64's finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
