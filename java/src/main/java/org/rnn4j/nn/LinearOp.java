package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/** y [..., O] = x [..., K] · weightsᵀ + bias [O], weights [O, K], on one backend (see {@link Kernels#linear}). */
public interface LinearOp extends AutoCloseable {

    /** y [..., O]; bias may be null. */
    Tensor forward(Tensor x, Tensor weights, Tensor bias);

    /** Returns dx [..., K]; adds dyᵀ·x to weightsGradient [O, K] and the column sums of dy to biasGradient [O] (or null). */
    Tensor backward(Tensor x, Tensor weights, Tensor outputGradient, Tensor weightsGradient, Tensor biasGradient);

    @Override
    void close();
}
