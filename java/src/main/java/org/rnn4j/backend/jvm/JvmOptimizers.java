package org.rnn4j.backend.jvm;

import org.rnn4j.Checks;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;

/**
 * The JVM backend's fused f32 optimizer steps, the same arithmetic as librnn4j's (hyper-parameters rounded to f32,
 * 1 − β and the bias corrections taken in double): each updates {@code params} and its state in place.
 */
public final class JvmOptimizers {
    private JvmOptimizers() {
    }

    /** One SGD step; {@code velocity} is needed when the config has momentum, else unused. */
    public static void sgd(Sgd config, float[] params, float[] grads, float[] velocity) {
        Checks.length("grads", grads, params.length);
        float lr = (float) config.learningRate();
        float decay = (float) config.weightDecay();
        if (!config.hasMomentum()) {
            for (int i = 0; i < params.length; i++) {
                params[i] -= lr * (grads[i] + decay * params[i]);
            }
            return;
        }
        Checks.length("velocity", velocity, params.length);
        float momentum = (float) config.momentum();
        boolean nesterov = config.kind() == Sgd.Momentum.NESTEROV;
        for (int i = 0; i < params.length; i++) {
            float g = grads[i] + decay * params[i];
            float v = momentum * velocity[i] + g;
            velocity[i] = v;
            params[i] -= lr * (nesterov ? g + momentum * v : v);
        }
    }

    /** One Adam step (L2 weight decay); {@code step} counts from 1. */
    public static void adam(Adam config, long step, float[] params, float[] grads, float[] firstMoment,
                            float[] secondMoment) {
        adamFamily(config.learningRate(), config.beta1(), config.beta2(), config.epsilon(), config.weightDecay(), 0,
                step, params, grads, firstMoment, secondMoment);
    }

    /** One AdamW step (decoupled weight decay); {@code step} counts from 1. */
    public static void adamW(AdamW config, long step, float[] params, float[] grads, float[] firstMoment,
                             float[] secondMoment) {
        adamFamily(config.learningRate(), config.beta1(), config.beta2(), config.epsilon(), 0, config.weightDecay(),
                step, params, grads, firstMoment, secondMoment);
    }

    /** One RMSProp step; {@code momentumBuffer} is needed when the config has momentum, else unused. */
    public static void rmsProp(RmsProp config, float[] params, float[] grads, float[] squareAverage,
                               float[] momentumBuffer) {
        Checks.length("grads", grads, params.length);
        Checks.length("squareAverage", squareAverage, params.length);
        boolean withMomentum = config.hasMomentum();
        if (withMomentum) {
            Checks.length("momentumBuffer", momentumBuffer, params.length);
        }
        float lr = (float) config.learningRate();
        float alpha = (float) config.alpha();
        float oneMinusAlpha = (float) (1.0 - config.alpha());
        float epsilon = (float) config.epsilon();
        float decay = (float) config.weightDecay();
        float momentum = (float) config.momentum();
        for (int i = 0; i < params.length; i++) {
            float g = grads[i] + decay * params[i];
            float s = alpha * squareAverage[i] + oneMinusAlpha * g * g;
            squareAverage[i] = s;
            float update = g / ((float) Math.sqrt(s) + epsilon);
            if (withMomentum) {
                float b = momentum * momentumBuffer[i] + update;
                momentumBuffer[i] = b;
                params[i] -= lr * b;
            } else {
                params[i] -= lr * update;
            }
        }
    }

    /** Adam and AdamW: {@code l2} is added to the gradient, {@code decoupled} shrinks p by lr · decoupled first. */
    private static void adamFamily(double learningRate, double beta1, double beta2, double epsilon, double l2,
                                   double decoupled, long step, float[] params, float[] grads, float[] firstMoment,
                                   float[] secondMoment) {
        Checks.positive("step", step);
        Checks.length("grads", grads, params.length);
        Checks.length("firstMoment", firstMoment, params.length);
        Checks.length("secondMoment", secondMoment, params.length);
        float stepSize = (float) (learningRate / (1.0 - Math.pow(beta1, step)));
        float invSqrtCorrection2 = (float) (1.0 / Math.sqrt(1.0 - Math.pow(beta2, step)));
        float b1 = (float) beta1, oneMinusB1 = (float) (1.0 - beta1);
        float b2 = (float) beta2, oneMinusB2 = (float) (1.0 - beta2);
        float eps = (float) epsilon;
        float decay = (float) l2;
        float shrink = (float) (1.0 - learningRate * decoupled);
        for (int i = 0; i < params.length; i++) {
            float p = params[i] * shrink;
            float g = grads[i] + decay * p;
            float m = b1 * firstMoment[i] + oneMinusB1 * g;
            float v = b2 * secondMoment[i] + oneMinusB2 * g * g;
            firstMoment[i] = m;
            secondMoment[i] = v;
            params[i] = p - stepSize * m / ((float) Math.sqrt(v) * invSqrtCorrection2 + eps);
        }
    }
}
