package org.rnn4j.optim;

import java.util.List;

import org.rnn4j.Checks;

/**
 * Stochastic gradient descent, PyTorch's {@code SGD} without dampening: {@code Sgd.lr(0.1)},
 * {@code .momentum(0.9)}, {@code .nesterov(0.9)}, {@code .weightDecay(1e-4)}.
 *
 * @param learningRate finite, >= 0
 * @param momentum     in [0, 1); 0 = plain SGD, no velocity
 * @param kind         how the velocity is applied; {@link Momentum#NESTEROV} needs momentum > 0
 * @param weightDecay  L2 added to the gradient, finite, >= 0
 */
public record Sgd(double learningRate, double momentum, Momentum kind, double weightDecay)
        implements OptimizerConfig {

    /** How SGD applies its velocity v. */
    public enum Momentum {
        /** v = m·v + g; p −= lr · v. */
        CLASSIC,
        /** v = m·v + g; p −= lr · (g + m · v). */
        NESTEROV
    }

    /** Checks every hyper-parameter. */
    public Sgd {
        Checks.nonNegative("learningRate", learningRate);
        Checks.fraction("momentum", momentum);
        Checks.notNull("kind", kind);
        Checks.nonNegative("weightDecay", weightDecay);
        if (kind == Momentum.NESTEROV && momentum == 0) {
            throw new IllegalArgumentException("momentum must be > 0 for Nesterov momentum, got 0.0");
        }
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static Sgd lr(double learningRate) {
        return new Sgd(learningRate, 0, Momentum.CLASSIC, 0);
    }

    @Override
    public Sgd learningRate(double newLearningRate) {
        return new Sgd(newLearningRate, momentum, kind, weightDecay);
    }

    /** Classic momentum: v = m·v + g; p −= lr·v. */
    public Sgd momentum(double newMomentum) {
        return new Sgd(learningRate, newMomentum, Momentum.CLASSIC, weightDecay);
    }

    /** Nesterov momentum: v = m·v + g; p −= lr·(g + m·v). */
    public Sgd nesterov(double newMomentum) {
        return new Sgd(learningRate, newMomentum, Momentum.NESTEROV, weightDecay);
    }

    /** With another L2 weight decay. */
    public Sgd weightDecay(double newWeightDecay) {
        return new Sgd(learningRate, momentum, kind, newWeightDecay);
    }

    /** True when steps need a velocity buffer. */
    public boolean hasMomentum() {
        return momentum > 0;
    }

    @Override
    public List<String> stateNames() {
        return hasMomentum() ? List.of("momentum_buffer") : List.of();
    }
}
