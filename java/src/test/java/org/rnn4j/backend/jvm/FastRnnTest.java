package org.rnn4j.backend.jvm;

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

/**
 * FastRnn against the double-precision {@link ReferenceRnn}: every cell variant × direction × layers
 * {1, 2, 3} × {with, without initial states} × {fixed, variable lengths}, forward (y, hn, cn) and every
 * gradient (dx, dh0, dc0, all weights). Tolerance: {@link Arrays32#TOLERANCE}.
 */
class FastRnnTest {
    private static final int STEPS = 5;
    private static final int BATCH = 4;
    /** Unsorted, with ties and a length-1 sequence, so that packing reorders the batch. */
    private static final int[] LENGTHS = {3, 5, 1, 3};

    /** Every cell flavour, with I = 3, H = 4 and P = 2. */
    enum Variant {
        RNN_TANH(CellKind.RNN_TANH, false, 0),
        RNN_RELU(CellKind.RNN_RELU, false, 0),
        RNN_SIGMOID(CellKind.RNN_SIGMOID, false, 0),
        LSTM(CellKind.LSTM, false, 0),
        LSTM_PEEPHOLE(CellKind.LSTM, true, 0),
        LSTM_PROJECTION(CellKind.LSTM, false, 2),
        LSTM_PEEPHOLE_PROJECTION(CellKind.LSTM, true, 2),
        GRU(CellKind.GRU, false, 0),
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

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Variant v : Variant.values()) {
            for (Direction d : Direction.values()) {
                for (int layers = 1; layers <= 3; layers++) {
                    for (boolean states : new boolean[] {false, true}) {
                        for (boolean variable : new boolean[] {false, true}) {
                            cases.add(Arguments.of(v, d, layers, states, variable));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} layers={2} initialStates={3} variableLengths={4}")
    @MethodSource("cases")
    void matchesReference(Variant variant, Direction direction, int layers, boolean states, boolean variable) {
        RnnConfig config = variant.config(3, 4, direction, layers);
        compare(config, STEPS, BATCH, variable ? LENGTHS : null, states, 17L * layers + direction.ordinal(), 0.6);
    }

    /**
     * Sizes past the GEMM's blocks (K &gt; 256, columns &gt; 512) and odd row counts, with PyTorch's weight
     * scale 1/√H (with the small cases' 0.6, sums of ~800 products reach |z| ~ 10 and f32 accumulation
     * alone costs ~1e-5).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("largeCases")
    void matchesReferenceOnLargerShapes(RnnConfig config) {
        compare(config, 4, 5, new int[] {2, 4, 4, 1, 3}, true, 3, 1 / Math.sqrt(config.hiddenSize()));
    }

    static Stream<RnnConfig> largeCases() {
        return Stream.of(
                RnnConfig.builder(CellKind.LSTM, 300, 150).direction(Direction.BIDIRECTIONAL_CONCAT).layers(2)
                        .peephole(true).projection(130).build(),
                RnnConfig.builder(CellKind.GRU, 270, 190).direction(Direction.BIDIRECTIONAL_SUM).build(),
                RnnConfig.builder(CellKind.LBR_GRU, 5, 260).direction(Direction.RIGHT_TO_LEFT).layers(2).build(),
                RnnConfig.builder(CellKind.RNN_TANH, 257, 530).build());
    }

    static void compare(RnnConfig config, int steps, int batch, int[] lengths, boolean states, long seed,
            double weightScale) {
        Random random = new Random(seed);
        RnnParams params = Arrays32.roundedParams(config, seed, weightScale);
        double[] x = Arrays32.random(random, (long) steps * batch * config.inputSize(), 1);
        double[] h0 = states ? Arrays32.random(random, config.hiddenStateSize(batch), 0.8) : null;
        double[] c0 = states && config.cell().isLstm() ? Arrays32.random(random, config.cellStateSize(batch), 0.8)
                : null;
        double[] dY = Arrays32.random(random, (long) steps * batch * config.outputWidth(), 1);
        double[] dHn = Arrays32.random(random, config.hiddenStateSize(batch), 1);
        double[] dCn = config.cell().isLstm() ? Arrays32.random(random, config.cellStateSize(batch), 1) : null;

        ReferenceRnn reference = new ReferenceRnn(config);
        Forward expected = reference.forward(params, x, steps, batch, lengths, h0, c0);
        Gradients expectedGrads = reference.backward(expected, dY, dHn, dCn);

        FastRnn fast = new FastRnn(config);
        FastForward actual = fast.forward(Arrays32.toFloat(params), Arrays32.toFloat(x), steps, batch, lengths,
                Arrays32.toFloat(h0), Arrays32.toFloat(c0));
        FastGradients actualGrads = fast.backward(actual, Arrays32.toFloat(dY), Arrays32.toFloat(dHn),
                Arrays32.toFloat(dCn));

        Arrays32.assertClose("y", actual.y(), expected.y());
        Arrays32.assertClose("hn", actual.hn(), expected.hn());
        Arrays32.assertClose("cn", actual.cn(), expected.cn());
        Arrays32.assertClose("dx", actualGrads.dx(), expectedGrads.dx());
        Arrays32.assertClose("dh0", actualGrads.dh0(), expectedGrads.dh0());
        Arrays32.assertClose("dc0", actualGrads.dc0(), expectedGrads.dc0());
        Arrays32.assertClose("d", actualGrads.dParams(), expectedGrads.dParams());
    }
}
