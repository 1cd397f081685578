package org.rnn4j.backend;

/** splitmix64 (Steele, Lea, Flood 2014): the hash behind every seed and dropout mask of the library. */
public final class SplitMix64 {
    /** splitmix64's increment γ. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** splitmix64's finaliser (librnn4j's {@code mix64}). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
