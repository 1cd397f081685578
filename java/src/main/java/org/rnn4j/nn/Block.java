package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * A layer that composes: a forward from one tensor to the next under a {@link SequenceContext}, and
 * its backward from the forward's pass and the output gradient to the input gradient. A
 * {@link Sequential} chains blocks and their backwards, so no composed model writes a backward.
 *
 * <p>Inputs differ by block: token ids as a tensor of whole numbers ({@link Embedding}), sequences
 * [T, N, F] ({@link RecurrentBlock}, {@link MeanPooling}, {@link FinalState}, which read the lengths
 * from the context) and vectors [N, F] or sequences ({@link Linear}, {@link Dropout}).
 *
 * @param <P> what the block's backward needs from its forward
 */
public interface Block<P extends Block.Pass> extends Layer {

    /** What a forward leaves for its backward; {@link #output()} is the block's result. */
    interface Pass {
        /** The output of the forward. */
        Tensor output();
    }

    /** x → the pass holding y. */
    P forward(Tensor x, SequenceContext context);

    /**
     * dy → dx of a training pass; adds the parameter gradients to {@link Parameter#gradient()}.
     * Returns null when the input has no gradient (token ids).
     */
    Tensor backward(P pass, Tensor outputGradient);

    /** Restarts the block's randomness (dropout masks) from {@code seed}; blocks without any ignore it. */
    default void seed(long seed) {
    }

    /**
     * Step-by-step inference over {@code streams} independent streams: each step feeds one time step
     * [1, N, ...] (or a vector [N, ...] after pooling). Blocks without state run their inference forward;
     * recurrent blocks and mean pooling keep per-stream state. Close it when done.
     */
    default BlockStream stream(int streams) {
        return BlockStream.stateless(this);
    }
}
