package org.rnn4j.backend.onednn;

/**
 * RMSProp hyper-parameters (PyTorch's RMSprop, not centred); immutable, checked when built.
 *
 * @param learningRate finite, >= 0
 * @param alpha        smoothing of the squared-gradient average, in [0, 1)
 * @param epsilon      finite, > 0; added to the denominator
 * @param weightDecay  finite, >= 0; added to the gradient (L2)
 * @param momentum     in [0, 1); 0 = no momentum buffer
 */
public record RmsPropConfig(double learningRate, double alpha, double epsilon, double weightDecay, double momentum) {

    public RmsPropConfig {
        OpArguments.nonNegative(learningRate, "learningRate");
        OpArguments.fraction(alpha, "alpha");
        OpArguments.positiveFinite(epsilon, "epsilon");
        OpArguments.nonNegative(weightDecay, "weightDecay");
        OpArguments.fraction(momentum, "momentum");
    }

    /** PyTorch's defaults: alpha 0.99, epsilon 1e-8, no weight decay, no momentum. */
    public static RmsPropConfig of(double learningRate) {
        return new RmsPropConfig(learningRate, 0.99, 1e-8, 0, 0);
    }

    public RmsPropConfig withAlpha(double newAlpha) {
        return new RmsPropConfig(learningRate, newAlpha, epsilon, weightDecay, momentum);
    }

    public RmsPropConfig withWeightDecay(double newWeightDecay) {
        return new RmsPropConfig(learningRate, alpha, epsilon, newWeightDecay, momentum);
    }

    public RmsPropConfig withMomentum(double newMomentum) {
        return new RmsPropConfig(learningRate, alpha, epsilon, weightDecay, newMomentum);
    }

    /** True when steps need a momentum buffer. */
    public boolean hasMomentum() {
        return momentum > 0;
    }
}
