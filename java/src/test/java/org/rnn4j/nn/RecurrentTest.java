package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Recurrent: backward against finite differences on the JVM backend (with lengths, an initial state
 * and a final-state gradient), for every cell, direction, peephole and projection, on the PyTorch-layout
 * parameters; native against JVM, with stacked layers, both directions and dropout.
 */
class RecurrentTest {
    private static final int T = 4;
    private static final int N = 3;
    private static final int I = 3;
    private static final int[] LENGTHS = {4, 2, 1};

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of(Recurrent.of(CellKind.LSTM, 4).layers(2)),
                Arguments.of(Recurrent.of(CellKind.LBR_GRU, 4).layers(2)),
                Arguments.of(Recurrent.of(CellKind.RNN_TANH, 4).layers(2)),
                Arguments.of(Recurrent.of(CellKind.GRU, 4).layers(2).direction(Direction.BIDIRECTIONAL_SUM)),
                Arguments.of(Recurrent.of(CellKind.RNN_SIGMOID, 4).direction(Direction.RIGHT_TO_LEFT)),
                Arguments.of(Recurrent.lstm(4).peephole().projection(2).bidirectional()),
                Arguments.of(Recurrent.gru(4).layers(2).bidirectional()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void backwardMatchesFiniteDifferences(RecurrentSpec spec) {
        Random random = new Random(spec.hashCode());
        RnnConfig config = spec.toConfig(I);
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, Backend.JVM, 9)) {
            Tensor x = Tensor.of(GradientCheck.random(random, T * N * I, 1), T, N, I);          // [T, N, I]
            RnnState h0 = RnnState.zeros(config, N);
            h0.h().copyFrom(GradientCheck.random(random, h0.h().size(), 0.5));
            float[] r = GradientCheck.random(random, T * N * config.outputWidth(), 1);          // dL/dy
            float[] rh = GradientCheck.random(random, h0.h().size(), 1);                        // dL/dhn
            RnnState dFinal = RnnState.zeros(config, N);
            dFinal.h().copyFrom(rh);
            RecurrentOptions options = RecurrentOptions.training().lengths(LENGTHS).initial(h0);
            DoubleSupplier loss = () -> {
                Recurrent.Pass p = rnn.forward(x, options.propagation(Propagation.INFERENCE));
                return GradientCheck.dot(r, p.output()) + GradientCheck.dot(rh, p.finalState().h());
            };

            Recurrent.Pass pass = rnn.forward(x, options);
            Recurrent.InputGradients back = rnn.backward(pass,
                    OutputGradients.output(Tensor.of(r, T, N, config.outputWidth())).andFinalState(dFinal));

            GradientCheck.check("dx", x, back.inputGradient().toFloatArray(), loss, 30, random);
            GradientCheck.check("dh0", h0.h(), back.initialStateGradient().h().toFloatArray(), loss, 30, random);
            for (Parameter p : rnn.parameters()) {
                GradientCheck.check(p.name(), p.value(), p.gradient().toFloatArray(), loss, 30, random);
            }
        }
    }

    @Test
    void nativeMatchesJvm() {
        Random random = new Random(21);
        RnnConfig config = Recurrent.lstm(5).layers(2).bidirectional().dropout(0.25).toConfig(I);
        try (TensorScope scope = TensorScope.open();
             Recurrent jvm = new Recurrent("rnn", config, Backend.JVM, 5);
             Recurrent nat = new Recurrent("rnn", config, Backend.NATIVE, 5)) {
            jvm.seed(77);
            nat.seed(77);
            Tensor x = Tensor.of(GradientCheck.random(random, T * N * I, 1), T, N, I);
            Tensor dy = Tensor.of(GradientCheck.random(random, T * N * config.outputWidth(), 1), T, N,
                    config.outputWidth());
            Recurrent.Pass pj = jvm.forward(x, RecurrentOptions.training().lengths(LENGTHS));
            Recurrent.Pass pn = nat.forward(x, RecurrentOptions.training().lengths(LENGTHS));
            GradientCheck.assertClose("y", pj.output().toFloatArray(), pn.output().toFloatArray(), 1e-5);
            GradientCheck.assertClose("hn", pj.finalState().h().toFloatArray(), pn.finalState().h().toFloatArray(),
                    1e-5);
            Recurrent.InputGradients bj = jvm.backward(pj, dy);
            Recurrent.InputGradients bn = nat.backward(pn, dy);
            GradientCheck.assertClose("dx", bj.inputGradient().toFloatArray(), bn.inputGradient().toFloatArray(), 1e-5);
            List<Parameter> pjs = jvm.parameters(), pns = nat.parameters();
            for (int i = 0; i < pjs.size(); i++) {
                GradientCheck.assertClose(pjs.get(i).name(), pjs.get(i).gradient().toFloatArray(),
                        pns.get(i).gradient().toFloatArray(), 1e-5);
            }
        }
    }

    @Test
    void parametersHavePyTorchsNamesAndShapes() {
        RnnConfig config = Recurrent.gru(4).layers(2).bidirectional().toConfig(I);
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("encoder", config, Backend.JVM, 1)) {
            List<String> expected = new ArrayList<>();
            for (String l : List.of("_l0", "_l0_reverse", "_l1", "_l1_reverse")) {
                for (String kind : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
                    expected.add("encoder." + kind + l);
                }
            }
            assertEquals(expected, rnn.parameters().stream().map(Parameter::name).toList());
            assertArrayEquals(new long[] {12, 3}, rnn.parameter("weight_ih_l0").shape().dims(), "[3·H, I]");
            assertArrayEquals(new long[] {12, 8}, rnn.parameter("weight_ih_l1_reverse").shape().dims(), "[3·H, 2·H]");
            assertArrayEquals(new long[] {12, 4}, rnn.parameter("weight_hh_l1").shape().dims(), "[3·H, H]");
            assertArrayEquals(new long[] {12}, rnn.parameter("bias_hh_l0_reverse").shape().dims(), "[3·H]");
            assertEquals(List.of("weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse",
                    "bias_hh_l1_reverse"), List.copyOf(rnn.weights(1, 1).keySet()));
            assertEquals(rnn.parameter("weight_hh_l1_reverse"), rnn.weights(1, 1).get("weight_hh_l1_reverse"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rnn.parameter("weights_layer"));
            assertTrue(e.getMessage().startsWith("name must be one of [weight_ih_l0, "), e.getMessage());
            assertTrue(e.getMessage().endsWith("got 'weights_layer'"), e.getMessage());
            assertEquals("direction must be in [0, 2) for BIDIRECTIONAL_CONCAT, got 2",
                    assertThrows(IllegalArgumentException.class, () -> rnn.weights(0, 2)).getMessage());
            assertEquals("layer must be in [0, 2), got -1",
                    assertThrows(IllegalArgumentException.class, () -> rnn.weights(-1, 0)).getMessage());
        }
    }

    @Test
    void peepholeProjectionAndRightToLeftNamesExtendPyTorchs() {
        try (TensorScope scope = TensorScope.open();
             Recurrent lstm = Recurrent.lstm(4).peephole().projection(2).create(I, Backend.JVM, 1);
             Recurrent rtl = Recurrent.rnn(4).direction(Direction.RIGHT_TO_LEFT).create(I, Backend.JVM, 1)) {
            assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                    "rnn.weight_hr_l0", "rnn.weight_peephole_l0"), lstm.parameters().stream().map(Parameter::name)
                    .toList());
            assertArrayEquals(new long[] {16, 2}, lstm.parameter("weight_hh_l0").shape().dims(), "[4·H, P]");
            assertArrayEquals(new long[] {2, 4}, lstm.parameter("weight_hr_l0").shape().dims(), "[P, H]");
            assertArrayEquals(new long[] {3, 4}, lstm.parameter("weight_peephole_l0").shape().dims(), "[3, H]");
            assertEquals(List.of("weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse",
                    "bias_hh_l0_reverse"), List.copyOf(rtl.weights(0, 0).keySet()));
        }
    }

    @Test
    void specIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(0));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(8).layers(0));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(8).dropout(1.0));
        assertEquals(16, Recurrent.gru(8).bidirectional().outputWidth());
        assertEquals(6, Recurrent.lstm(8).projection(3).bidirectional().outputWidth(), "2·P");
        assertEquals("projection is only defined for LSTM, got cell LBR_GRU",
                assertThrows(IllegalArgumentException.class, () -> Recurrent.gru(8).projection(2)).getMessage());
        assertEquals("projection size must be in (0, hidden size 8) or 0 for none, got 8",
                assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(8).projection(8)).getMessage());
        assertEquals("projection size must be in (0, hidden size 8) or 0 for none, got -1",
                assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(8).projection(-1)).getMessage());
        assertEquals("peephole is only defined for LSTM, got cell RNN_TANH",
                assertThrows(IllegalArgumentException.class, () -> Recurrent.rnn(8).peephole()).getMessage());
        RnnConfig config = Recurrent.lstm(8).projection(3).peephole().layers(2).toConfig(5);
        assertEquals(RnnConfig.builder(CellKind.LSTM, 5, 8).projection(3).peephole(true).layers(2).build(), config);
    }
}
