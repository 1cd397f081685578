package org.rnn4j.reference.ops;

import org.rnn4j.backend.onednn.AdamConfig;

/** Reference Adam step with L2 weight decay (PyTorch's Adam), in double. */
public final class Adam {
    private Adam() {
    }

    /**
     * Step t (from 1): g = grad + weightDecay · p; m = β1 m + (1 − β1) g; v = β2 v + (1 − β2) g²;
     * p −= lr · (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε).
     */
    public static void step(AdamConfig config, long step, double[] params, double[] grads, double[] firstMoment,
                            double[] secondMoment) {
        update(config, step, params, grads, firstMoment, secondMoment, config.weightDecay());
    }

    /** The moment updates and parameter step shared with AdamW; {@code l2} is added to the gradient. */
    static void update(AdamConfig config, long step, double[] params, double[] grads, double[] firstMoment,
                       double[] secondMoment, double l2) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        Checks.length(grads, "grads", params.length);
        Checks.length(firstMoment, "firstMoment", params.length);
        Checks.length(secondMoment, "secondMoment", params.length);
        double correction1 = 1 - Math.pow(config.beta1(), step);
        double correction2 = 1 - Math.pow(config.beta2(), step);
        for (int i = 0; i < params.length; i++) {
            double g = grads[i] + l2 * params[i];
            firstMoment[i] = config.beta1() * firstMoment[i] + (1 - config.beta1()) * g;
            secondMoment[i] = config.beta2() * secondMoment[i] + (1 - config.beta2()) * g * g;
            double mHat = firstMoment[i] / correction1;
            double vHat = secondMoment[i] / correction2;
            params[i] -= config.learningRate() * mHat / (Math.sqrt(vHat) + config.epsilon());
        }
    }
}
