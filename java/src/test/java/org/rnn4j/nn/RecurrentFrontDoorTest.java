package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.infer.StatefulRnn;
import org.rnn4j.interop.RecurrentLayout;
import org.rnn4j.interop.SequenceLayout;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Recurrent as a user meets it: forward(x) and its defaults, options (lengths, initial state, batch-first,
 * inference), backward requests, parameters that equal the engine on converted weights and can never go
 * stale, whichever public path writes them.
 */
class RecurrentFrontDoorTest {
    private static final int T = 4;
    private static final int N = 3;
    private static final int I = 2;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void layerEqualsTheEngineOnConvertedWeights(Backend backend) {
        Random random = new Random(3);
        RnnConfig config = Recurrent.lstm(5).layers(2).bidirectional().projection(3).toConfig(I);
        int[] lengths = {4, 1, 3};
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, backend, 4);
             RnnEngine engine = RnnEngines.create(config, backend)) {
            Tensor x = Tensor.of(GradientCheck.random(random, T * N * I, 1), T, N, I);
            Tensor dy = Tensor.of(GradientCheck.random(random, T * N * config.outputWidth(), 1), T, N,
                    config.outputWidth());
            RnnWeights weights = RnnWeights.zeros(config);
            RecurrentLayout.toEngine(values(rnn), weights);
            RnnForward expected = engine.forward(Propagation.TRAINING, weights, x, lengths, null);
            RnnWeights grads = RnnWeights.zeros(config);
            engine.backward(expected, dy, null, grads, GradientMode.OVERWRITE);
            Map<String, float[]> expectedGrads = RecurrentLayout.gradientsFromEngine(grads);

            Recurrent.Pass pass = rnn.forward(x, RecurrentOptions.training().lengths(lengths));
            assertArrayEquals(expected.output().toFloatArray(), pass.output().toFloatArray(), "output");
            assertArrayEquals(expected.finalState().h().toFloatArray(), pass.finalState().h().toFloatArray(), "h_n");
            rnn.backward(pass, dy);
            for (Parameter p : rnn.parameters()) {
                String local = p.name().substring("rnn.".length());
                assertArrayEquals(expectedGrads.get(local), p.gradient().toFloatArray(), p.name());
            }
            rnn.backward(rnn.forward(x, RecurrentOptions.training().lengths(lengths)), dy);
            for (Parameter p : rnn.parameters()) {
                float[] twice = expectedGrads.get(p.name().substring("rnn.".length())).clone();
                for (int i = 0; i < twice.length; i++) {
                    twice[i] *= 2;
                }
                GradientCheck.assertClose(p.name() + " after two backwards", twice, p.gradient().toFloatArray(), 1e-6);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void weightsWrittenThroughEveryPublicPathAreUsedAtOnce(Backend backend) {
        RnnConfig config = Recurrent.gru(4).toConfig(I);
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, backend, 1);
             Recurrent other = new Recurrent("rnn", config, backend, 2)) {
            Tensor x = Tensor.of(GradientCheck.random(new Random(1), T * N * I, 1), T, N, I);
            float[] before = rnn.forward(x, RecurrentOptions.inference()).output().toFloatArray();
            float[] target = other.forward(x, RecurrentOptions.inference()).output().toFloatArray();
            assertFalse(Arrays.equals(before, target), "different seeds, different outputs");
            for (Parameter p : rnn.parameters()) {
                p.value().copyFrom(other.parameter(p.name().substring(4)).value());                 // copyFrom
            }
            assertArrayEquals(target, rnn.forward(x, RecurrentOptions.inference()).output().toFloatArray(), "copyFrom");
            Tensor bias = rnn.parameter("bias_hh_l0").value();
            bias.set(5, bias.get(5) + 0.5f);                                                         // set
            float[] nudged = rnn.forward(x, RecurrentOptions.inference()).output().toFloatArray();
            assertFalse(Arrays.equals(target, nudged), "set");
            rnn.parameter("weight_hh_l0").value().fillZero();                                        // fillZero
            rnn.parameter("weight_ih_l0").value().fillZero();
            rnn.parameter("bias_ih_l0").value().fillZero();
            bias.fillZero();
            float[] zero = rnn.forward(x, RecurrentOptions.inference()).output().toFloatArray();
            assertArrayEquals(new float[zero.length], zero, "fillZero: an all-zero GRU keeps h = z·h + (1−z)·0 = 0");
        }
    }

    @Test
    void streamsFollowWeightsWrittenAfterTheyOpened() {
        RnnConfig config = Recurrent.lstm(3).toConfig(I);
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, Backend.JVM, 1);
             StatefulRnn stream = rnn.stateful(1)) {
            float[] input = {0.5f, -1f};
            float[] first = stream.step(input);
            stream.reset();
            for (Parameter p : rnn.parameters()) {
                p.value().fillZero();
            }
            float[] second = stream.step(input);
            assertFalse(Arrays.equals(first, second), "the stream ran the old weights");
            assertArrayEquals(new float[3], second, "an all-zero LSTM outputs o · tanh(c) = 0.5 · tanh(0) = 0");
        }
    }

    @Test
    void forwardOfXAloneIsATrainingPassFromZerosOverAllSteps() {
        Random random = new Random(5);
        RnnConfig config = Recurrent.lstm(3).layers(2).toConfig(I);
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, Backend.JVM, 7)) {
            Tensor x = Tensor.of(GradientCheck.random(random, T * N * I, 1), T, N, I);
            Recurrent.Pass plain = rnn.forward(x);
            Recurrent.Pass explicit = rnn.forward(x, RecurrentOptions.training().initial(RnnState.zeros(config, N))
                    .lengths(new int[] {T, T, T}).layout(SequenceLayout.TNC));
            assertArrayEquals(explicit.output().toFloatArray(), plain.output().toFloatArray());
            assertArrayEquals(explicit.finalState().c().toFloatArray(), plain.finalState().c().toFloatArray());
            assertEquals(SequenceLayout.TNC, plain.layout());
            Recurrent.InputGradients d = rnn.backward(plain, OutputGradients.finalState(RnnState.zeros(config, N)));
            assertArrayEquals(new float[T * N * I], d.inputGradient().toFloatArray(), "zero gradients in, zero out");

            Recurrent.Pass inference = rnn.forward(x, RecurrentOptions.inference());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rnn.backward(inference, Tensor.zeros(T, N, 3)));
            assertEquals("backward needs a TRAINING forward, got INFERENCE", e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void batchFirstIsTimeMajorTransposed(Backend backend) {
        Random random = new Random(8);
        RnnConfig config = Recurrent.gru(3).layers(2).direction(Direction.BIDIRECTIONAL_CONCAT).toConfig(I);
        int[] lengths = {2, 4, 3};
        try (TensorScope scope = TensorScope.open();
             Recurrent tnc = new Recurrent("rnn", config, backend, 3);
             Recurrent ntc = new Recurrent("rnn", config, backend, 3)) {
            float[] xTnc = GradientCheck.random(random, T * N * I, 1);
            float[] dyTnc = GradientCheck.random(random, T * N * config.outputWidth(), 1);
            Recurrent.Pass a = tnc.forward(Tensor.of(xTnc, T, N, I), RecurrentOptions.training().lengths(lengths));
            Recurrent.InputGradients da = tnc.backward(a, Tensor.of(dyTnc, T, N, config.outputWidth()));

            Tensor xNtc = Tensor.of(SequenceLayout.NTC.fromTnc(xTnc, T, N, I), N, T, I);
            Recurrent.Pass b = ntc.forward(xNtc, RecurrentOptions.training().lengths(lengths).batchFirst());
            assertArrayEquals(new long[] {N, T, config.outputWidth()}, b.output().shape().dims());
            assertArrayEquals(SequenceLayout.NTC.fromTnc(a.output().toFloatArray(), T, N, config.outputWidth()),
                    b.output().toFloatArray(), "output [N, T, O]");
            assertArrayEquals(a.finalState().h().toFloatArray(), b.finalState().h().toFloatArray(), "h_n as it was");
            Recurrent.InputGradients db = ntc.backward(b, Tensor.of(
                    SequenceLayout.NTC.fromTnc(dyTnc, T, N, config.outputWidth()), N, T, config.outputWidth()));
            assertArrayEquals(new long[] {N, T, I}, db.inputGradient().shape().dims());
            assertArrayEquals(SequenceLayout.NTC.fromTnc(da.inputGradient().toFloatArray(), T, N, I),
                    db.inputGradient().toFloatArray(), "dx [N, T, I]");
            for (int i = 0; i < tnc.parameters().size(); i++) {
                assertArrayEquals(tnc.parameters().get(i).gradient().toFloatArray(),
                        ntc.parameters().get(i).gradient().toFloatArray(), tnc.parameters().get(i).name());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ntc.forward(Tensor.zeros(N, I), RecurrentOptions.training().batchFirst()));
            assertEquals("x must have rank 3 ([N, T, C]), got [3, 2]", e.getMessage());
        }
    }

    @Test
    void optionsAreImmutableAndCheckTheirArguments() {
        int[] lengths = {3, 1};
        RecurrentOptions base = RecurrentOptions.training();
        RecurrentOptions withLengths = base.lengths(lengths);
        lengths[0] = 9;
        assertEquals(3, withLengths.lengths().orElseThrow()[0], "a copy");
        assertTrue(base.lengths().isEmpty(), "the original is unchanged");
        assertEquals(Propagation.TRAINING, base.propagation());
        assertEquals(Propagation.INFERENCE, RecurrentOptions.inference().propagation());
        assertEquals(SequenceLayout.NTC, base.batchFirst().layout());
        assertEquals(SequenceLayout.TNC, base.layout());
        assertThrows(NullPointerException.class, () -> base.initial(null));
        assertThrows(NullPointerException.class, () -> base.lengths(null));
        assertThrows(NullPointerException.class, () -> OutputGradients.output(null));
        assertTrue(OutputGradients.output(Tensor.zeros(1)).finalStateGradient().isEmpty());
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = Recurrent.rnn(2).create(1, Backend.JVM, 0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rnn.forward(Tensor.zeros(2, 2, 1), RecurrentOptions.training().lengths(new int[] {2, 2, 2})));
            assertEquals("lengths must have length N = 2, got 3", e.getMessage());
            assertEquals("rnn", rnn.name());
            assertNull(rnn.forward(Tensor.zeros(2, 2, 1)).finalState().c());
        }
    }

    @Test
    void theClassExampleRuns() {
        try (TensorScope scope = TensorScope.open();
             Recurrent lstm = Recurrent.lstm(20).layers(2).bidirectional().create(10)) {
            Tensor x = Tensor.zeros(5, 3, 10);                                          // [T, N, I]
            Recurrent.Pass pass = lstm.forward(x);
            assertArrayEquals(new long[] {5, 3, 40}, pass.output().shape().dims());
            assertArrayEquals(new long[] {2, 2, 3, 20}, pass.finalState().c().shape().dims());
            Recurrent.InputGradients d = lstm.backward(pass, Tensor.zeros(5, 3, 40));
            assertArrayEquals(new long[] {5, 3, 10}, d.inputGradient().shape().dims());
            assertArrayEquals(new long[] {80, 40}, lstm.parameter("weight_ih_l1_reverse").value().shape().dims());
            Tensor xb = Tensor.zeros(3, 5, 10);                                         // [N, T, I]
            Tensor yb = lstm.forward(xb, RecurrentOptions.inference().batchFirst()
                    .lengths(new int[] {5, 4, 2})).output();
            assertArrayEquals(new long[] {3, 5, 40}, yb.shape().dims());
            float[] y = yb.toFloatArray();
            for (int j = 0; j < 40; j++) {
                assertEquals(0f, y[(2 * 5 + 3) * 40 + j], "sequence 2 is 0 past its length 2");
            }
        }
    }

    private static Map<String, float[]> values(Recurrent rnn) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Parameter p : rnn.parameters()) {
            m.put(p.name().substring(rnn.name().length() + 1), p.value().toFloatArray());
        }
        return m;
    }
}
