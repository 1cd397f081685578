package org.rnn4j.train;

import java.util.List;

import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.backend.Backend;

/**
 * A model the {@link Trainer} can train on batches of type {@code B}: a training forward that can
 * run backward once, an inference loss, its parameters and the seeding of its randomness.
 */
public interface Trainable<B> {

    /** Every parameter, with unique names. */
    List<Parameter> parameters();

    /** The backend of the model's kernels; the trainer clips and updates on the same one. */
    Backend backend();

    /** Restarts the model's dropout masks from {@code seed}. */
    void seed(long seed);

    /** A training forward over {@code batch}: the loss, and backward. */
    TrainingPass forward(B batch);

    /**
     * {@link #forward(Object)} when nobody will read {@link TrainingPass#finalState()} (full BPTT on
     * whole batches): a model may then skip computing final states, which makes variable lengths faster,
     * and its pass's {@code finalState()} may throw {@link IllegalStateException}. By default the same
     * as {@code forward(batch)}.
     */
    default TrainingPass forwardOutputsOnly(B batch) {
        return forward(batch);
    }

    /** The loss over {@code batch} in inference (no dropout, no gradients). */
    LossValue evaluate(B batch);
}
