package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/** Per-row masks of the losses. */
public final class Masks {
    private Masks() {
    }

    /** A [T, N] mask: 1 where t < lengths[n], else 0. */
    public static Tensor steps(int steps, int[] lengths) {
        int batch = lengths.length;
        float[] mask = new float[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int n = 0; n < batch; n++) {
                mask[t * batch + n] = t < lengths[n] ? 1f : 0f;
            }
        }
        return Tensor.of(mask, steps, batch);
    }

    /** The sum of {@code mask}, or the number of rows of {@code values} [..., W] without a mask. */
    static double weight(Tensor mask, Tensor values) {
        if (mask == null) {
            return values.size() / values.shape().dim(values.shape().rank() - 1);
        }
        double sum = 0;
        for (float w : mask.toFloatArray()) {
            sum += w;
        }
        return sum;
    }
}
