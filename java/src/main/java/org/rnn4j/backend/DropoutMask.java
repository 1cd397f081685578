package org.rnn4j.backend;

import org.rnn4j.Checks;

/**
 * The mask of one dropout application, the same function as librnn4j's {@code cpp/src/dropout_mask.hpp} (so
 * native and JVM masks are bit-identical): element i is kept when the top 32 bits of
 * mix(mix(seed) + i·γ) reach floor(probability · 2³²) ({@link SplitMix64}), and kept elements are scaled by
 * 1 / (1 − probability). Forward and backward with the same mask therefore drop the same elements; use a new
 * seed for every application that should drop independently. Between stacked layers the mask of layer l is
 * {@link #ofLayer}: seed {@code dropoutSeed + l·γ}, indexed by position in the padded [T, N, O] output.
 */
public final class DropoutMask {
    private final double probability;
    private final long seed;
    private final long key;        // mix(seed)
    private final long threshold;  // probability · 2³²: P(keep) = 1 − threshold / 2³²
    private final float scale;     // 1 / (1 − probability), rounded to f32 as librnn4j does

    /**
     * @param probability probability of dropping an element, in [0, 1)
     * @param seed        any value
     */
    public DropoutMask(double probability, long seed) {
        this.probability = Checks.fraction("probability", probability);
        this.seed = seed;
        this.key = SplitMix64.mix(seed);
        this.threshold = (long) (probability * 4294967296.0);
        this.scale = (float) (1.0 / (1.0 - probability));
    }

    /** The mask between layer {@code layer} and the next under an engine's {@code dropoutSeed}. */
    public static DropoutMask ofLayer(double probability, long dropoutSeed, int layer) {
        return new DropoutMask(probability, dropoutSeed + layer * SplitMix64.GOLDEN_GAMMA);
    }

    /** The probability of dropping an element. */
    public double probability() {
        return probability;
    }

    /** The seed the mask is a function of. */
    public long seed() {
        return seed;
    }

    /** The factor 1 / (1 − probability) applied to kept elements (inverted dropout), in double. */
    public double scale() {
        return 1.0 / (1.0 - probability);
    }

    /** True when element {@code index} survives. */
    public boolean kept(long index) {
        return (SplitMix64.mix(key + index * SplitMix64.GOLDEN_GAMMA) >>> 32) >= threshold;
    }

    /** The f32 factor of element {@code index}: 0 or 1 / (1 − probability), as librnn4j applies it. */
    public float factor(long index) {
        return kept(index) ? scale : 0f;
    }

    @Override
    public String toString() {
        return "DropoutMask[probability=" + probability + ", seed=" + seed + "]";
    }
}
