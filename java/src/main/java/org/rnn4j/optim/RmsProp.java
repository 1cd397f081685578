package org.rnn4j.optim;

import java.util.List;

import org.rnn4j.Checks;

/**
 * RMSProp, PyTorch's {@code RMSprop} (not centred): {@code RmsProp.lr(1e-3)}, {@code .alpha(0.99)},
 * {@code .momentum(0.9)}, {@code .weightDecay(..)}.
 *
 * @param learningRate finite, >= 0
 * @param alpha        squared-gradient smoothing, in [0, 1)
 * @param epsilon      added to the denominator, finite, > 0
 * @param weightDecay  L2 added to the gradient, finite, >= 0
 * @param momentum     in [0, 1); 0 = no momentum buffer
 */
public record RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum)
        implements OptimizerConfig {

    /** Checks every hyper-parameter. */
    public RmsProp {
        Checks.nonNegative("learningRate", learningRate);
        Checks.fraction("alpha", alpha);
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
        Checks.fraction("momentum", momentum);
    }

    /** PyTorch's defaults: alpha 0.99, epsilon 1e-8, no weight decay, no momentum. */
    public static RmsProp lr(double learningRate) {
        return new RmsProp(learningRate, 0.99, 1e-8, 0, 0);
    }

    @Override
    public RmsProp learningRate(double newLearningRate) {
        return new RmsProp(newLearningRate, alpha, epsilon, weightDecay, momentum);
    }

    /** With another smoothing. */
    public RmsProp alpha(double newAlpha) {
        return new RmsProp(learningRate, newAlpha, epsilon, weightDecay, momentum);
    }

    /** With another epsilon. */
    public RmsProp epsilon(double newEpsilon) {
        return new RmsProp(learningRate, alpha, newEpsilon, weightDecay, momentum);
    }

    /** With another L2 weight decay. */
    public RmsProp weightDecay(double newWeightDecay) {
        return new RmsProp(learningRate, alpha, epsilon, newWeightDecay, momentum);
    }

    /** With momentum (0 = none). */
    public RmsProp momentum(double newMomentum) {
        return new RmsProp(learningRate, alpha, epsilon, weightDecay, newMomentum);
    }

    /** True when steps need a momentum buffer. */
    public boolean hasMomentum() {
        return momentum > 0;
    }

    @Override
    public List<String> stateNames() {
        return hasMomentum() ? List.of("square_avg", "momentum_buffer") : List.of("square_avg");
    }
}
