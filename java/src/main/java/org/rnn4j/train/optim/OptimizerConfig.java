package org.rnn4j.train.optim;

import java.util.List;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.Tensor;

/**
 * An optimizer's hyper-parameters: immutable, checked when made; {@link Optimizer} holds the state
 * and applies the fused update of {@code org.rnn4j.backend.onednn.NativeOptimizers} (or its JVM reference).
 */
public sealed interface OptimizerConfig permits Sgd, Adam, AdamW, RmsProp {

    /** The base learning rate, which a {@link Schedule} scales. */
    double learningRate();

    /** Names of the per-parameter state tensors (PyTorch's), e.g. {@code exp_avg}; empty for none. */
    List<String> stateNames();

    /**
     * Updates {@code parameter} in place from its gradient at {@code learningRate}; {@code step}
     * counts updates from 1; {@code state} holds the tensors named by {@link #stateNames()}.
     */
    void update(Kernels kernels, long step, double learningRate, Parameter parameter, List<Tensor> state);
}
