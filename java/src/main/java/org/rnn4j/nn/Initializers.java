package org.rnn4j.nn;

import java.util.SplittableRandom;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/** Seeded parameter initialisation, as PyTorch's defaults. */
final class Initializers {
    private Initializers() {
    }

    /** Uniform in [−bound, bound). */
    static Tensor uniform(Shape shape, double bound, SplittableRandom random) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return Tensor.of(values, shape.dims());
    }

    /** Standard normal. */
    static Tensor normal(Shape shape, SplittableRandom random) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Tensor.of(values, shape.dims());
    }
}
