package org.rnn4j.infer;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/** Picking the next token from logits: greedy, or sampled with temperature and top-k. */
public final class Sampling {
    private Sampling() {
    }

    /** Index of the largest logit (the first on ties). */
    public static int greedy(float[] logits) {
        checkLogits(logits);
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Samples from softmax(logits / temperature) restricted to the {@code topK} largest logits
     * ({@code topK <= 0}: all).
     */
    public static int sample(float[] logits, double temperature, int topK, Random random) {
        checkLogits(logits);
        Objects.requireNonNull(random, "random");
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        }
        int k = topK <= 0 ? logits.length : Math.min(topK, logits.length);
        float threshold = kthLargest(logits, k);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] weights = new double[logits.length];
        double sum = 0;
        int admitted = 0;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] >= threshold && admitted < k) {
                weights[i] = Math.exp((logits[i] - max) / temperature);
                sum += weights[i];
                admitted++;
            }
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0 && weights[i] > 0) {
                return i;
            }
        }
        return greedy(logits);
    }

    private static float kthLargest(float[] logits, int k) {
        float[] sorted = logits.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - k];
    }

    private static void checkLogits(float[] logits) {
        Objects.requireNonNull(logits, "logits");
        if (logits.length == 0) {
            throw new IllegalArgumentException("logits must not be empty");
        }
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i])) {
                throw new IllegalArgumentException("logits[" + i + "] is NaN");
            }
        }
    }
}
