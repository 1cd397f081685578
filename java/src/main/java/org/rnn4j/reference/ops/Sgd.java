package org.rnn4j.reference.ops;

import org.rnn4j.backend.onednn.SgdConfig;

/** Reference SGD step, in double. */
public final class Sgd {
    private Sgd() {
    }

    /**
     * g = grad + weightDecay · p; v = momentum · v + g; p −= lr · v (classic) or lr · (g + momentum · v)
     * (Nesterov); without momentum p −= lr · g and {@code velocity} is unused.
     */
    public static void step(SgdConfig config, double[] params, double[] grads, double[] velocity) {
        Checks.length(grads, "grads", params.length);
        if (config.hasMomentum()) {
            Checks.length(velocity, "velocity", params.length);
        }
        for (int i = 0; i < params.length; i++) {
            double g = grads[i] + config.weightDecay() * params[i];
            if (config.hasMomentum()) {
                velocity[i] = config.momentum() * velocity[i] + g;
                g = config.kind() == SgdConfig.Momentum.NESTEROV ? g + config.momentum() * velocity[i] : velocity[i];
            }
            params[i] -= config.learningRate() * g;
        }
    }
}
