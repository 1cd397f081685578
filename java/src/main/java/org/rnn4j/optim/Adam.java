package org.rnn4j.optim;

import java.util.List;

import org.rnn4j.Checks;

/**
 * Adam with L2 weight decay (PyTorch's {@code Adam}): {@code Adam.lr(2e-3)}, {@code .betas(0.9, 0.98)},
 * {@code .epsilon(1e-8)}, {@code .weightDecay(0)}.
 *
 * @param learningRate finite, >= 0
 * @param beta1        first-moment decay, in [0, 1)
 * @param beta2        second-moment decay, in [0, 1)
 * @param epsilon      added to the denominator, finite, > 0
 * @param weightDecay  L2 added to the gradient, finite, >= 0
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        implements OptimizerConfig {

    /** Checks every hyper-parameter. */
    public Adam {
        Checks.nonNegative("learningRate", learningRate);
        Checks.fraction("beta1", beta1);
        Checks.fraction("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
    }

    /** PyTorch's defaults: betas (0.9, 0.999), epsilon 1e-8, no weight decay. */
    public static Adam lr(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    public Adam learningRate(double newLearningRate) {
        return new Adam(newLearningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** With other moment decays. */
    public Adam betas(double newBeta1, double newBeta2) {
        return new Adam(learningRate, newBeta1, newBeta2, epsilon, weightDecay);
    }

    /** With another epsilon. */
    public Adam epsilon(double newEpsilon) {
        return new Adam(learningRate, beta1, beta2, newEpsilon, weightDecay);
    }

    /** With another L2 weight decay. */
    public Adam weightDecay(double newWeightDecay) {
        return new Adam(learningRate, beta1, beta2, epsilon, newWeightDecay);
    }

    @Override
    public List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }
}
