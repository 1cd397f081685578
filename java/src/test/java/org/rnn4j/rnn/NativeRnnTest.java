package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

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
 * The native kernels against the pure-JVM reference: outputs, final states and every gradient,
 * for every cell × direction × {1, 2, 3} layers × {with, without} initial states (fixed lengths),
 * plus LSTM on the shapes of the foundation slice (T = 1, N = 1 included). Tolerance: {@link Oracle}.
 */
class NativeRnnTest {

    enum Variant {
        RNN_TANH(CellKind.RNN_TANH, false, 0), RNN_RELU(CellKind.RNN_RELU, false, 0),
        RNN_SIGMOID(CellKind.RNN_SIGMOID, false, 0), LSTM(CellKind.LSTM, false, 0),
        LSTM_PEEPHOLE(CellKind.LSTM, true, 0), LSTM_PROJECTION(CellKind.LSTM, false, 3),
        LSTM_PEEPHOLE_PROJECTION(CellKind.LSTM, true, 3), GRU(CellKind.GRU, false, 0),
        LBR_GRU(CellKind.LBR_GRU, false, 0);

        final CellKind cell;
        final boolean peephole;
        final int projection;

        Variant(CellKind cell, boolean peephole, int projection) {
            this.cell = cell;
            this.peephole = peephole;
            this.projection = projection;
        }

