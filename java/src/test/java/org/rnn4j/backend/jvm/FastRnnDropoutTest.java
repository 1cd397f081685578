package org.rnn4j.backend.jvm;

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
 * Dropout between layers: FastRnn with a {@link LayerDropout} against the stack run one layer at a time on
 * {@link ReferenceRnn}, the same factors applied to each layer output but the last on the way up and to
 * the input gradients on the way down. Tolerance: {@link Arrays32#TOLERANCE}.
 */
class FastRnnDropoutTest {
    /** Zeroes about one element in five, scales the rest by 1.25: a pure function of (layer, position). */
    private static final LayerDropout MASK = (layer, position) ->
            ((position * 0x9E3779B97F4A7C15L + layer * 0xBF58476D1CE4E5B9L) >>> 40) % 5 == 0 ? 0f : 1.25f;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(RnnConfig.builder(CellKind.LSTM, 3, 4).layers(3).peephole(true).projection(2).build(),
                        new int[] {4, 2, 5}),
                Arguments.of(RnnConfig.builder(CellKind.GRU, 3, 4).direction(Direction.BIDIRECTIONAL_CONCAT).layers(2)
                        .build(), null),
                Arguments.of(RnnConfig.builder(CellKind.LBR_GRU, 2, 3).direction(Direction.BIDIRECTIONAL_SUM).layers(2)
                        .build(), new int[] {1, 5, 3}),
                Arguments.of(RnnConfig.builder(CellKind.RNN_TANH, 3, 4).direction(Direction.RIGHT_TO_LEFT).layers(3)
                        .build(), new int[] {5, 5, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLayerByLayerReference(RnnConfig config, int[] lengths) {
        int steps = 5;
        int batch = 3;
        Random random = new Random(config.layers() * 7L + config.direction().ordinal());
        RnnParams params = Arrays32.roundedParams(config, 5, 0.6);
        double[] x = Arrays32.random(random, (long) steps * batch * config.inputSize(), 1);
        double[] h0 = Arrays32.random(random, config.hiddenStateSize(batch), 0.8);
        double[] c0 = config.cell().isLstm() ? Arrays32.random(random, config.cellStateSize(batch), 0.8) : null;
        double[] dY = Arrays32.random(random, (long) steps * batch * config.outputWidth(), 1);
        double[] dHn = Arrays32.random(random, config.hiddenStateSize(batch), 1);
        double[] dCn = config.cell().isLstm() ? Arrays32.random(random, config.cellStateSize(batch), 1) : null;

        FastRnn fast = new FastRnn(config);
        FastForward actual = fast.forward(Arrays32.toFloat(params), Arrays32.toFloat(x), steps, batch, lengths,
                Arrays32.toFloat(h0), Arrays32.toFloat(c0), MASK);
        FastGradients actualGrads = fast.backward(actual, Arrays32.toFloat(dY), Arrays32.toFloat(dHn),
                Arrays32.toFloat(dCn));

        int layers = config.layers();
        int stateBlock = config.directions() * batch * config.stateSize();
        int cellBlock = config.directions() * batch * config.hiddenSize();
        Forward[] passes = new Forward[layers];
        ReferenceRnn[] references = new ReferenceRnn[layers];
        double[] input = x;
        double[] hn = new double[layers * stateBlock];
        double[] cn = c0 == null ? null : new double[layers * cellBlock];
        for (int l = 0; l < layers; l++) {
            references[l] = new ReferenceRnn(layerConfig(config, l));
            passes[l] = references[l].forward(layerParams(params, l), input, steps, batch, lengths,
                    slice(h0, l, stateBlock), slice(c0, l, cellBlock));
            System.arraycopy(passes[l].hn(), 0, hn, l * stateBlock, stateBlock);
            if (cn != null) {
                System.arraycopy(passes[l].cn(), 0, cn, l * cellBlock, cellBlock);
            }
            input = l + 1 < layers ? masked(passes[l].y(), l) : passes[l].y();
        }
        Arrays32.assertClose("y", actual.y(), input);
        Arrays32.assertClose("hn", actual.hn(), hn);
        Arrays32.assertClose("cn", actual.cn(), cn);

        double[] dOut = dY;
        for (int l = layers - 1; l >= 0; l--) {
            Gradients g = references[l].backward(passes[l], dOut, slice(dHn, l, stateBlock), slice(dCn, l, cellBlock));
            Arrays32.assertClose("dh0 of layer " + l, part(actualGrads.dh0(), l, stateBlock), g.dh0());
            if (c0 != null) {
                Arrays32.assertClose("dc0 of layer " + l, part(actualGrads.dc0(), l, cellBlock), g.dc0());
            }
            Arrays32.assertClose("weightsLayer[" + l + "]", actualGrads.dParams().weightsLayer(l),
                    g.dParams().weightsLayer(0));
            Arrays32.assertClose("weightsIter[" + l + "]", actualGrads.dParams().weightsIter(l),
                    g.dParams().weightsIter(0));
            Arrays32.assertClose("bias[" + l + "]", actualGrads.dParams().bias(l), g.dParams().bias(0));
            Arrays32.assertClose("peephole[" + l + "]", actualGrads.dParams().peephole(l), g.dParams().peephole(0));
            Arrays32.assertClose("projection[" + l + "]", actualGrads.dParams().projection(l),
                    g.dParams().projection(0));
            dOut = l > 0 ? masked(g.dx(), l - 1) : g.dx();
        }
        Arrays32.assertClose("dx", actualGrads.dx(), dOut);
    }

    private static RnnConfig layerConfig(RnnConfig config, int l) {
        return RnnConfig.builder(config.cell(), config.layerInputSize(l), config.hiddenSize())
                .direction(config.direction()).projection(config.projectionSize()).peephole(config.hasPeephole())
                .build();
    }

    private static RnnParams layerParams(RnnParams all, int l) {
        RnnConfig c = all.config();
        return new RnnParams(layerConfig(c, l), new double[][] {all.weightsLayer(l)},
                new double[][] {all.weightsIter(l)}, new double[][] {all.bias(l)},
                c.hasPeephole() ? new double[][] {all.peephole(l)} : null,
                c.hasProjection() ? new double[][] {all.projection(l)} : null);
    }

    private static double[] masked(double[] values, int layer) {
        double[] out = new double[values.length];
        for (int e = 0; e < values.length; e++) {
            out[e] = values[e] * MASK.factor(layer, e);
        }
        return out;
    }

    private static double[] slice(double[] a, int block, int size) {
        if (a == null) {
            return null;
        }
        double[] out = new double[size];
        System.arraycopy(a, block * size, out, 0, size);
        return out;
    }

    private static float[] part(float[] a, int block, int size) {
        float[] out = new float[size];
        System.arraycopy(a, block * size, out, 0, size);
        return out;
    }
}
