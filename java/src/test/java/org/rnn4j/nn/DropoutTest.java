package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Dropout: identity in inference, seeded masks, the same masks on both backends, backward = mask. */
class DropoutTest {
    private static final int SIZE = 400;

    @Test
    void inferencePassesThrough() {
        try (TensorScope scope = TensorScope.open()) {
            Dropout dropout = new Dropout(0.5, Kernels.of(Backend.JVM));
            Tensor x = Tensor.zeros(4, 3);
            assertSame(x, dropout.forward(x, Propagation.INFERENCE).output());
        }
    }

    @Test
    void seededMasksRepeatAndAgreeAcrossBackends() {
        Random random = new Random(7);
        try (TensorScope scope = TensorScope.open()) {
            Tensor x = Tensor.of(GradientCheck.random(random, SIZE, 1), SIZE / 4, 4);
            Dropout jvm = new Dropout(0.3, Kernels.of(Backend.JVM));
            Dropout nat = new Dropout(0.3, Kernels.of(Backend.NATIVE));
            jvm.seed(42);
            nat.seed(42);
            float[] first = jvm.forward(x, Propagation.TRAINING).output().toFloatArray();
            float[] second = jvm.forward(x, Propagation.TRAINING).output().toFloatArray();
            assertFalse(Arrays.equals(first, second), "consecutive forwards draw new masks");
            float[] nativeFirst = nat.forward(x, Propagation.TRAINING).output().toFloatArray();
            for (int i = 0; i < SIZE; i++) {
                assertEquals(first[i] == 0, nativeFirst[i] == 0, "same mask at " + i);
                assertEquals(first[i], nativeFirst[i], 1e-6, "same value at " + i);
            }
            jvm.seed(42);
            assertArrayEquals(first, jvm.forward(x, Propagation.TRAINING).output().toFloatArray());

            int dropped = 0;
            for (float v : first) {
                dropped += v == 0 ? 1 : 0;
            }
            assertEquals(0.3, dropped / (double) SIZE, 0.08, "fraction dropped");
        }
    }

    @Test
    void backwardAppliesTheForwardMask() {
        Random random = new Random(8);
        try (TensorScope scope = TensorScope.open()) {
            Dropout dropout = new Dropout(0.5, Kernels.of(Backend.NATIVE));
            dropout.seed(3);
            Tensor x = Tensor.of(GradientCheck.random(random, SIZE, 1), SIZE);
            Dropout.Pass pass = dropout.forward(x, Propagation.TRAINING);
            float[] dx = dropout.backward(pass, Tensor.of(filled(SIZE, 1f), SIZE)).toFloatArray();
            float[] y = pass.output().toFloatArray();
            float[] xv = x.toFloatArray();
            for (int i = 0; i < SIZE; i++) {
                assertEquals(y[i], xv[i] * dx[i], 1e-6, "y = x · dy/dx at " + i);
            }
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
