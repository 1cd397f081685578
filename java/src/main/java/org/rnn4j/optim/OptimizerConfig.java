package org.rnn4j.optim;

import java.io.Serializable;
import java.util.List;

/**
 * An optimizer's hyper-parameters: immutable, checked when made. The same record configures the training
 * loop ({@code org.rnn4j.train.optim.Optimizer}) and is passed to the fused update of every backend.
 * Serialisable (plain numbers), so that a cluster's workers can run the same optimizer.
 */
public sealed interface OptimizerConfig extends Serializable permits Sgd, Adam, AdamW, RmsProp {

    /** The base learning rate, which a schedule scales. */
    double learningRate();

    /** This config with another learning rate (e.g. the scheduled one). */
    OptimizerConfig learningRate(double newLearningRate);

    /** Names of the per-parameter state tensors (PyTorch's), e.g. {@code exp_avg}; empty for none. */
    List<String> stateNames();
}
