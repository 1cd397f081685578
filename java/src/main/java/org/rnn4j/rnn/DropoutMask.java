package org.rnn4j.rnn;

/**
 * The dropout mask between stacked layers, identical to librnn4j's ({@code cpp/src/dropout_mask.hpp}):
 * a pure function of (seed, layer, position in the padded [T, N, O] layer output).
 */
final class DropoutMask {
    private DropoutMask() {
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** 0 or 1 / (1 - p). */
    static float factor(long seed, long layer, long position, float p) {
        long h = mix64(seed ^ mix64(layer * 0x9e3779b97f4a7c15L + position));
        double u = (h >>> 11) * 0x1.0p-53;
        return u < p ? 0.0f : 1.0f / (1.0f - p);
    }
}
