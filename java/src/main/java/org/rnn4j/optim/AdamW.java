package org.rnn4j.optim;

import java.util.List;

import org.rnn4j.Checks;

/**
 * Adam with decoupled weight decay (PyTorch's {@code AdamW}): {@code AdamW.lr(1e-3)}, {@code .betas(..)},
 * {@code .epsilon(..)}, {@code .weightDecay(0.01)} (the default).
 *
 * @param learningRate finite, >= 0
 * @param beta1        first-moment decay, in [0, 1)
 * @param beta2        second-moment decay, in [0, 1)
 * @param epsilon      added to the denominator, finite, > 0
 * @param weightDecay  p −= lr · weightDecay · p before each step, finite, >= 0
 */
public record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        implements OptimizerConfig {

    /** Checks every hyper-parameter. */
    public AdamW {
        Checks.nonNegative("learningRate", learningRate);
        Checks.fraction("beta1", beta1);
        Checks.fraction("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
    }

    /** PyTorch's defaults: betas (0.9, 0.999), epsilon 1e-8, weight decay 0.01. */
    public static AdamW lr(double learningRate) {
        return new AdamW(learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    @Override
    public AdamW learningRate(double newLearningRate) {
        return new AdamW(newLearningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** With other moment decays. */
    public AdamW betas(double newBeta1, double newBeta2) {
        return new AdamW(learningRate, newBeta1, newBeta2, epsilon, weightDecay);
    }

    /** With another epsilon. */
    public AdamW epsilon(double newEpsilon) {
        return new AdamW(learningRate, beta1, beta2, newEpsilon, weightDecay);
    }

    /** With another decoupled weight decay. */
    public AdamW weightDecay(double newWeightDecay) {
        return new AdamW(learningRate, beta1, beta2, epsilon, newWeightDecay);
    }

    @Override
    public List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }
}
