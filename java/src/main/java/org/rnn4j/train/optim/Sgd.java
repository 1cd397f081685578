package org.rnn4j.train.optim;

import java.util.List;

import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.backend.onednn.SgdConfig;
import org.rnn4j.tensor.Tensor;

/**
 * Stochastic gradient descent, PyTorch's {@code SGD} without dampening: {@code Sgd.lr(0.1)},
 * {@code .momentum(0.9)}, {@code .nesterov(0.9)}, {@code .weightDecay(1e-4)}.
 *
 * @param learningRate finite, >= 0
 * @param momentum     in [0, 1); 0 = none
 * @param kind         classic or Nesterov (which needs momentum > 0)
 * @param weightDecay  L2 added to the gradient, >= 0
 */
public record Sgd(double learningRate, double momentum, SgdConfig.Momentum kind, double weightDecay)
        implements OptimizerConfig {

    public Sgd {
        new SgdConfig(learningRate, momentum, kind, weightDecay);
    }

    public static Sgd lr(double learningRate) {
        return new Sgd(learningRate, 0, SgdConfig.Momentum.CLASSIC, 0);
    }

    /** Classic momentum: v = m·v + g; p −= lr·v. */
    public Sgd momentum(double newMomentum) {
        return new Sgd(learningRate, newMomentum, SgdConfig.Momentum.CLASSIC, weightDecay);
    }

    /** Nesterov momentum: v = m·v + g; p −= lr·(g + m·v). */
    public Sgd nesterov(double newMomentum) {
        return new Sgd(learningRate, newMomentum, SgdConfig.Momentum.NESTEROV, weightDecay);
    }

    public Sgd weightDecay(double newWeightDecay) {
        return new Sgd(learningRate, momentum, kind, newWeightDecay);
    }

    @Override
    public List<String> stateNames() {
        return momentum > 0 ? List.of("momentum_buffer") : List.of();
    }

    @Override
    public void update(Kernels kernels, long step, double rate, Parameter parameter, List<Tensor> state) {
        kernels.sgd(new SgdConfig(rate, momentum, kind, weightDecay), parameter.value(), parameter.gradient(),
                state.isEmpty() ? null : state.get(0));
    }
}
