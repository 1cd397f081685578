package org.rnn4j.reference.ops;

import org.rnn4j.Checks;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;

/** Reference optimizer steps, in double: each updates {@code params} and its state arrays in place. */
public final class ReferenceOptimizers {
    private ReferenceOptimizers() {
    }

    /**
     * g = grad + weightDecay · p; v = momentum · v + g; p −= lr · v (classic) or lr · (g + momentum · v)
     * (Nesterov); without momentum p −= lr · g and {@code velocity} is unused.
     */
    public static void sgd(Sgd config, double[] params, double[] grads, double[] velocity) {
        Checks.length("grads", grads, params.length);
        if (config.hasMomentum()) {
            Checks.length("velocity", velocity, params.length);
        }
        for (int i = 0; i < params.length; i++) {
            double g = grads[i] + config.weightDecay() * params[i];
            if (config.hasMomentum()) {
                velocity[i] = config.momentum() * velocity[i] + g;
                g = config.kind() == Sgd.Momentum.NESTEROV ? g + config.momentum() * velocity[i] : velocity[i];
            }
            params[i] -= config.learningRate() * g;
        }
    }

    /**
     * Adam step t (from 1): g = grad + weightDecay · p; m = β1 m + (1 − β1) g; v = β2 v + (1 − β2) g²;
     * p −= lr · (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε).
     */
    public static void adam(Adam config, long step, double[] params, double[] grads, double[] firstMoment,
                            double[] secondMoment) {
        adamUpdate(config.learningRate(), config.beta1(), config.beta2(), config.epsilon(), config.weightDecay(),
                step, params, grads, firstMoment, secondMoment);
    }

    /** AdamW: p −= lr · weightDecay · p, then the Adam step without the L2 term. */
    public static void adamW(AdamW config, long step, double[] params, double[] grads, double[] firstMoment,
                             double[] secondMoment) {
        for (int i = 0; i < params.length; i++) {
            params[i] -= config.learningRate() * config.weightDecay() * params[i];
        }
        adamUpdate(config.learningRate(), config.beta1(), config.beta2(), config.epsilon(), 0,
                step, params, grads, firstMoment, secondMoment);
    }

    /**
     * RMSProp (not centred): g = grad + weightDecay · p; s = α s + (1 − α) g²; u = g / (sqrt(s) + ε); with
     * momentum b = momentum · b + u and p −= lr · b, else p −= lr · u ({@code momentumBuffer} unused).
     */
    public static void rmsProp(RmsProp config, double[] params, double[] grads, double[] squareAverage,
                               double[] momentumBuffer) {
        Checks.length("grads", grads, params.length);
        Checks.length("squareAverage", squareAverage, params.length);
        if (config.hasMomentum()) {
            Checks.length("momentumBuffer", momentumBuffer, params.length);
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

    /** The moment updates and parameter step of Adam and AdamW; {@code l2} is added to the gradient. */
    private static void adamUpdate(double learningRate, double beta1, double beta2, double epsilon, double l2,
                                   long step, double[] params, double[] grads, double[] firstMoment,
                                   double[] secondMoment) {
        Checks.positive("step", step);
        Checks.length("grads", grads, params.length);
        Checks.length("firstMoment", firstMoment, params.length);
        Checks.length("secondMoment", secondMoment, params.length);
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < params.length; i++) {
            double g = grads[i] + l2 * params[i];
            firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * g;
            secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * g * g;
            double mHat = firstMoment[i] / correction1;
            double vHat = secondMoment[i] / correction2;
            params[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }
}
