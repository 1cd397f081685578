package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Embedding: backward against finite differences on the JVM backend; native against JVM. */
class EmbeddingTest {
    private static final int V = 6;
    private static final int E = 3;
    private static final long[] IDS = {0, 5, 2, 2, 1, 5};   // [T = 3, N = 2], repeats accumulate

    @Test
    void backwardMatchesFiniteDifferences() {
        Random random = new Random(5);
        try (TensorScope scope = TensorScope.open();
             Embedding embedding = new Embedding("embedding", V, E, Kernels.of(Backend.JVM), 1)) {
            float[] r = GradientCheck.random(random, IDS.length * E, 1);
            Embedding.Pass pass = embedding.forward(IDS, 3, 2);
            assertEquals(Shape.of(3, 2, E), pass.output().shape());
            embedding.backward(pass, Tensor.of(r, 3, 2, E));
            Parameter weight = embedding.parameters().get(0);
            GradientCheck.check("embedding.weight", weight.value(), weight.gradient().toFloatArray(),
                    () -> GradientCheck.dot(r, embedding.forward(IDS, 3, 2).output()), V * E, random);
        }
    }

    @Test
    void nativeMatchesJvm() {
        Random random = new Random(6);
        try (TensorScope scope = TensorScope.open();
             Embedding jvm = new Embedding("e", V, E, Kernels.of(Backend.JVM), 2);
             Embedding nat = new Embedding("e", V, E, Kernels.of(Backend.NATIVE), 2)) {
            Tensor dOut = Tensor.of(GradientCheck.random(random, IDS.length * E, 1), 3, 2, E);
            Embedding.Pass pj = jvm.forward(IDS, 3, 2);
            Embedding.Pass pn = nat.forward(IDS, 3, 2);
            GradientCheck.assertClose("output", pj.output().toFloatArray(), pn.output().toFloatArray(), 0);
            jvm.backward(pj, dOut);
            nat.backward(pn, dOut);
            GradientCheck.assertClose("gradient", jvm.parameters().get(0).gradient().toFloatArray(),
                    nat.parameters().get(0).gradient().toFloatArray(), 1e-6);
        }
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        try (TensorScope scope = TensorScope.open();
             Embedding embedding = new Embedding("e", V, E, Kernels.of(Backend.JVM), 2)) {
            assertThrows(IllegalArgumentException.class, () -> embedding.forward(new long[] {V}));
        }
    }
}
