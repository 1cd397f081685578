package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Sequential chains the blocks' backwards: every parameter's and the input's gradient match finite differences. */
class SequentialTest {
    private static final int[] LENGTHS = {4, 2, 3};   // N = 3 sequences of up to T = 4 steps

    /** ids → embedding → GRU → bidirectional LSTM (another spec) → final state → linear. */
    private static Sequential textNetwork(Backend backend) {
        Kernels kernels = Kernels.of(backend);
        RecurrentSpec second = Recurrent.lstm(3).bidirectional();
        return Sequential.of(
                new Embedding("embedding", 7, 3, kernels, 1),                        // [T, N] → [T, N, 3]
                new RecurrentBlock("rnn1", Recurrent.gru(4), 3, backend, 2),         // → [T, N, 4]
                new RecurrentBlock("rnn2", second, 4, backend, 3),                   // → [T, N, 6]
                new FinalState(second.toConfig(4)),                                  // → [N, 6]
                new Dropout(0, kernels),                                             // → [N, 6]
                new Linear("head", 6, 2, kernels, 4));                               // → [N, 2]
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void chainedBackwardMatchesFiniteDifferencesForEveryParameter(Backend backend) {
        Random random = new Random(11);
        try (TensorScope scope = TensorScope.open(); Sequential network = textNetwork(backend)) {
            Tensor ids = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 0, 0, 1, 2, 0, 0}, 4, 3);   // [T, N]
            SequenceContext context = SequenceContext.training(LENGTHS);
            float[] r = GradientCheck.random(random, 3 * 2, 1);                             // dL/dy [N, 2]
            Parameters.zeroGradients(network.parameters());
            Sequential.Pass pass = network.forward(ids, context);
            assertNull(network.backward(pass, Tensor.of(r, 3, 2)), "ids have no gradient");
            for (Parameter p : network.parameters()) {
                GradientCheck.check(p.name(), p.value(), p.gradient().toFloatArray(),
                        () -> GradientCheck.dot(r, network.forward(ids, context).output()), 8, random);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void chainedBackwardMatchesFiniteDifferencesForTheInput(Backend backend) {
        Random random = new Random(12);
        Kernels kernels = Kernels.of(backend);
        try (TensorScope scope = TensorScope.open();
             Sequential network = Sequential.of(
                     new RecurrentBlock("rnn", Recurrent.rnn(4).layers(2), 2, backend, 5),    // [T, N, 2] → [T, N, 4]
                     new MeanPooling(),                                                     // → [N, 4]
                     new Linear("head", 4, 3, kernels, 6))) {                               // → [N, 3]
            Tensor x = Tensor.of(GradientCheck.random(random, 4 * 3 * 2, 1), 4, 3, 2);
            SequenceContext context = SequenceContext.training(LENGTHS);
            float[] r = GradientCheck.random(random, 3 * 3, 1);
            Parameters.zeroGradients(network.parameters());
            Tensor dx = network.backward(network.forward(x, context), Tensor.of(r, 3, 3));  // [T, N, 2]
            GradientCheck.check("x", x, dx.toFloatArray(),
                    () -> GradientCheck.dot(r, network.forward(x, context).output()), 24, random);
            Parameter w = network.parameters().get(0);
            GradientCheck.check(w.name(), w.value(), w.gradient().toFloatArray(),
                    () -> GradientCheck.dot(r, network.forward(x, context).output()), 8, random);
        }
    }

    @Test
    void streamStepsEqualTheWholeSequenceForward() {
        Kernels kernels = Kernels.of(Backend.JVM);
        try (TensorScope scope = TensorScope.open();
             Sequential network = Sequential.of(
                     new Embedding("embedding", 5, 3, kernels, 1),
                     new RecurrentBlock("rnn", Recurrent.lstm(4).layers(2), 3, Backend.JVM, 2),
                     new MeanPooling(),
                     new Linear("head", 4, 2, kernels, 3))) {
            Tensor ids = Tensor.of(new float[] {1, 4, 2, 3, 0, 1}, 3, 2);                 // [T = 3, N = 2]
            try (BlockStream stream = network.stream(2)) {
                for (int t = 0; t < 3; t++) {
                    float[] stepped = stream.step(ids.steps(t, t + 1)).toFloatArray();      // [N, 2]
                    float[] whole = network.forward(ids.steps(0, t + 1), SequenceContext.inference(null)).output()
                            .toFloatArray();
                    GradientCheck.assertClose("step " + t, whole, stepped, 1e-5);
                }
                stream.reset(1);
                float[] afterReset = stream.step(ids.steps(0, 1)).toFloatArray();
                float[] fresh = network.forward(ids.steps(0, 1), SequenceContext.inference(null)).output().toFloatArray();
                assertEquals(fresh[2], afterReset[2], 1e-5, "stream 1 starts again");
                assertEquals(fresh[3], afterReset[3], 1e-5, "stream 1 starts again");
            }
        }
    }

    @Test
    void aForwardGivesEachRecurrentBlocksFinalStateAndStartsItFromTheContext() {
        Kernels kernels = Kernels.of(Backend.JVM);
        try (TensorScope scope = TensorScope.open();
             Sequential network = Sequential.of(
                     Sequential.of(new RecurrentBlock("inner", Recurrent.gru(3), 2, Backend.JVM, 1)),
                     new Linear("head", 3, 1, kernels, 2))) {
            Tensor x = Tensor.of(GradientCheck.random(new Random(1), 2 * 2 * 2, 1), 2, 2, 2);     // [T, N, 2]
            Sequential.Pass fromZeros = network.forward(x, SequenceContext.inference(null));
            RnnState state = fromZeros.finalState("inner");                        // h [1, 1, N, 3]
            assertEquals(2 * 3, state.h().size());
            assertThrows(IllegalArgumentException.class, () -> fromZeros.finalState("head"));
            Sequential.Pass carried = network.forward(x.steps(1, 2),
                    SequenceContext.inference(null).withInitialState("inner", network.forward(x.steps(0, 1),
                            SequenceContext.inference(null)).finalState("inner")));
            GradientCheck.assertClose("step 1 from the carried state", fromZeros.output().steps(1, 2).toFloatArray(),
                    carried.output().toFloatArray(), 1e-5);
        }
    }

    @Test
    void namesMustBeUniqueAndIdsMustComeFirst() {
        Kernels kernels = Kernels.of(Backend.JVM);
        try (TensorScope scope = TensorScope.open()) {
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> Sequential.of(
                    new Linear("head", 2, 2, kernels, 1), new Linear("head", 2, 2, kernels, 2)));
            assertTrue(twice.getMessage().contains("head.weight"), twice.getMessage());
            try (Sequential network = Sequential.of(new Dropout(0, kernels),
                    new Embedding("embedding", 3, 2, kernels, 1))) {
                Sequential.Pass pass = network.forward(Tensor.of(new float[] {0, 1}, 2, 1),
                        SequenceContext.training(null));
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> network.backward(pass, Tensor.zeros(2, 1, 2)));
                assertTrue(e.getMessage().contains("embedding"), e.getMessage());
            }
            IllegalArgumentException notWhole = assertThrows(IllegalArgumentException.class,
                    () -> new Embedding("embedding", 3, 2, kernels, 1).forward(Tensor.of(new float[] {0.5f}, 1, 1),
                            SequenceContext.inference(null)));
            assertTrue(notWhole.getMessage().contains("whole number"), notWhole.getMessage());
        }
    }

    @Test
    void seedingTheNetworkSeedsEachDropoutReproducibly() {
        Kernels kernels = Kernels.of(Backend.JVM);
        try (TensorScope scope = TensorScope.open();
             Sequential network = Sequential.of(new Dropout(0.5, kernels), new Dropout(0.5, kernels))) {
            Tensor x = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, 8);
            network.seed(3);
            float[] first = network.forward(x, SequenceContext.training(null)).output().toFloatArray();
            network.seed(3);
            assertArrayEquals(first, network.forward(x, SequenceContext.training(null)).output().toFloatArray());
        }
    }
}
