package org.rnn4j.models;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.nn.BlockStream;
import org.rnn4j.nn.CrossEntropy;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.nn.SequenceContext;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;

/**
 * The token decoder of {@link OneToMany} and {@link Seq2Seq}: embedding → recurrent → dropout → linear
 * over the vocabulary, started from a given state. Trained with teacher forcing on whole target
 * sequences; decodes one step at a time. Parameters {@code decoder.embedding.weight},
 * {@code decoder.rnn.*}, {@code decoder.head.*}.
 */
final class Decoder implements AutoCloseable {
    private final Embedding embedding;
    private final RecurrentBlock recurrent;
    private final Dropout dropout;
    private final Linear head;
    private final CrossEntropy crossEntropy;

    /** What {@link #backward} needs, and the loss. */
    record Pass(Embedding.Pass embedded, RecurrentBlock.Pass rnn, Dropout.Pass dropped, Linear.Pass logits,
                CrossEntropy.Pass loss) {
    }

    /** One decoding step: the logits [B, V] of the next token and the state after this one. */
    record Step(float[] logits, RnnState state) {
    }

    Decoder(int vocabularySize, int embeddingSize, RecurrentSpec spec, Backend backend, SplittableRandom seeds) {
        Kernels kernels = Kernels.of(backend);
        this.embedding = new Embedding("decoder.embedding", vocabularySize, embeddingSize, kernels, seeds.nextLong());
        this.recurrent = new RecurrentBlock("decoder.rnn", spec, embeddingSize, backend, seeds.nextLong());
        this.dropout = new Dropout(spec.dropout(), kernels);
        this.head = new Linear("decoder.head", spec.outputWidth(), vocabularySize, kernels, seeds.nextLong(),
                spec.precision());
        this.crossEntropy = new CrossEntropy(kernels);
    }

    /** Teacher-forced training forward over {@code target} [T, N] from {@code initial}. */
    Pass forward(TokenBatch target, RnnState initial) {
        Embedding.Pass embedded = embedding.forward(target.inputs(), target.steps(), target.batch());   // [T, N, E]
        RecurrentBlock.Pass rnn = recurrent.forward(embedded.output(), context(target.engineLengths(), initial,
                Propagation.TRAINING));                                                                  // [T, N, H]
        Dropout.Pass dropped = dropout.forward(rnn.output(), Propagation.TRAINING);                      // [T, N, H]
        Linear.Pass logits = head.forward(dropped.output());                                             // [T, N, V]
        CrossEntropy.Pass loss = crossEntropy.forward(logits.output(), target.targets(), target.mask());
        return new Pass(embedded, rnn, dropped, logits, loss);
    }

    /** Adds the gradients of the pass's loss; returns the gradient of its initial state. */
    RnnState backward(Pass pass) {
        Tensor dLogits = crossEntropy.backward(pass.loss());                                   // [T, N, V]
        Tensor dDropped = head.backward(pass.logits(), dLogits);                               // [T, N, H]
        Tensor dHidden = dropout.backward(pass.dropped(), dDropped);                           // [T, N, H]
        Recurrent.InputGradients back = recurrent.backward(pass.rnn(), dHidden, null);
        embedding.backward(pass.embedded(), back.inputGradient());                            // [T, N, E]
        return back.initialStateGradient();
    }

    /** The teacher-forced loss in inference. */
    LossValue evaluate(TokenBatch target, RnnState initial) {
        Embedding.Pass embedded = embedding.forward(target.inputs(), target.steps(), target.batch());
        RecurrentBlock.Pass rnn = recurrent.forward(embedded.output(), context(target.engineLengths(), initial,
                Propagation.INFERENCE));
        return crossEntropy.forward(head.forward(rnn.output()).output(), target.targets(), target.mask()).loss();
    }

    /** Feeds one token to each of B streams in {@code state} [L, 1, B, S]. */
    Step step(long[] ids, RnnState state) {
        Embedding.Pass embedded = embedding.forward(ids, 1, ids.length);                      // [1, B, E]
        RecurrentBlock.Pass rnn = recurrent.forward(embedded.output(), context(null, state,
                Propagation.INFERENCE));                                                             // [1, B, H]
        return new Step(head.forward(rnn.output()).output().toFloatArray(), rnn.finalState());           // [B, V]
    }

    /** The context of a forward from {@code initial} (null = zeros). */
    private SequenceContext context(int[] lengths, RnnState initial, Propagation propagation) {
        return new SequenceContext(lengths, propagation, initial == null ? Map.of() : Map.of(recurrent.name(), initial));
    }

    /**
     * Step-by-step decoding of {@code streams} streams from {@code initial} (copied): each step feeds one
     * token id per stream [1, N] and gives the logits [1, N, V] of the next. Close it when done.
     */
    BlockStream stream(int streams, RnnState initial) {
        BlockStream rnn = recurrent.stream(streams, initial);
        return BlockStream.chain(List.of(embedding.stream(streams), rnn, dropout.stream(streams),
                head.stream(streams)));
    }

    RnnConfig config() {
        return recurrent.config();
    }

    RecurrentBlock recurrent() {
        return recurrent;
    }

    List<Parameter> parameters() {
        return Parameters.of(embedding, recurrent, head);
    }

    void seed(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        recurrent.seed(seeds.nextLong());
        dropout.seed(seeds.nextLong());
    }

    @Override
    public void close() {
        embedding.close();
        recurrent.close();
        head.close();
    }
}
