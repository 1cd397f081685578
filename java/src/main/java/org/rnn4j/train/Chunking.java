package org.rnn4j.train;

import java.nio.file.Path;

import org.rnn4j.io.CorruptFileException;

/**
 * How the trainer cuts one batch into updates: whole ({@link WholeBatches}, full backpropagation through
 * time) or in chunks of steps with the recurrent state carried between them ({@link TruncatedBpttChunks}).
 * The position inside a batch is {@link Progress#chunk}: 0 between batches.
 */
interface Chunking<B> extends AutoCloseable {

    /**
     * Makes the next update of {@code batch}, from {@code progress}'s position inside it, and advances
     * the position (to the next chunk, or to the next batch after the last).
     */
    StepReport next(B batch, Progress progress);

    /** The carried state a checkpoint written at {@code progress} must hold, or null. */
    Carry carried(Progress progress);

    /**
     * A zero carry for the {@code carry/h} of shape {@code savedShape} in checkpoint {@code file}, to be filled
     * from it; the shape is checked against the model before anything is allocated.
     *
     * @throws IllegalArgumentException if this chunking carries no state
     * @throws CorruptFileException     if the shape is not the model's [L, D, N, S] for some N
     */
    Carry emptyCarry(Path file, long[] savedShape) throws CorruptFileException;

    /** Takes over {@code restored} (null: none) from a checkpoint, closing the state carried so far. */
    void resumeWith(Carry restored);

    /** Releases the carried state. */
    @Override
    void close();
}
