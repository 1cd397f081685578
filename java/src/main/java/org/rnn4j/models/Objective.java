package org.rnn4j.models;

import java.util.function.Supplier;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.SequenceContext;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.tensor.Tensor;

/**
 * What a network learns from a batch of type {@code B}: its input tensor, the context of the forward
 * (lengths, propagation) and the loss of the network's output against the batch's targets with the
 * gradient of that loss. Pairs with a {@link org.rnn4j.nn.Sequential} in a {@link ComposedModel}; the
 * ready models are such pairs.
 *
 * @param <B> the batches
 */
public interface Objective<B> {

    /** The loss of one forward, and the gradient of its mean by the network's output (computed on demand). */
    record Loss(LossValue value, Supplier<Tensor> gradient) {
    }

    /** The network's input for {@code batch} (in the current scope). */
    Tensor inputs(B batch);

    /** The context of a forward over {@code batch}. */
    SequenceContext context(B batch, Propagation propagation);

    /** The loss of {@code output} against {@code batch}'s targets, on {@code kernels}. */
    Loss loss(Kernels kernels, Tensor output, B batch);

    /**
     * One class per sequence: inputs the batch's features [T, N, F] (token ids as F = 1 from
     * {@link org.rnn4j.data.SequenceBatch#ofTokens}), output class scores [N, C], cross-entropy.
     */
    static Objective<ClassificationBatch> classification() {
        return Objectives.CLASSIFICATION;
    }

    /** K values per sequence: inputs [T, N, F], output [N, K], mean squared error. */
    static Objective<RegressionBatch> regression() {
        return Objectives.REGRESSION;
    }

    /** One tag per step: inputs [T, N, F], output [T, N, C], cross-entropy masked to the real steps. */
    static Objective<TaggedBatch> tagging() {
        return Objectives.TAGGING;
    }

    /**
     * A transcription per sequence: inputs [T, N, F], output class scores [T, N, C] with class 0 the blank, the
     * CTC loss (mean over the batch of each loss divided by its target length; an impossible target counts 0).
     */
    static Objective<TranscriptionBatch> transcription() {
        return Objectives.TRANSCRIPTION;
    }

    /** The next token at each step: inputs ids [T, N], output [T, N, V], cross-entropy masked to the real steps. */
    static Objective<TokenBatch> nextToken() {
        return Objectives.NEXT_TOKEN;
    }
}
