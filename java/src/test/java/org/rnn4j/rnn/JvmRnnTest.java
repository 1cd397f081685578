package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.reference.Forward;
import org.rnn4j.reference.Gradients;
import org.rnn4j.reference.ReferenceRnn;
import org.rnn4j.reference.RnnParams;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * The pure-JVM engine (FastRnn behind the engine API) against {@link ReferenceRnn}: tensors in and out,
 * initial and final states, variable lengths, stacked layers, both gradient modes, and inference.
 * Tolerance: {@link Oracle#TOLERANCE}.
 */
class JvmRnnTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(RnnConfig.builder(CellKind.LSTM, 3, 5).layers(2).peephole(true).projection(2).build()),
                Arguments.of(RnnConfig.builder(CellKind.GRU, 4, 3).direction(Direction.BIDIRECTIONAL_CONCAT).build()),
                Arguments.of(RnnConfig.builder(CellKind.LBR_GRU, 2, 4).direction(Direction.RIGHT_TO_LEFT).layers(3)
                        .dropout(0.3).build()),
                Arguments.of(RnnConfig.builder(CellKind.RNN_RELU, 3, 4).direction(Direction.BIDIRECTIONAL_SUM)
                        .layers(2).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingMatchesReference(RnnConfig config) {
        int steps = 5, batch = 3;
        int[] lengths = {2, 5, 4};
        Random random = new Random(config.hashCode());
        RnnParams params = Oracle.roundedRandomParams(config, 9);
        double[] x = Oracle.random(random, (long) steps * batch * config.inputSize(), 1);
        double[] h0 = Oracle.random(random, config.hiddenStateSize(batch), 0.5);
        double[] c0 = config.cell().isLstm() ? Oracle.random(random, config.cellStateSize(batch), 0.5) : null;
        double[] dy = Oracle.random(random, (long) steps * batch * config.outputWidth(), 1);
        double[] dhn = Oracle.random(random, config.hiddenStateSize(batch), 1);
        double[] dcn = config.cell().isLstm() ? Oracle.random(random, config.cellStateSize(batch), 1) : null;
        RnnConfig undroppedConfig = config.toBuilder().dropout(0).build();  // the reference has no dropout
        ReferenceRnn reference = new ReferenceRnn(undroppedConfig);
        RnnParams undropped = RnnParams.unflatten(undroppedConfig, params.flatten());
        Forward expected = reference.forward(undropped, x, steps, batch, lengths, h0, c0);
        Gradients expectedGrads = reference.backward(expected, dy, dhn, dcn);
        try (TensorScope scope = TensorScope.open(); JvmRnn jvm = new JvmRnn(config)) {
            RnnWeights weights = RnnWeights.zeros(config);
            Oracle.load(params, weights);
            RnnState initial = state(h0, c0, config, batch);
            Tensor input = Oracle.tensor(x, steps, batch, config.inputSize());
            RnnForward inference = jvm.forward(Propagation.INFERENCE, weights, input, lengths, initial);
            Oracle.assertClose("inference output", inference.output(), expected.y());
            if (config.dropout() > 0) {
                return;  // training applies dropout: DropoutBetweenLayersTest covers it against native
            }
            RnnForward fwd = jvm.forward(Propagation.TRAINING, weights, input, lengths, initial);
            Oracle.assertClose("output", fwd.output(), expected.y());
            Oracle.assertClose("hn", fwd.finalState().h(), expected.hn());
            RnnWeights grads = RnnWeights.zeros(config);
            RnnBackward back = jvm.backward(fwd, Oracle.tensor(dy, steps, batch, config.outputWidth()),
                    state(dhn, dcn, config, batch), grads, GradientMode.OVERWRITE);
            Oracle.assertClose("dx", back.inputGradient(), expectedGrads.dx());
            Oracle.assertClose("dh0", back.initialStateGradient().h(), expectedGrads.dh0());
            if (c0 != null) {
                Oracle.assertClose("cn", fwd.finalState().c(), expected.cn());
                Oracle.assertClose("dc0", back.initialStateGradient().c(), expectedGrads.dc0());
            }
            Oracle.assertClose("weight gradients", Oracle.flatten(grads), expectedGrads.dParams().flatten());
            jvm.backward(fwd, Oracle.tensor(dy, steps, batch, config.outputWidth()), state(dhn, dcn, config, batch),
                    grads, GradientMode.ACCUMULATE);
            double[] twice = expectedGrads.dParams().flatten();
            for (int i = 0; i < twice.length; i++) {
                twice[i] *= 2;
            }
            Oracle.assertClose("accumulated weight gradients", Oracle.flatten(grads), twice);
        }
    }

    @Test
    void inferenceHasNoDropout() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 4).layers(2).dropout(0.5).build();
        RnnConfig plain = config.toBuilder().dropout(0).build();
        try (TensorScope scope = TensorScope.open(); JvmRnn rnn = new JvmRnn(config); JvmRnn noDropout = new JvmRnn(plain)) {
            RnnWeights weights = RnnWeights.uniform(config, 3);
            RnnWeights plainWeights = RnnWeights.zeros(plain);
            plainWeights.weightsLayer().copyFrom(weights.weightsLayer());
            plainWeights.weightsIter().copyFrom(weights.weightsIter());
            plainWeights.bias().copyFrom(weights.bias());
            Tensor input = Oracle.tensor(Oracle.random(new Random(1), 4 * 2 * 3, 1), 4, 2, 3);
            assertArrayEquals(noDropout.forward(Propagation.INFERENCE, plainWeights, input, null).output().toFloatArray(),
                    rnn.forward(Propagation.INFERENCE, weights, input, null).output().toFloatArray());
        }
    }

    private static RnnState state(double[] h, double[] c, RnnConfig config, int batch) {
        return new RnnState(Oracle.tensor(h, config.layers(), config.directions(), batch, config.stateSize()),
                c == null ? null : Oracle.tensor(c, config.layers(), config.directions(), batch, config.hiddenSize()));
    }
}
