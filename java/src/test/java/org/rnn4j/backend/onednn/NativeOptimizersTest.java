package org.rnn4j.backend.onednn;

import static org.rnn4j.backend.onednn.Rejections.assertRejected;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.backend.TensorMemory;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.internal.AdamOptions;
import org.rnn4j.internal.SgdOptions;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.reference.ops.ReferenceOptimizers;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Native optimizer steps against hand-computed values and, over three steps with changing
 * gradients, against the double references.
 *
 * <p>Tolerance 1e-6 · max(1, |expected|): the native step runs in f32 (parameters and state of
 * order 1 carry ~1e-7 rounding per step), the references and the hand values in double.
 */
class NativeOptimizersTest {
    private static final double TOLERANCE = 1e-6;
    private static final int STEPS = 3;

    /** A native step on [params, state1, state2]. */
    interface NativeStep {
        void apply(long step, Tensor params, Tensor grads, Tensor state1, Tensor state2);
    }

    /** The reference step on the same arrays. */
    interface ReferenceStep {
        void apply(long step, double[] params, double[] grads, double[] state1, double[] state2);
    }

    /** One optimizer configuration, applied natively and by the reference. */
    record OptimizerCase(String name, NativeStep nativeStep, ReferenceStep referenceStep) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<OptimizerCase> optimizers = List.of(
                sgd("SGD", Sgd.lr(0.1)),
                sgd("SGD momentum + decay",
                        Sgd.lr(0.05).momentum(0.9).weightDecay(0.01)),
                sgd("SGD Nesterov", Sgd.lr(0.05).nesterov(0.8)),
                adam("Adam", Adam.lr(0.01)),
                adam("Adam L2", Adam.lr(0.01).weightDecay(0.1).betas(0.8, 0.99)),
                adamW("AdamW", AdamW.lr(0.01).weightDecay(0.1)),
                rmsProp("RMSProp", RmsProp.lr(0.01)),
                rmsProp("RMSProp momentum + decay",
                        RmsProp.lr(0.01).alpha(0.9).momentum(0.5).weightDecay(0.05)));
        Stream.Builder<Arguments> cases = Stream.builder();
        for (OptimizerCase optimizer : optimizers) {
            for (int size : new int[] {1, 6, 257}) {
                cases.add(Arguments.of(optimizer, size));
            }
        }
        return cases.build();
    }

    private static OptimizerCase sgd(String name, Sgd c) {
        return new OptimizerCase(name, (t, p, g, v, unused) -> NativeOptimizers.sgd(c, p, g, v),
                (t, p, g, v, unused) -> ReferenceOptimizers.sgd(c, p, g, v));
    }

    private static OptimizerCase adam(String name, Adam c) {
        return new OptimizerCase(name, (t, p, g, m, v) -> NativeOptimizers.adam(c, t, p, g, m, v),
                (t, p, g, m, v) -> ReferenceOptimizers.adam(c, t, p, g, m, v));
    }

    private static OptimizerCase adamW(String name, AdamW c) {
        return new OptimizerCase(name, (t, p, g, m, v) -> NativeOptimizers.adamW(c, t, p, g, m, v),
                (t, p, g, m, v) -> ReferenceOptimizers.adamW(c, t, p, g, m, v));
    }

    private static OptimizerCase rmsProp(String name, RmsProp c) {
        return new OptimizerCase(name, (t, p, g, s, b) -> NativeOptimizers.rmsProp(c, p, g, s, b),
                (t, p, g, s, b) -> ReferenceOptimizers.rmsProp(c, p, g, s, b));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void threeStepsMatchReference(OptimizerCase optimizer, int size) {
        Random random = new Random(size * 13L + optimizer.name().hashCode());
        float[] params = TestArrays.random(random, size, 1);
        double[] p = TestArrays.toDouble(params);
        double[] s1 = new double[size];
        double[] s2 = new double[size];
        try (TensorScope scope = TensorScope.open()) {
            Tensor pt = Tensor.of(params, size);
            Tensor s1t = Tensor.zeros(size);
            Tensor s2t = Tensor.zeros(size);
            for (long step = 1; step <= STEPS; step++) {
                float[] grads = TestArrays.random(random, size, 1);
                optimizer.nativeStep().apply(step, pt, Tensor.of(grads, size), s1t, s2t);
                optimizer.referenceStep().apply(step, p, TestArrays.toDouble(grads), s1, s2);
                TestArrays.assertClose("params after step " + step, p, pt.toFloatArray(), TOLERANCE);
            }
            TestArrays.assertClose("first state", s1, s1t.toFloatArray(), TOLERANCE);
            TestArrays.assertClose("second state", s2, s2t.toFloatArray(), TOLERANCE);
        }
    }

    /**
     * With a constant gradient g, Adam's bias-corrected moments are exactly m̂ = g and v̂ = g², so each
     * step moves p by lr · g / (|g| + ε): after 3 steps p = p0 − 3 lr g / (|g| + ε).
     */
    @Test
    void adamWithConstantGradientByHand() {
        double[] expected = {1 - 0.03 / 0.10000001, -2 + 0.06 / 0.20000001, 0.5 - 0.09 / 0.30000001};
        float[] grads = {0.1f, -0.2f, 0.3f};
        Adam config = Adam.lr(0.1);
        try (TensorScope scope = TensorScope.open()) {
            Tensor p = Tensor.of(new float[] {1, -2, 0.5f}, 3);
            Tensor m = Tensor.zeros(3);
            Tensor v = Tensor.zeros(3);
            for (long step = 1; step <= 3; step++) {
                NativeOptimizers.adam(config, step, p, Tensor.of(grads, 3), m, v);
            }
            TestArrays.assertClose("params", expected, p.toFloatArray(), TOLERANCE);
        }
    }

    /**
     * Adam on 3 elements, 3 steps, changing gradients; lr 0.1, β (0.9, 0.999), ε 1e-8. The expected
     * values come from the textbook formula run in float64 Python: m = β1 m + (1 − β1) g;
     * v = β2 v + (1 − β2) g²; p −= lr (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε).
     */
    @Test
    void adamThreeStepsByFormula() {
        float[][] grads = {{0.1f, -0.2f, 0.3f}, {-0.1f, 0.2f, 0.1f}, {0.05f, 0.05f, -0.3f}};
        double[][] expected = {
                {0.900000009999999, -1.9000000049999997, 0.4000000033333332},
                {0.90526316736842, -1.9052631626315786, 0.3128936121571956},
                {0.8877906159671408, -1.9203978007234161, 0.30805491514879363}};
        Adam config = Adam.lr(0.1);
        try (TensorScope scope = TensorScope.open()) {
            Tensor p = Tensor.of(new float[] {1, -2, 0.5f}, 3);
            Tensor m = Tensor.zeros(3);
            Tensor v = Tensor.zeros(3);
            for (int step = 1; step <= 3; step++) {
                NativeOptimizers.adam(config, step, p, Tensor.of(grads[step - 1], 3), m, v);
                TestArrays.assertClose("params after step " + step, expected[step - 1], p.toFloatArray(), TOLERANCE);
            }
            TestArrays.assertClose("m", new double[] {0.0041, 0.0068, 0.0033}, m.toFloatArray(), TOLERANCE);
            TestArrays.assertClose("v", new double[] {2.2470010e-05, 8.2380040e-05, 1.8981009e-04}, v.toFloatArray(),
                    TOLERANCE);
        }
    }

    /**
     * p0 = 1, constant g = 1, lr 0.1, momentum 0.9. Classic: v = 1, 1.9, 2.71, so p = 0.9, 0.71, 0.439.
     * Nesterov: updates g + 0.9 v = 1.9, 2.71, 3.439, so p = 0.81, 0.539, 0.1951.
     */
    @Test
    void sgdMomentumByHand() {
        double[] classic = {0.9, 0.71, 0.439};
        double[] nesterov = {0.81, 0.539, 0.1951};
        for (Sgd.Momentum kind : Sgd.Momentum.values()) {
            double[] expected = kind == Sgd.Momentum.CLASSIC ? classic : nesterov;
            try (TensorScope scope = TensorScope.open()) {
                Tensor p = Tensor.of(new float[] {1}, 1);
                Tensor velocity = Tensor.zeros(1);
                for (int step = 0; step < 3; step++) {
                    NativeOptimizers.sgd(new Sgd(0.1, 0.9, kind, 0), p, Tensor.of(new float[] {1}, 1),
                            velocity);
                    TestArrays.assertClose(kind + " step " + (step + 1), expected[step], p.get(0), TOLERANCE);
                }
            }
        }
    }

    /**
     * Zero gradient, p0 = 2, lr 0.1, weight decay 0.01. AdamW shrinks p to 2 · (1 − 0.001) = 1.998 and
     * then takes a zero Adam step; Adam with L2 sees g = 0.02 and moves by lr · g / (|g| + ε) ≈ 0.1.
     */
    @Test
    void adamWDecouplesWeightDecayByHand() {
        Adam config = Adam.lr(0.1).weightDecay(0.01);
        try (TensorScope scope = TensorScope.open()) {
            Tensor decoupled = Tensor.of(new float[] {2}, 1);
            NativeOptimizers.adamW(AdamW.lr(0.1).weightDecay(0.01), 1, decoupled, Tensor.zeros(1), Tensor.zeros(1), Tensor.zeros(1));
            TestArrays.assertClose("AdamW", 1.998, decoupled.get(0), TOLERANCE);
            Tensor l2 = Tensor.of(new float[] {2}, 1);
            NativeOptimizers.adam(config, 1, l2, Tensor.zeros(1), Tensor.zeros(1), Tensor.zeros(1));
            TestArrays.assertClose("Adam", 2 - 0.1 * 0.02 / (0.02 + 1e-8), l2.get(0), TOLERANCE);
        }
    }

    /** p0 = 1, g = 1, lr 0.01, α 0.9: s = 0.1 then 0.19, so p = 1 − 0.01/√0.1, then p −= 0.01/√0.19. */
    @Test
    void rmsPropByHand() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor p = Tensor.of(new float[] {1}, 1);
            Tensor square = Tensor.zeros(1);
            RmsProp config = RmsProp.lr(0.01).alpha(0.9);
            NativeOptimizers.rmsProp(config, p, Tensor.of(new float[] {1}, 1), square, null);
            TestArrays.assertClose("step 1", 0.9683772243983162, p.get(0), TOLERANCE);
            NativeOptimizers.rmsProp(config, p, Tensor.of(new float[] {1}, 1), square, null);
            TestArrays.assertClose("step 2", 0.9454356515375758, p.get(0), TOLERANCE);
            TestArrays.assertClose("square average", 0.19, square.get(0), TOLERANCE);
        }
    }


    @Test
    void rejectsBadTensors() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor p = Tensor.zeros(2, 3);
            Tensor g = Tensor.zeros(2, 3);
            Sgd momentum = Sgd.lr(0.1).momentum(0.9);
            assertRejected("grads must have shape [2, 3], got [3, 2]",
                    () -> NativeOptimizers.sgd(Sgd.lr(0.1), p, Tensor.zeros(3, 2), null));
            assertRejected("velocity must not be null", () -> NativeOptimizers.sgd(momentum, p, g, null));
            assertRejected("step must be > 0, got 0",
                    () -> NativeOptimizers.adam(Adam.lr(0.1), 0, p, g, Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
            assertRejected("secondMoment must have shape [2, 3], got [6]",
                    () -> NativeOptimizers.adamW(AdamW.lr(0.1), 1, p, g, Tensor.zeros(2, 3), Tensor.zeros(6)));
            assertRejected("squareAverage must not be null",
                    () -> NativeOptimizers.rmsProp(RmsProp.lr(0.1), p, g, null, null));
            assertRejected("params must not be empty, got shape [0]",
                    () -> NativeOptimizers.sgd(Sgd.lr(0.1), Tensor.zeros(0), Tensor.zeros(0), null));
            assertRejected("config must not be null", () -> NativeOptimizers.sgd(null, p, g, null));
        }
    }

    /** The native checks, reached directly through the generated JNI classes. */
    @Test
    void nativeCodeChecksItsOwnArguments() {
        NativeLibrary.ensureLoaded();
        try (TensorScope scope = TensorScope.open(); SgdOptions sgd = new SgdOptions();
             AdamOptions adam = new AdamOptions()) {
            Tensor p = Tensor.zeros(4);
            sgd.momentum(0.9);
            assertRejected("velocity must not be null ([n] = [4]; momentum is 0.9)", () -> NativeLibrary.call(
                    () -> rnn4j.sgd_step(sgd, 4, TensorMemory.read(p), TensorMemory.read(p), null)));
            sgd.momentum(0).momentum_kind(rnn4j.MomentumKind.MOMENTUM_NESTEROV);
            assertRejected("SgdOptions.momentum must be > 0 for Nesterov momentum, got 0", () -> NativeLibrary.call(
                    () -> rnn4j.sgd_step(sgd, 4, TensorMemory.read(p), TensorMemory.read(p), TensorMemory.read(p))));
            assertRejected("step must be > 0, got -1", () -> NativeLibrary.call(
                    () -> rnn4j.adam_step(adam, -1, 4, TensorMemory.read(p), TensorMemory.read(p), TensorMemory.read(p), TensorMemory.read(p))));
            assertRejected("size must be > 0, got 0", () -> NativeLibrary.call(
                    () -> rnn4j.adamw_step(adam, 1, 0, TensorMemory.read(p), TensorMemory.read(p), TensorMemory.read(p), TensorMemory.read(p))));
            assertRejected("first_moment must not be null ([n] = [4])", () -> NativeLibrary.call(
                    () -> rnn4j.adam_step(adam, 1, 4, TensorMemory.read(p), TensorMemory.read(p), null, TensorMemory.read(p))));
            adam.epsilon(-1);
            assertRejected("AdamOptions.epsilon must be finite and > 0, got -1", () -> NativeLibrary.call(
                    () -> rnn4j.adam_step(adam, 1, 4, TensorMemory.read(p), TensorMemory.read(p), TensorMemory.read(p), TensorMemory.read(p))));
        }
    }
}
