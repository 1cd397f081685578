package org.rnn4j.backend.onednn;

import org.bytedeco.javacpp.FloatPointer;
import org.rnn4j.Checks;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.internal.AdamOptions;
import org.rnn4j.internal.RmsPropOptions;
import org.rnn4j.internal.SgdOptions;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Tensor;

/**
 * Fused optimizer updates on librnn4j: one call updates one parameter tensor in place from its
 * gradient and its state tensors (all of the parameter's shape). Hyper-parameters come from
 * the immutable records of {@code org.rnn4j.optim}, already checked.
 */
public final class NativeOptimizers {
    private NativeOptimizers() {
    }

    /** One SGD step; {@code velocity} is needed when the config has momentum, else may be null. */
    public static void sgd(Sgd config, Tensor params, Tensor grads, Tensor velocity) {
        Checks.notNull("config", config);
        checkPair(params, grads);
        FloatPointer velocityPointer = config.hasMomentum() ? TensorMemory.write(state(velocity, "velocity", params)) : null;
        try (SgdOptions options = new SgdOptions()) {
            options.learning_rate(config.learningRate())
                    .momentum(config.momentum())
                    .momentum_kind(NativeEnums.momentum(config.kind()))
                    .weight_decay(config.weightDecay());
            NativeLibrary.call(() -> rnn4j.sgd_step(options, params.size(), TensorMemory.write(params), TensorMemory.read(grads),
                    velocityPointer));
        }
    }

    /** One Adam step (L2 weight decay); {@code step} counts from 1 for the bias correction. */
    public static void adam(Adam config, long step, Tensor params, Tensor grads, Tensor firstMoment,
                            Tensor secondMoment) {
        checkAdam(config, step, params, grads, firstMoment, secondMoment);
        try (AdamOptions options = adamOptions(config.learningRate(), config.beta1(), config.beta2(),
                config.epsilon(), config.weightDecay())) {
            NativeLibrary.call(() -> rnn4j.adam_step(options, step, params.size(), TensorMemory.write(params), TensorMemory.read(grads),
                    TensorMemory.write(firstMoment), TensorMemory.write(secondMoment)));
        }
    }

    /** One AdamW step (decoupled weight decay); {@code step} counts from 1 for the bias correction. */
    public static void adamW(AdamW config, long step, Tensor params, Tensor grads, Tensor firstMoment,
                             Tensor secondMoment) {
        checkAdam(config, step, params, grads, firstMoment, secondMoment);
        try (AdamOptions options = adamOptions(config.learningRate(), config.beta1(), config.beta2(),
                config.epsilon(), config.weightDecay())) {
            NativeLibrary.call(() -> rnn4j.adamw_step(options, step, params.size(), TensorMemory.write(params),
                    TensorMemory.read(grads), TensorMemory.write(firstMoment), TensorMemory.write(secondMoment)));
        }
    }

    /** One RMSProp step; {@code momentumBuffer} is needed when the config has momentum, else may be null. */
    public static void rmsProp(RmsProp config, Tensor params, Tensor grads, Tensor squareAverage,
                               Tensor momentumBuffer) {
        Checks.notNull("config", config);
        checkPair(params, grads);
        state(squareAverage, "squareAverage", params);
        FloatPointer momentumPointer =
                config.hasMomentum() ? TensorMemory.write(state(momentumBuffer, "momentumBuffer", params)) : null;
        try (RmsPropOptions options = new RmsPropOptions()) {
            options.learning_rate(config.learningRate())
                    .alpha(config.alpha())
                    .epsilon(config.epsilon())
                    .weight_decay(config.weightDecay())
                    .momentum(config.momentum());
            NativeLibrary.call(() -> rnn4j.rmsprop_step(options, params.size(), TensorMemory.write(params), TensorMemory.read(grads),
                    TensorMemory.write(squareAverage), momentumPointer));
        }
    }

    private static AdamOptions adamOptions(double learningRate, double beta1, double beta2, double epsilon,
                                           double weightDecay) {
        return new AdamOptions()
                .learning_rate(learningRate)
                .beta1(beta1)
                .beta2(beta2)
                .epsilon(epsilon)
                .weight_decay(weightDecay);
    }

    private static void checkAdam(OptimizerConfig config, long step, Tensor params, Tensor grads, Tensor firstMoment,
                                  Tensor secondMoment) {
        Checks.notNull("config", config);
        Checks.positive("step", step);
        checkPair(params, grads);
        state(firstMoment, "firstMoment", params);
        state(secondMoment, "secondMoment", params);
    }

    private static void checkPair(Tensor params, Tensor grads) {
        Checks.notNull("params", params);
        if (params.size() == 0) {
            throw new IllegalArgumentException("params must not be empty, got shape " + params.shape());
        }
        Checks.shape("grads", grads, params.shape());
        NativeLibrary.ensureLoaded();
    }

    private static Tensor state(Tensor state, String name, Tensor params) {
        return Checks.shape(name, state, params.shape());
    }
}
