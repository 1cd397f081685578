package org.rnn4j.models;

import java.util.List;
import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.FinalState;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.MeanPooling;
import org.rnn4j.nn.OutputGradients;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentOptions;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;

/**
 * The many-to-one front of the classifier and the regressor: features [T, N, F] with lengths →
 * recurrent → pooled [N, W] ({@link Pooling}) → dropout. Parameters {@code rnn.*}.
 */
final class SequenceEncoder implements AutoCloseable {
    private final Recurrent recurrent;
    private final Pooling pooling;
    private final FinalState last;
    private final MeanPooling mean = new MeanPooling();
    private final Dropout dropout;
    private final int width;

    /** What {@link #backward} needs; {@code output} is [N, W]. */
    record Pass(Recurrent.Pass rnn, MeanPooling.Pass mean, Dropout.Pass dropped) {
        Tensor output() {
            return dropped.output();
        }
    }

    SequenceEncoder(int features, RecurrentSpec spec, Pooling pooling, Backend backend, long seed) {
        RnnConfig config = spec.toConfig(features);
        this.recurrent = new Recurrent("rnn", config, backend, seed);
        this.pooling = pooling;
        this.last = new FinalState(config);
        this.dropout = new Dropout(spec.dropout(), Kernels.of(backend));
        this.width = pooling == Pooling.MEAN ? config.outputWidth() : last.width();
    }

    /** W: D·S for {@link Pooling#LAST}, the recurrent output width for {@link Pooling#MEAN}. */
    int width() {
        return width;
    }

    Pass forward(SequenceBatch batch, Propagation propagation) {
        int[] lengths = batch.isFull() ? null : batch.lengths();
        Recurrent.Pass rnn = recurrent.forward(batch.toTensor(),
                RecurrentOptions.training().propagation(propagation).lengths(batch.lengths()));  // [T, N, O]
        MeanPooling.Pass averaged = pooling == Pooling.MEAN ? mean.forward(rnn.output(), lengths) : null;
        Tensor pooled = averaged != null ? averaged.output() : last.forward(rnn.finalState());  // [N, W]
        return new Pass(rnn, averaged, dropout.forward(pooled, propagation));
    }

    void backward(Pass pass, Tensor outputGradient) {
        Tensor dPooled = dropout.backward(pass.dropped(), outputGradient);                     // [N, W]
        if (pass.mean() != null) {
            recurrent.backward(pass.rnn(), mean.backward(pass.mean(), dPooled));
        } else {
            RnnState dFinal = last.backward(dPooled);
            recurrent.backward(pass.rnn(), OutputGradients.finalState(dFinal));
        }
    }

    void seed(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        recurrent.seed(seeds.nextLong());
        dropout.seed(seeds.nextLong());
    }

    Recurrent recurrent() {
        return recurrent;
    }

    List<Parameter> parameters() {
        return recurrent.parameters();
    }

    @Override
    public void close() {
        recurrent.close();
    }
}
