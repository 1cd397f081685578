package org.rnn4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.reference.ops.ReferenceOptimizers;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Optimizers: the native and JVM backends take the same steps from the same gradients, state tensors
 * are named as in PyTorch, a plain SGD step is p − lr·g, and configs are validated.
 */
class OptimizerTest {
    static Stream<OptimizerConfig> configs() {
        return Stream.of(Sgd.lr(0.1), Sgd.lr(0.1).momentum(0.9),
                Sgd.lr(0.1).nesterov(0.9).weightDecay(0.01), Adam.lr(0.01),
                Adam.lr(0.01).weightDecay(0.1), AdamW.lr(0.01), RmsProp.lr(0.01), RmsProp.lr(0.01).momentum(0.5));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void nativeAndJvmTakeTheSameSteps(OptimizerConfig config) {
        Random random = new Random(1);
        float[] start = random(random, 12);
        try (TensorScope scope = TensorScope.open()) {
            Parameter pn = new Parameter("w", Tensor.of(start, 3, 4), Tensor.zeros(3, 4));
            Parameter pj = new Parameter("w", Tensor.of(start, 3, 4), Tensor.zeros(3, 4));
            try (Optimizer nat = new Optimizer(config, List.of(pn), Kernels.of(Backend.NATIVE));
                 Optimizer jvm = new Optimizer(config, List.of(pj), Kernels.of(Backend.JVM))) {
                for (int step = 0; step < 5; step++) {
                    float[] g = random(random, 12);
                    pn.gradient().copyFrom(g);
                    pj.gradient().copyFrom(g);
                    nat.step(0.5 * config.learningRate());
                    jvm.step(0.5 * config.learningRate());
                }
                float[] a = pn.value().toFloatArray(), b = pj.value().toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(b[i], a[i], 1e-5, config + " element " + i);
                }
                assertEquals(5, nat.steps());
                assertEquals(config.stateNames().size(), nat.state().size());
            }
        }
    }

    @Test
    void plainSgdIsTheReferenceStep() {
        try (TensorScope scope = TensorScope.open()) {
            Parameter p = new Parameter("w", Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {0.5f, -1}, 2));
            try (Optimizer sgd = new Optimizer(Sgd.lr(0.1), List.of(p),
                    Kernels.of(Backend.NATIVE))) {
                sgd.step(0.1);
            }
            double[] expected = {1, 2};
            ReferenceOptimizers.sgd(Sgd.lr(0.1), expected, new double[] {0.5, -1}, null);
            assertEquals(expected[0], p.value().get(0), 1e-7);
            assertEquals(expected[1], p.value().get(1), 1e-7);
        }
    }

    @Test
    void stateIsNamedAsInPyTorch() {
        try (TensorScope scope = TensorScope.open()) {
            Parameter p = new Parameter("head.weight", Tensor.zeros(2), Tensor.zeros(2));
            try (Optimizer adam = new Optimizer(Adam.lr(1e-3), List.of(p), Kernels.of(Backend.JVM))) {
                assertEquals(List.of("head.weight.exp_avg", "head.weight.exp_avg_sq"), List.copyOf(adam.state().keySet()));
            }
        }
    }

    @Test
    void configsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Adam.lr(-1));
        assertThrows(IllegalArgumentException.class, () -> Adam.lr(1e-3).betas(1.0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Sgd.lr(0.1).nesterov(0));
        assertThrows(IllegalArgumentException.class, () -> RmsProp.lr(0.1).alpha(1));
        assertEquals(0.01, AdamW.lr(1e-3).weightDecay(), "PyTorch's AdamW default");
    }

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }
}
