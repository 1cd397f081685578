package org.rnn4j.train;

import org.rnn4j.RnnConfig;
import org.rnn4j.rnn.RnnState;

/**
 * What truncated BPTT needs of a {@link Chunkable} and its {@link TimeSliced} batches, as seen by a
 * {@link Trainer} whose batch type has no bound: made once when the trainer is built, so the trainer
 * casts nothing.
 */
interface ChunkedModel<B> {

    RnnConfig recurrentConfig();

    int steps(B batch);

    int[] lengths(B batch);

    B slice(B batch, int from, int to);

    TrainingPass forward(B batch, RnnState initial);

    Chunkable.Evaluation evaluate(B batch, RnnState initial);

    static <B extends TimeSliced<B>> ChunkedModel<B> of(Chunkable<B> model) {
        return new ChunkedModel<>() {
            @Override
            public RnnConfig recurrentConfig() {
                return model.recurrentConfig();
            }

            @Override
            public int steps(B batch) {
                return batch.steps();
            }

            @Override
            public int[] lengths(B batch) {
                return batch.lengths();
            }

            @Override
            public B slice(B batch, int from, int to) {
                return batch.slice(from, to);
            }

            @Override
            public TrainingPass forward(B batch, RnnState initial) {
                return model.forward(batch, initial);
            }

            @Override
            public Chunkable.Evaluation evaluate(B batch, RnnState initial) {
                return model.evaluate(batch, initial);
            }
        };
    }
}
