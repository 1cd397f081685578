package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Dropout between stacked layers: native (masks applied in C++ between per-layer primitives) against
 * the pure-JVM engine (FastRnn with the same masks), forward and backward, fixed
 * and variable lengths. Tolerance: {@link Oracle#TOLERANCE}.
 */
class DropoutBetweenLayersTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(CellKind.LSTM, Direction.LEFT_TO_RIGHT, 3, false),
                Arguments.of(CellKind.LSTM, Direction.LEFT_TO_RIGHT, 3, true),
                Arguments.of(CellKind.GRU, Direction.BIDIRECTIONAL_CONCAT, 2, false),
                Arguments.of(CellKind.LBR_GRU, Direction.BIDIRECTIONAL_CONCAT, 2, true),
                Arguments.of(CellKind.RNN_TANH, Direction.BIDIRECTIONAL_SUM, 2, true),
                Arguments.of(CellKind.RNN_RELU, Direction.RIGHT_TO_LEFT, 2, false));
    }

    @ParameterizedTest(name = "{0} {1} layers={2} variableLengths={3}")
    @MethodSource("cases")
    void nativeMatchesJvm(CellKind cell, Direction direction, int layers, boolean variable) {
        RnnConfig config = RnnConfig.builder(cell, 3, 5).direction(direction).layers(layers).dropout(0.4).build();
        int steps = 6, batch = 4;
        int[] lengths = variable ? new int[] {6, 2, 4, 1} : null;
        Random random = new Random(11);
        double[] x = Oracle.random(random, steps * batch * 3L, 1);
        double[] dy = Oracle.random(random, (long) steps * batch * config.outputWidth(), 1);
        try (TensorScope scope = TensorScope.open(); NativeRnn nat = new NativeRnn(config); JvmRnn jvm = new JvmRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 5);
            nat.seed(99);
            jvm.seed(99);
            Tensor input = Oracle.tensor(x, steps, batch, 3);
            Tensor dOut = Oracle.tensor(dy, steps, batch, config.outputWidth());
            for (int pass = 0; pass < 2; pass++) {  // the second pass uses the next seed of the stream
                RnnForward a = nat.forward(Propagation.TRAINING, weights, input, lengths, null);
                RnnForward b = jvm.forward(Propagation.TRAINING, weights, input, lengths, null);
                Oracle.assertClose("output", a.output(), Oracle.toDouble(b.output().toFloatArray()));
                Oracle.assertClose("h_n", a.finalState().h(), Oracle.toDouble(b.finalState().h().toFloatArray()));
                RnnWeights ga = RnnWeights.zeros(config), gb = RnnWeights.zeros(config);
                RnnBackward da = nat.backward(a, dOut, null, ga, GradientMode.OVERWRITE);
                RnnBackward db = jvm.backward(b, dOut, null, gb, GradientMode.OVERWRITE);
                Oracle.assertClose("dx", da.inputGradient(), Oracle.toDouble(db.inputGradient().toFloatArray()));
                Oracle.assertClose("dh0", da.initialStateGradient().h(),
                        Oracle.toDouble(db.initialStateGradient().h().toFloatArray()));
                Oracle.assertClose("weight gradients", Oracle.flatten(ga), Oracle.flatten(gb));
            }
        }
    }

    @Test
    void masksAreSeededAndInferenceHasNone() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 4, 8).layers(2).dropout(0.5).build();
        RnnConfig plain = config.toBuilder().dropout(0).build();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config);
             NativeRnn noDropout = new NativeRnn(plain)) {
            RnnWeights weights = RnnWeights.uniform(config, 3);
            RnnWeights plainWeights = RnnWeights.zeros(plain);
            plainWeights.weightsLayer().copyFrom(weights.weightsLayer());
            plainWeights.weightsIter().copyFrom(weights.weightsIter());
            plainWeights.bias().copyFrom(weights.bias());
            Tensor input = Oracle.tensor(Oracle.random(new Random(1), 5 * 2 * 4, 1), 5, 2, 4);
            float[] inference = rnn.forward(Propagation.INFERENCE, weights, input, null).output().toFloatArray();
            assertArrayEquals(noDropout.forward(Propagation.INFERENCE, plainWeights, input, null).output().toFloatArray(),
                    inference, "inference applies no dropout");
            rnn.seed(7);
            float[] first = rnn.forward(Propagation.TRAINING, weights, input, null).output().toFloatArray();
            float[] second = rnn.forward(Propagation.TRAINING, weights, input, null).output().toFloatArray();
            rnn.seed(7);
            float[] again = rnn.forward(Propagation.TRAINING, weights, input, null).output().toFloatArray();
            assertArrayEquals(first, again, "the same seed gives the same masks");
            assertFalse(Arrays.equals(first, second), "the next forward gets new masks");
            assertFalse(Arrays.equals(first, inference), "training applies dropout");
        }
    }

    @Test
    void dropoutOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> RnnConfig.builder(CellKind.GRU, 2, 3).layers(2).dropout(1.0).build());
        assertThrows(IllegalArgumentException.class,
                () -> RnnConfig.builder(CellKind.GRU, 2, 3).layers(2).dropout(Double.NaN).build());
    }
}
