package org.rnn4j.reference.ops;

import org.rnn4j.backend.onednn.AdamConfig;

/** Reference AdamW step (decoupled weight decay, PyTorch's AdamW), in double. */
public final class AdamW {
    private AdamW() {
    }

    /** p −= lr · weightDecay · p, then the Adam step without the L2 term. */
    public static void step(AdamConfig config, long step, double[] params, double[] grads, double[] firstMoment,
                            double[] secondMoment) {
        for (int i = 0; i < params.length; i++) {
            params[i] -= config.learningRate() * config.weightDecay() * params[i];
        }
        Adam.update(config, step, params, grads, firstMoment, secondMoment, 0);
    }
}