        RnnConfig config(int input, int hidden, Direction direction, int layers) {
            return RnnConfig.builder(cell, input, hidden).direction(direction).layers(layers).peephole(peephole)
                    .projection(projection).build();
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Variant v : Variant.values()) {
            for (Direction d : Direction.values()) {
                for (int layers = 1; layers <= 3; layers++) {
                    for (boolean initial : new boolean[] {false, true}) {
                        for (boolean variable : new boolean[] {false, true}) {
                            cases.add(Arguments.of(v, d, layers, initial, variable));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} layers={2} initialState={3} variableLengths={4}")
    @MethodSource("matrix")
    void matchesReference(Variant variant, Direction direction, int layers, boolean initial, boolean variable) {
        RnnConfig config = variant.config(5, 4, direction, layers);
        int[] lengths = variable ? new int[] {3, 5, 1, 5, 2} : null;
        check(config, 5, 5, lengths, initial, 1000L * variant.ordinal() + 10L * layers + direction.ordinal());
    }

    static Stream<Arguments> stacks() {
        List<Arguments> cases = new ArrayList<>();
        for (Variant v : Variant.values()) {
            for (Direction d : Direction.values()) {
                cases.add(Arguments.of(v, d));
            }
        }
        return cases.stream();
    }

    /** Input as wide as a layer's output: the whole stack runs as one fused primitive call. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stacks")
    void wholeStackFusedMatchesReference(Variant variant, Direction direction) {
        int width = direction.outputWidth(variant.projection > 0 ? variant.projection : 4);
        RnnConfig config = variant.config(width, 4, direction, 3);
        check(config, 4, 3, null, true, 77L * variant.ordinal() + direction.ordinal());
        check(config, 4, 3, new int[] {2, 4, 1}, true, 78L * variant.ordinal() + direction.ordinal());
    }

    static Stream<Arguments> lstmShapes() {
        return Stream.of(
                Arguments.of(1, 1, 3, 4),   // T = 1, N = 1
                Arguments.of(1, 5, 6, 7),   // T = 1
                Arguments.of(9, 1, 4, 4),   // N = 1
                Arguments.of(6, 8, 16, 32), // typical
                Arguments.of(3, 2, 32, 8)); // input wider than hidden
    }

    @ParameterizedTest(name = "LSTM T={0} N={1} I={2} H={3}")
    @MethodSource("lstmShapes")
    void lstmShapesMatchReference(int steps, int batch, int input, int hidden) {
        check(RnnConfig.builder(CellKind.LSTM, input, hidden).build(), steps, batch, null, true, 7L * steps + batch);
    }

    private static void check(RnnConfig config, int steps, int batch, int[] lengths, boolean withInitial, long seed) {
        Random random = new Random(seed);
        RnnParams params = Oracle.roundedRandomParams(config, seed);
        double[] x = Oracle.random(random, (long) steps * batch * config.inputSize(), 1.0);
        double[] h0 = withInitial ? Oracle.random(random, config.hiddenStateSize(batch), 0.8) : null;
        double[] c0 = withInitial && config.cell().isLstm() ? Oracle.random(random, config.cellStateSize(batch), 0.8) : null;
        double[] dy = Oracle.random(random, (long) steps * batch * config.outputWidth(), 1.0);
        double[] dhn = Oracle.random(random, config.hiddenStateSize(batch), 1.0);
        double[] dcn = config.cell().isLstm() ? Oracle.random(random, config.cellStateSize(batch), 1.0) : null;

        ReferenceRnn reference = new ReferenceRnn(config);
        Forward expected = reference.forward(params, x, steps, batch, lengths, h0, c0);
        Gradients expectedGrads = reference.backward(expected, dy, dhn, dcn);

        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.zeros(config);
            Oracle.load(params, weights);
            Tensor input = Oracle.tensor(x, steps, batch, config.inputSize());
            RnnState initial = withInitial ? new RnnState(
                    Oracle.tensor(h0, RnnState.hiddenShape(config, batch).dims()),
                    c0 == null ? null : Oracle.tensor(c0, RnnState.cellShape(config, batch).dims())) : null;

            RnnForward inference = rnn.forward(Propagation.INFERENCE, weights, input, lengths, initial);
            Oracle.assertClose("inference output", inference.output(), expected.y());
            Oracle.assertClose("inference h_n", inference.finalState().h(), expected.hn());
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, input, lengths, initial);
            Oracle.assertClose("output", fwd.output(), expected.y());
            Oracle.assertClose("h_n", fwd.finalState().h(), expected.hn());
            if (config.cell().isLstm()) {
                Oracle.assertClose("c_n", fwd.finalState().c(), expected.cn());
            }

            RnnState dFinal = new RnnState(Oracle.tensor(dhn, RnnState.hiddenShape(config, batch).dims()),
                    dcn == null ? null : Oracle.tensor(dcn, RnnState.cellShape(config, batch).dims()));
            RnnWeights grads = RnnWeights.zeros(config);
            RnnBackward back = rnn.backward(fwd, Oracle.tensor(dy, fwd.output().shape().dims()), dFinal, grads,
                    GradientMode.OVERWRITE);
            Oracle.assertClose("dx", back.inputGradient(), expectedGrads.dx());
            Oracle.assertClose("dh0", back.initialStateGradient().h(), expectedGrads.dh0());
            if (config.cell().isLstm()) {
                Oracle.assertClose("dc0", back.initialStateGradient().c(), expectedGrads.dc0());
            }
            Oracle.assertClose("weight gradients", Oracle.flatten(grads), expectedGrads.dParams().flatten());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void accumulateAddsAndOverwriteReplaces(CellKind cell) {
        RnnConfig config = RnnConfig.builder(cell, 3, 5).layers(2).build();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 3);
            Tensor input = Oracle.tensor(Oracle.random(new Random(1), 4 * 2 * 3, 1), 4, 2, 3);
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, input, null);
            Tensor dy = Oracle.tensor(Oracle.random(new Random(2), fwd.output().size(), 1), fwd.output().shape().dims());
            RnnWeights grads = RnnWeights.zeros(config);
            rnn.backward(fwd, dy, null, grads, GradientMode.OVERWRITE);
            double[] once = Oracle.flatten(grads);
            rnn.backward(fwd, dy, null, grads, GradientMode.ACCUMULATE);
            double[] twice = Oracle.flatten(grads);
            double[] doubled = once.clone();
            for (int i = 0; i < doubled.length; i++) {
                doubled[i] *= 2;
            }
            Oracle.assertClose("accumulated", twice, doubled);
            rnn.backward(fwd, dy, null, grads, GradientMode.OVERWRITE);
            Oracle.assertClose("overwritten", Oracle.flatten(grads), once);
            assertTrue(rnn.cachedPrimitives() >= 2, "primitives are cached");
            long cached = rnn.cachedPrimitives();
            rnn.forward(Propagation.TRAINING, weights, input, null);
            assertEquals(cached, rnn.cachedPrimitives(), "same shape reuses the cached primitives");
        }
    }

    static Stream<CellKind> modes() {
        return Stream.of(CellKind.LSTM, CellKind.GRU, CellKind.LBR_GRU, CellKind.RNN_TANH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void changedWeightsAreSeen(CellKind cell) {
        RnnConfig config = RnnConfig.builder(cell, 3, 4).direction(Direction.BIDIRECTIONAL_CONCAT).build();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 5);
            Tensor input = Oracle.tensor(Oracle.random(new Random(3), 2 * 3 * 3, 1), 2, 3, 3);
            float[] before = rnn.forward(Propagation.INFERENCE, weights, input, null).output().toFloatArray();
            float[] w = weights.weightsIter().toFloatArray();
            for (int i = 0; i < w.length; i++) {
                w[i] *= -1;
            }
            weights.weightsIter().copyFrom(w);
            float[] after = rnn.forward(Propagation.INFERENCE, weights, input, null).output().toFloatArray();
            RnnParams p = RnnParams.zeros(config);
            assertTrue(p != null);
            boolean differs = false;
            for (int i = 0; i < before.length; i++) {
                differs |= before[i] != after[i];
            }
            assertTrue(differs, "a forward after a write into the weights uses the new weights");
        }
    }
}
