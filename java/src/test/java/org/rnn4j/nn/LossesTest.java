package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** CrossEntropy and MeanSquaredError: masks, weights, finite differences (JVM), native against JVM. */
class LossesTest {
    private static final int T = 3;
    private static final int N = 2;
    private static final int C = 4;
    private static final long[] TARGETS = {0, 3, 1, 2, 2, 0};   // [T, N]
    private static final int[] LENGTHS = {3, 1};

    @Test
    void crossEntropyMasksPaddingAndMatchesFiniteDifferences() {
        Random random = new Random(1);
        try (TensorScope scope = TensorScope.open()) {
            Tensor logits = Tensor.of(GradientCheck.random(random, T * N * C, 2), T, N, C);
            Tensor mask = Masks.steps(T, LENGTHS);
            CrossEntropy loss = new CrossEntropy(Kernels.of(Backend.JVM));
            CrossEntropy.Pass pass = loss.forward(logits, TARGETS, mask);
            assertEquals(4.0, pass.loss().weight(), "four real steps");
            float[] grad = loss.backward(pass).toFloatArray();
            for (int c = 0; c < C; c++) {
                assertEquals(0f, grad[(1 * N + 1) * C + c], "padded step (t=1, n=1) gets no gradient");
            }
            GradientCheck.check("dLogits", logits, grad, () -> loss.forward(logits, TARGETS, mask).loss().mean(), T * N * C, random);

            CrossEntropy nat = new CrossEntropy(Kernels.of(Backend.NATIVE));
            CrossEntropy.Pass pn = nat.forward(logits, TARGETS, mask);
            assertEquals(pass.loss().mean(), pn.loss().mean(), 1e-6);
            GradientCheck.assertClose("native dLogits", grad, nat.backward(pn).toFloatArray(), 1e-6);
        }
    }

    @Test
    void meanSquaredErrorMatchesFiniteDifferences() {
        Random random = new Random(2);
        try (TensorScope scope = TensorScope.open()) {
            Tensor prediction = Tensor.of(GradientCheck.random(random, T * N * 2, 1), T, N, 2);
            Tensor target = Tensor.of(GradientCheck.random(random, T * N * 2, 1), T, N, 2);
            Tensor mask = Masks.steps(T, LENGTHS);
            MeanSquaredError loss = new MeanSquaredError(Kernels.of(Backend.JVM));
            MeanSquaredError.Pass pass = loss.forward(prediction, target, mask);
            float[] grad = loss.backward(pass).toFloatArray();
            GradientCheck.check("dPrediction", prediction, grad,
                    () -> loss.forward(prediction, target, mask).loss().mean(), T * N * 2, random);

            MeanSquaredError nat = new MeanSquaredError(Kernels.of(Backend.NATIVE));
            MeanSquaredError.Pass pn = nat.forward(prediction, target, mask);
            assertEquals(pass.loss().mean(), pn.loss().mean(), 1e-6);
            GradientCheck.assertClose("native dPrediction", grad, nat.backward(pn).toFloatArray(), 1e-6);
        }
    }

    @Test
    void lossValuesCombineIntoTheJointMean() {
        LossValue joint = new LossValue(1.0, 3).plus(new LossValue(3.0, 1)).plus(LossValue.NONE);
        assertEquals(1.5, joint.mean(), 1e-12);
        assertEquals(4, joint.weight());
    }
}
