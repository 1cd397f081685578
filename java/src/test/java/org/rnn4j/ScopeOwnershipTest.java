package org.rnn4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.infer.StatefulRnn;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentOptions;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.optim.Optimizer;

/**
 * Long-lived objects own their memory: a layer, an optimizer, a stream or a model made (or loaded)
 * inside a {@link TensorScope} keeps working after that scope closes, with the same results as one
 * made outside any scope.
 */
class ScopeOwnershipTest {
    private static final float[] X = {0.5f, -1, 0.25f, 2, 0, -0.5f};                              // [N = 2, I = 3]

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void linearOutlivesTheScopeItWasMadeIn(Backend backend) {
        Linear linear;
        float[] before;
        try (TensorScope scope = TensorScope.open()) {
            linear = new Linear("head", 3, 2, Kernels.of(backend), 1);
            before = linear.forward(Tensor.of(X, 2, 3)).output().toFloatArray();
        }
        try (TensorScope scope = TensorScope.open(); linear) {
            assertOpen(linear.parameters());
            Linear.Pass pass = linear.forward(Tensor.of(X, 2, 3));
            assertArrayEquals(before, pass.output().toFloatArray());
            linear.backward(pass, Tensor.of(new float[] {1, 1, 1, 1}, 2, 2));
            assertNotEquals(0f, linear.parameters().get(0).gradient().toFloatArray()[0], "gradient added");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void embeddingOutlivesTheScopeItWasMadeIn(Backend backend) {
        Embedding embedding;
        float[] before;
        try (TensorScope scope = TensorScope.open()) {
            embedding = new Embedding("embedding", 5, 3, Kernels.of(backend), 2);
            before = embedding.forward(new long[] {4, 0, 2}, 3).output().toFloatArray();
        }
        try (TensorScope scope = TensorScope.open(); embedding) {
            assertOpen(embedding.parameters());
            assertArrayEquals(before, embedding.forward(new long[] {4, 0, 2}, 3).output().toFloatArray());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void optimizerOutlivesTheScopeItWasMadeIn(Backend backend) {
        try (Linear made = new Linear("head", 3, 2, Kernels.of(backend), 3);
             Linear reference = new Linear("head", 3, 2, Kernels.of(backend), 3);
             Optimizer outside = new Optimizer(Adam.lr(0.1), reference.parameters(), Kernels.of(backend))) {
            Optimizer inside;
            try (TensorScope scope = TensorScope.open()) {
                inside = new Optimizer(Adam.lr(0.1), made.parameters(), Kernels.of(backend));
                step(made, inside);
                step(reference, outside);
            }
            try (inside) {
                assertTensorsOpen(inside.state().values());
                step(made, inside);
                step(reference, outside);
                assertEquals(2, inside.steps());
                for (int i = 0; i < made.parameters().size(); i++) {
                    assertArrayEquals(reference.parameters().get(i).value().toFloatArray(),
                            made.parameters().get(i).value().toFloatArray(), made.parameters().get(i).name());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void streamOutlivesTheScopeItWasMadeIn(Backend backend) {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 4).layers(2).build();
        try (Recurrent made = new Recurrent("rnn", config, backend, 4);
             Recurrent reference = new Recurrent("rnn", config, backend, 4);
             StatefulRnn outside = reference.stateful(2)) {
            StatefulRnn inside;
            try (TensorScope scope = TensorScope.open()) {
                inside = made.stateful(2);
                assertArrayEquals(outside.step(X), inside.step(X));
            }
            try (inside) {
                assertArrayEquals(outside.step(X), inside.step(X), "the second step continues from the kept state");
                assertArrayEquals(outside.hiddenState(), inside.hiddenState());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void recurrentOutlivesTheScopeItWasMadeIn(Backend backend) {
        RnnConfig config = RnnConfig.builder(CellKind.GRU, 3, 4).build();
        Recurrent recurrent;
        float[] before;
        try (TensorScope scope = TensorScope.open()) {
            recurrent = new Recurrent("rnn", config, backend, 5);
            before = recurrent.forward(Tensor.of(X, 1, 2, 3), RecurrentOptions.inference()).output().toFloatArray();
        }
        try (TensorScope scope = TensorScope.open(); recurrent) {
            assertOpen(recurrent.parameters());
            assertArrayEquals(before, recurrent.forward(Tensor.of(X, 1, 2, 3), RecurrentOptions.inference())
                    .output().toFloatArray());
        }
    }

    @Test
    void modelMadeOrLoadedInAScopeOutlivesIt() throws IOException {
        TokenBatch batch = TokenBatch.nextToken(List.of(new int[] {1, 2, 3, 1}, new int[] {2, 3}));
        LanguageModel made;
        LanguageModel loaded;
        double loss;
        try (TensorScope scope = TensorScope.open()) {
            made = LanguageModel.builder(4).embedding(3).recurrent(Recurrent.lstm(5)).seed(6).build();
            loss = made.evaluate(batch).mean();
            made.save(dir.resolve("lm"));
            loaded = LanguageModel.load(dir.resolve("lm"));
        }
        try (TensorScope scope = TensorScope.open(); made; loaded) {
            assertOpen(made.parameters());
            assertOpen(loaded.parameters());
            assertEquals(loss, made.evaluate(batch).mean());
            assertEquals(loss, loaded.evaluate(batch).mean());
        }
    }

    private static void step(Linear linear, Optimizer optimizer) {
        try (TensorScope scope = TensorScope.open()) {
            linear.parameters().forEach(Parameter::zeroGradient);
            Linear.Pass pass = linear.forward(Tensor.of(X, 2, 3));
            linear.backward(pass, Tensor.of(new float[] {1, -1, 0.5f, 2}, 2, 2));
            optimizer.step(0.1);
        }
    }

    private static void assertOpen(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            assertFalse(p.value().isClosed() || p.gradient().isClosed(), p.name() + " is open");
        }
    }

    private static void assertTensorsOpen(Collection<Tensor> tensors) {
        for (Tensor t : tensors) {
            assertFalse(t.isClosed(), "state tensor " + t.shape() + " is open");
        }
    }
}
