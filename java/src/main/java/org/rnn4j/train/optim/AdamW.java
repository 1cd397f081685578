package org.rnn4j.train.optim;

import java.util.List;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.backend.onednn.AdamConfig;
import org.rnn4j.tensor.Tensor;

/**
 * Adam with decoupled weight decay (PyTorch's {@code AdamW}): {@code AdamW.lr(1e-3)},
 * {@code .betas(..)}, {@code .epsilon(..)}, {@code .weightDecay(0.01)} (the default).
 *
 * @param learningRate finite, >= 0
 * @param beta1        first-moment decay, in [0, 1)
 * @param beta2        second-moment decay, in [0, 1)
 * @param epsilon      added to the denominator, > 0
 * @param weightDecay  p −= lr · weightDecay · p before each step, >= 0
 */
public record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        implements OptimizerConfig {

    public AdamW {
        new AdamConfig(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** PyTorch's defaults: betas (0.9, 0.999), epsilon 1e-8, weight decay 0.01. */
    public static AdamW lr(double learningRate) {
        return new AdamW(learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    public AdamW betas(double newBeta1, double newBeta2) {
        return new AdamW(learningRate, newBeta1, newBeta2, epsilon, weightDecay);
    }

    public AdamW epsilon(double newEpsilon) {
        return new AdamW(learningRate, beta1, beta2, newEpsilon, weightDecay);
    }

    public AdamW weightDecay(double newWeightDecay) {
        return new AdamW(learningRate, beta1, beta2, epsilon, newWeightDecay);
    }

    @Override
    public List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    public void update(Kernels kernels, long step, double rate, Parameter parameter, List<Tensor> state) {
        kernels.adamW(new AdamConfig(rate, beta1, beta2, epsilon, weightDecay), step, parameter.value(),
                parameter.gradient(), state.get(0), state.get(1));
    }
}
