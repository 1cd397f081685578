package org.rnn4j.nn;

import java.util.SplittableRandom;

import org.rnn4j.Checks;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/** Seeded parameter initialisation, as PyTorch's defaults, into the arena of the layer that owns the parameter. */
final class Initializers {
    private Initializers() {
    }

    /** Uniform in [−bound, bound). */
    static Tensor uniform(TensorArena arena, Shape shape, double bound, SplittableRandom random) {
        float[] values = new float[Checks.arrayLength("parameter shape " + shape, shape.dims())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return arena.of(values, shape.dims());
    }

    /** Standard normal. */
    static Tensor normal(TensorArena arena, Shape shape, SplittableRandom random) {
        float[] values = new float[Checks.arrayLength("parameter shape " + shape, shape.dims())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return arena.of(values, shape.dims());
    }
}
