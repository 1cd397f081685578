package org.rnn4j.backend.onednn;

/**
 * Adam and AdamW hyper-parameters; immutable, checked when built.
 *
 * @param learningRate finite, >= 0
 * @param beta1        decay of the first moment, in [0, 1)
 * @param beta2        decay of the second moment, in [0, 1)
 * @param epsilon      finite, > 0; added to the denominator
 * @param weightDecay  finite, >= 0: added to the gradient (L2) by Adam, decoupled by AdamW
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {

    public AdamConfig {
        OpArguments.nonNegative(learningRate, "learningRate");
        OpArguments.fraction(beta1, "beta1");
        OpArguments.fraction(beta2, "beta2");
        OpArguments.positiveFinite(epsilon, "epsilon");
        OpArguments.nonNegative(weightDecay, "weightDecay");
    }

    /** PyTorch's defaults: betas (0.9, 0.999), epsilon 1e-8, no weight decay. */
    public static AdamConfig of(double learningRate) {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    public AdamConfig withBetas(double newBeta1, double newBeta2) {
        return new AdamConfig(learningRate, newBeta1, newBeta2, epsilon, weightDecay);
    }

    public AdamConfig withEpsilon(double newEpsilon) {
        return new AdamConfig(learningRate, beta1, beta2, newEpsilon, weightDecay);
    }

    public AdamConfig withWeightDecay(double newWeightDecay) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, newWeightDecay);
    }
}
