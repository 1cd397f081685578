package org.rnn4j.models;

import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Block;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.FinalState;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MeanPooling;
import org.rnn4j.nn.RecurrentBlock;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.nn.Sequential;

/** How a many-to-one model summarises a sequence. */
public enum Pooling {
    /** The final state of the top layer after each sequence's last real step (both directions concatenated). */
    LAST,
    /** The mean of the top layer's outputs over each sequence's real steps. */
    MEAN;

    /** The pooling block over the outputs of a recurrent layer of {@code config}. */
    Block<?> block(RnnConfig config) {
        return this == MEAN ? new MeanPooling() : new FinalState(config);
    }

    /**
     * The many-to-one network of the classifier and the regressor: features [T, N, F] → recurrent →
     * this pooling [N, W] → dropout → linear [N, K]; parameters {@code rnn.*}, {@code head.*}, drawn from
     * {@code new SplittableRandom(seed)} in that order.
     */
    Sequential network(int features, RecurrentSpec spec, int outputs, Backend backend, long seed) {
        Kernels kernels = Kernels.of(backend);
        SplittableRandom seeds = new SplittableRandom(seed);
        RnnConfig config = spec.toConfig(features);
        return Sequential.of(
                new RecurrentBlock("rnn", config, backend, seeds.nextLong()),                     // [T, N, O]
                block(config),                                                                   // [N, W]
                new Dropout(spec.dropout(), kernels),                                            // [N, W]
                new Linear("head", config.outputWidth(), outputs, kernels, seeds.nextLong(),
                        spec.precision()));                                                      // [N, K]
    }
}
