package org.rnn4j.nn;

import java.util.List;
import java.util.Objects;

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

    /** The streams one after the other: each step's output is the next one's input; closing closes all. */
    static BlockStream chain(List<BlockStream> streams) {
        List<BlockStream> all = List.copyOf(streams);
        return new BlockStream() {
            @Override
            public Tensor step(Tensor x) {
                Tensor y = Objects.requireNonNull(x, "x");
                for (BlockStream s : all) {
                    y = s.step(y);
                }
                return y;
            }

            @Override
            public void reset(int n) {
                all.forEach(s -> s.reset(n));
            }

            @Override
            public void close() {
                all.forEach(BlockStream::close);
            }
        };
    }
}
