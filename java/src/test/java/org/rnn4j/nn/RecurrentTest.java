package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnBackward;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Recurrent: backward against finite differences on the JVM backend (with lengths, an initial state
 * and a final-state gradient); native against JVM, with stacked layers, both directions and dropout.
 */
class RecurrentTest {
    private static final int T = 4;
    private static final int N = 3;
    private static final int I = 3;
    private static final int[] LENGTHS = {4, 2, 1};

    @ParameterizedTest
    @EnumSource(value = CellKind.class, names = {"LSTM", "LBR_GRU", "RNN_TANH"})
    void backwardMatchesFiniteDifferences(CellKind cell) {
        Random random = new Random(cell.ordinal());
        RnnConfig config = Recurrent.of(cell, 4).layers(2).toConfig(I);
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, Backend.JVM, 9)) {
            Tensor x = Tensor.of(GradientCheck.random(random, T * N * I, 1), T, N, I);          // [T, N, I]
            RnnState h0 = RnnState.zeros(config, N);
            h0.h().copyFrom(GradientCheck.random(random, h0.h().size(), 0.5));
            float[] r = GradientCheck.random(random, T * N * config.outputWidth(), 1);          // dL/dy
            float[] rh = GradientCheck.random(random, h0.h().size(), 1);                        // dL/dhn
            RnnState dFinal = RnnState.zeros(config, N);
            dFinal.h().copyFrom(rh);
            DoubleSupplier loss = () -> {
                Recurrent.Pass p = rnn.forward(x, LENGTHS, h0, Propagation.INFERENCE);
                return GradientCheck.dot(r, p.output()) + GradientCheck.dot(rh, p.finalState().h());
            };

            Recurrent.Pass pass = rnn.forward(x, LENGTHS, h0, Propagation.TRAINING);
            RnnBackward back = rnn.backward(pass, Tensor.of(r, T, N, config.outputWidth()), dFinal);

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
            Recurrent.Pass pj = jvm.forward(x, LENGTHS, null, Propagation.TRAINING);
            Recurrent.Pass pn = nat.forward(x, LENGTHS, null, Propagation.TRAINING);
            GradientCheck.assertClose("y", pj.output().toFloatArray(), pn.output().toFloatArray(), 1e-5);
            GradientCheck.assertClose("hn", pj.finalState().h().toFloatArray(), pn.finalState().h().toFloatArray(),
                    1e-5);
            RnnBackward bj = jvm.backward(pj, dy, null);
            RnnBackward bn = nat.backward(pn, dy, null);
            GradientCheck.assertClose("dx", bj.inputGradient().toFloatArray(), bn.inputGradient().toFloatArray(), 1e-5);
            List<Parameter> pjs = jvm.parameters(), pns = nat.parameters();
            for (int i = 0; i < pjs.size(); i++) {
                GradientCheck.assertClose(pjs.get(i).name(), pjs.get(i).gradient().toFloatArray(),
                        pns.get(i).gradient().toFloatArray(), 1e-5);
            }
        }
    }

    @Test
    void parametersAreNamedAfterTheOnednnTensors() {
        RnnConfig config = Recurrent.gru(4).toConfig(I);
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("encoder", config, Backend.JVM, 1)) {
            assertEquals(List.of("encoder.weights_layer", "encoder.weights_iter", "encoder.bias"),
                    rnn.parameters().stream().map(Parameter::name).toList());
        }
    }

    @Test
    void specIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(0));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(8).layers(0));
        assertThrows(IllegalArgumentException.class, () -> Recurrent.lstm(8).dropout(1.0));
        assertEquals(16, Recurrent.gru(8).bidirectional().outputWidth());
    }
}
