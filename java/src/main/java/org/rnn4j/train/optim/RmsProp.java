package org.rnn4j.train.optim;

import java.util.ArrayList;
import java.util.List;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.backend.onednn.RmsPropConfig;
import org.rnn4j.tensor.Tensor;

/**
 * RMSProp, PyTorch's {@code RMSprop} (not centred): {@code RmsProp.lr(1e-3)}, {@code .alpha(0.99)},
 * {@code .momentum(0.9)}, {@code .weightDecay(..)}.
 *
 * @param learningRate finite, >= 0
 * @param alpha        squared-gradient smoothing, in [0, 1)
 * @param epsilon      added to the denominator, > 0
 * @param weightDecay  L2 added to the gradient, >= 0
 * @param momentum     in [0, 1); 0 = none
 */
public record RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum)
        implements OptimizerConfig {

    public RmsProp {
        new RmsPropConfig(learningRate, alpha, epsilon, weightDecay, momentum);
    }

    /** PyTorch's defaults: alpha 0.99, epsilon 1e-8, no weight decay, no momentum. */
    public static RmsProp lr(double learningRate) {
        return new RmsProp(learningRate, 0.99, 1e-8, 0, 0);
    }

    public RmsProp alpha(double newAlpha) {
        return new RmsProp(learningRate, newAlpha, epsilon, weightDecay, momentum);
    }

    public RmsProp epsilon(double newEpsilon) {
        return new RmsProp(learningRate, alpha, newEpsilon, weightDecay, momentum);
    }

    public RmsProp weightDecay(double newWeightDecay) {
        return new RmsProp(learningRate, alpha, epsilon, newWeightDecay, momentum);
    }

    public RmsProp momentum(double newMomentum) {
        return new RmsProp(learningRate, alpha, epsilon, weightDecay, newMomentum);
    }

    @Override
    public List<String> stateNames() {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (momentum > 0) {
            names.add("momentum_buffer");
        }
        return List.copyOf(names);
    }

    @Override
    public void update(Kernels kernels, long step, double rate, Parameter parameter, List<Tensor> state) {
        kernels.rmsProp(new RmsPropConfig(rate, alpha, epsilon, weightDecay, momentum), parameter.value(),
                parameter.gradient(), state.get(0), momentum > 0 ? state.get(1) : null);
    }
}
