package org.rnn4j.reference.ops;

import org.rnn4j.backend.onednn.RmsPropConfig;

/** Reference RMSProp step (PyTorch's RMSprop, not centred), in double. */
public final class RmsProp {
    private RmsProp() {
    }

    /**
     * g = grad + weightDecay · p; s = α s + (1 − α) g²; u = g / (sqrt(s) + ε); with momentum
     * b = momentum · b + u and p −= lr · b, else p −= lr · u ({@code momentumBuffer} unused).
     */
    public static void step(RmsPropConfig config, double[] params, double[] grads, double[] squareAverage,
                            double[] momentumBuffer) {
        Checks.length(grads, "grads", params.length);
        Checks.length(squareAverage, "squareAverage", params.length);
        if (config.hasMomentum()) {
            Checks.length(momentumBuffer, "momentumBuffer", params.length);
        }
        for (int i = 0; i < params.length; i++) {
            double g = grads[i] + config.weightDecay() * params[i];
            squareAverage[i] = config.alpha() * squareAverage[i] + (1 - config.alpha()) * g * g;
            double update = g / (Math.sqrt(squareAverage[i]) + config.epsilon());
            if (config.hasMomentum()) {
                momentumBuffer[i] = config.momentum() * momentumBuffer[i] + update;
                update = momentumBuffer[i];
            }
            params[i] -= config.learningRate() * update;
        }
    }
}
