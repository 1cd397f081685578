package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * One block's step-by-step inference over N streams (see {@link Block#stream}): the state it keeps
 * between steps belongs to it and is released by {@link #close()}.
 */
public interface BlockStream extends AutoCloseable {

    /** Feeds one step of every stream; returns the block's output for it (in the current scope). */
    Tensor step(Tensor x);

    /** Resets stream {@code n} to its start, leaving the others as they are. */
    void reset(int n);

    @Override
    void close();

    /** The stream of a block without state: each step is an inference forward of all N streams. */
    static BlockStream stateless(Block<?> block) {
        return new BlockStream() {
            @Override
            public Tensor step(Tensor x) {
                return block.forward(x, SequenceContext.inference(null)).output();
            }

            @Override
            public void reset(int n) {
            }

            @Override
            public void close() {
            }
        };
    }
}
