package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Linear: backward against finite differences on the JVM backend; native against JVM. */
class LinearTest {
    private static final int K = 5;
    private static final int O = 4;

    @Test
    void backwardMatchesFiniteDifferences() {
        Random random = new Random(3);
        try (TensorScope scope = TensorScope.open();
             Linear linear = new Linear("head", K, O, Kernels.of(Backend.JVM), 11)) {
            Tensor x = Tensor.of(GradientCheck.random(random, 3 * 2 * K, 1), 3, 2, K);    // [T, N, K]
            float[] r = GradientCheck.random(random, 3 * 2 * O, 1);                       // dL/dy
            Linear.Pass pass = linear.forward(x);
            Tensor dx = linear.backward(pass, Tensor.of(r, 3, 2, O));
            GradientCheck.check("dx", x, dx.toFloatArray(), () -> GradientCheck.dot(r, linear.forward(x).output()), 100, random);
            for (Parameter p : linear.parameters()) {
                GradientCheck.check(p.name(), p.value(), p.gradient().toFloatArray(),
                        () -> GradientCheck.dot(r, linear.forward(x).output()), 100, random);
            }
        }
    }

    @Test
    void nativeMatchesJvm() {
        Random random = new Random(4);
        try (TensorScope scope = TensorScope.open();
             Linear jvm = new Linear("head", K, O, Kernels.of(Backend.JVM), 12);
             Linear nat = new Linear("head", K, O, Kernels.of(Backend.NATIVE), 12)) {
            Tensor x = Tensor.of(GradientCheck.random(random, 6 * K, 1), 6, K);            // [M, K]
            Tensor dy = Tensor.of(GradientCheck.random(random, 6 * O, 1), 6, O);           // [M, O]
            Linear.Pass pj = jvm.forward(x);
            Linear.Pass pn = nat.forward(x);
            GradientCheck.assertClose("y", pj.output().toFloatArray(), pn.output().toFloatArray(), 1e-6);
            GradientCheck.assertClose("dx", jvm.backward(pj, dy).toFloatArray(), nat.backward(pn, dy).toFloatArray(),
                    1e-6);
            List<Parameter> pjs = jvm.parameters(), pns = nat.parameters();
            for (int i = 0; i < pjs.size(); i++) {
                assertEquals(pjs.get(i).name(), pns.get(i).name());
                GradientCheck.assertClose(pjs.get(i).name(), pjs.get(i).gradient().toFloatArray(),
                        pns.get(i).gradient().toFloatArray(), 1e-6);
            }
        }
    }

    /** head.weight is [O, K] as in PyTorch: y[o] = Σ_k weight[o, k] · x[k] + bias[o], on both backends. */
    @Test
    void weightIsOutByIn() {
        for (Backend backend : Backend.values()) {
            try (TensorScope scope = TensorScope.open();
                 Linear linear = new Linear("head", 3, 2, Kernels.of(backend), 1)) {
                linear.parameters().get(0).value().copyFrom(new float[] {1, 2, 3, 4, 5, 6});  // [O = 2, K = 3]
                linear.parameters().get(1).value().copyFrom(new float[] {0.5f, -1});          // [O]
                float[] y = linear.forward(Tensor.of(new float[] {1, 10, 100}, 1, 3)).output().toFloatArray();
                assertEquals(321.5f, y[0], backend + " y[0]");
                assertEquals(653f, y[1], backend + " y[1]");
            }
        }
    }

    @Test
    void namesAndShapes() {
        try (TensorScope scope = TensorScope.open();
             Linear linear = new Linear("head", K, O, Kernels.of(Backend.JVM), 1)) {
            assertEquals("head.weight", linear.parameters().get(0).name());
            assertEquals(Shape.of(O, K), linear.parameters().get(0).shape());
            assertEquals("head.bias", linear.parameters().get(1).name());
        }
    }
}
