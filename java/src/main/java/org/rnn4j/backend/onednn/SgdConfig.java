package org.rnn4j.backend.onednn;

/**
 * SGD hyper-parameters (PyTorch's SGD without dampening); immutable, checked when built.
 *
 * @param learningRate finite, >= 0
 * @param momentum     in [0, 1); 0 = plain SGD, no velocity
 * @param kind         how the velocity is applied; {@link Momentum#NESTEROV} needs momentum > 0
 * @param weightDecay  finite, >= 0; added to the gradient (L2)
 */
public record SgdConfig(double learningRate, double momentum, Momentum kind, double weightDecay) {

    /** How SGD applies its velocity v. */
    public enum Momentum {
        /** p −= lr · v. */
        CLASSIC,
        /** p −= lr · (g + momentum · v). */
        NESTEROV
    }

    public SgdConfig {
        OpArguments.nonNegative(learningRate, "learningRate");
        OpArguments.fraction(momentum, "momentum");
        OpArguments.notNull(kind, "kind");
        OpArguments.nonNegative(weightDecay, "weightDecay");
        if (kind == Momentum.NESTEROV && momentum == 0) {
            throw new IllegalArgumentException("momentum must be > 0 for Nesterov momentum, got 0.0");
        }
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static SgdConfig of(double learningRate) {
        return new SgdConfig(learningRate, 0, Momentum.CLASSIC, 0);
    }

    public SgdConfig withMomentum(double newMomentum, Momentum newKind) {
        return new SgdConfig(learningRate, newMomentum, newKind, weightDecay);
    }

    public SgdConfig withWeightDecay(double newWeightDecay) {
        return new SgdConfig(learningRate, momentum, kind, newWeightDecay);
    }

    /** True when steps need a velocity buffer. */
    public boolean hasMomentum() {
        return momentum > 0;
    }
}
