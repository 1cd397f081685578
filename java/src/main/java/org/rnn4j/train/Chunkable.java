package org.rnn4j.train;

import org.rnn4j.RnnConfig;
import org.rnn4j.nn.LossValue;
import org.rnn4j.rnn.RnnState;

/**
 * A {@link Trainable} over {@link TimeSliced} batches whose recurrent state can be carried from one
 * time slice to the next, so the {@link Trainer} can run truncated BPTT on it.
 *
 * @param <B> the batches, which cut themselves in time
 */
public interface Chunkable<B extends TimeSliced<B>> extends Trainable<B> {

    /** The config of the recurrent layer whose state is carried (unidirectional). */
    RnnConfig recurrentConfig();

    /** A training forward from {@code initial} (null = zeros). */
    TrainingPass forward(B batch, RnnState initial);

    /** The inference loss and final state from {@code initial} (null = zeros). */
    Evaluation evaluate(B batch, RnnState initial);

    /** An inference loss and the state after it. */
    record Evaluation(LossValue loss, RnnState finalState) {
    }
}
