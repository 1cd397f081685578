package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Property: for random lengths, every sequence's outputs, final states and gradients in a padded
 * native batch equal those of running it alone (a batch of one, T = its length, the fixed-length
 * path), and padded outputs and input gradients are exactly zero. Weight gradients of the batch equal
 * the sum of the single-sequence ones. Tolerance: {@link Oracle#TOLERANCE} (max-norm relative).
 */
class PackedSequenceTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        CellKind[] cells = {CellKind.LSTM, CellKind.GRU, CellKind.LBR_GRU, CellKind.RNN_TANH};
        long seed = 1;
        for (CellKind cell : cells) {
            for (Direction d : Direction.values()) {
                b.add(Arguments.of(cell, d, 2, seed++));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} layers={2} seed={3}")
    @MethodSource("cases")
    void paddedBatchEqualsEachSequenceAlone(CellKind cell, Direction direction, int layers, long seed) {
        RnnConfig config = RnnConfig.builder(cell, 3, 4).direction(direction).layers(layers).build();
        Random random = new Random(seed);
        int steps = 7, batch = 6, input = 3, width = config.outputWidth();
        int[] lengths = new int[batch];
        for (int n = 0; n < batch; n++) {
            lengths[n] = 1 + random.nextInt(steps);
        }
        lengths[random.nextInt(batch)] = steps;
        double[] x = Oracle.random(random, (long) steps * batch * input, 1);
        double[] dy = Oracle.random(random, (long) steps * batch * width, 1);
        double[] dhn = Oracle.random(random, config.hiddenStateSize(batch), 1);
        double[] h0 = Oracle.random(random, config.hiddenStateSize(batch), 0.5);
        boolean lstm = cell.isLstm();
        double[] c0 = lstm ? Oracle.random(random, config.cellStateSize(batch), 0.5) : null;
        double[] dcn = lstm ? Oracle.random(random, config.cellStateSize(batch), 1) : null;
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, seed);
            RnnWeights grads = RnnWeights.zeros(config);
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, Oracle.tensor(x, steps, batch, input), lengths,
                    state(config, h0, c0, batch));
            RnnBackward back = rnn.backward(fwd, Oracle.tensor(dy, steps, batch, width),
                    state(config, dhn, dcn, batch), grads, GradientMode.OVERWRITE);
            float[] y = fwd.output().toFloatArray(), dx = back.inputGradient().toFloatArray();
            double[] summedGrads = new double[Oracle.flatten(grads).length];
            RnnWeights alone = RnnWeights.zeros(config);
            for (int n = 0; n < batch; n++) {
                int len = lengths[n];
                RnnForward f1 = rnn.forward(Propagation.TRAINING, weights,
                        Oracle.tensor(rows(x, steps, batch, input, n, len), len, 1, input), null,
                        state(config, pick(h0, config, batch, n, config.stateSize()),
                                lstm ? pick(c0, config, batch, n, config.hiddenSize()) : null, 1));
                RnnBackward b1 = rnn.backward(f1, Oracle.tensor(rows(dy, steps, batch, width, n, len), len, 1, width),
                        state(config, pick(dhn, config, batch, n, config.stateSize()),
                                lstm ? pick(dcn, config, batch, n, config.hiddenSize()) : null, 1),
                        alone, GradientMode.OVERWRITE);
                String who = "sequence " + n + " (length " + len + ")";
                Oracle.assertClose(who + " output", rows(Oracle.toDouble(y), steps, batch, width, n, len),
                        Oracle.toDouble(f1.output().toFloatArray()));
                Oracle.assertClose(who + " input gradient", rows(Oracle.toDouble(dx), steps, batch, input, n, len),
                        Oracle.toDouble(b1.inputGradient().toFloatArray()));
                Oracle.assertClose(who + " h_n", pick(Oracle.toDouble(fwd.finalState().h().toFloatArray()), config,
                        batch, n, config.stateSize()), Oracle.toDouble(f1.finalState().h().toFloatArray()));
                Oracle.assertClose(who + " dh0", pick(Oracle.toDouble(back.initialStateGradient().h().toFloatArray()),
                        config, batch, n, config.stateSize()),
                        Oracle.toDouble(b1.initialStateGradient().h().toFloatArray()));
                if (lstm) {
                    Oracle.assertClose(who + " c_n", pick(Oracle.toDouble(fwd.finalState().c().toFloatArray()), config,
                            batch, n, config.hiddenSize()), Oracle.toDouble(f1.finalState().c().toFloatArray()));
                    Oracle.assertClose(who + " dc0", pick(Oracle.toDouble(back.initialStateGradient().c().toFloatArray()),
                            config, batch, n, config.hiddenSize()),
                            Oracle.toDouble(b1.initialStateGradient().c().toFloatArray()));
                }
                for (int t = len; t < steps; t++) {
                    for (int j = 0; j < width; j++) {
                        assertEquals(0f, y[(t * batch + n) * width + j], who + " padded output at t=" + t);
                    }
                    for (int j = 0; j < input; j++) {
                        assertEquals(0f, dx[(t * batch + n) * input + j], who + " padded input gradient at t=" + t);
                    }
                }
                double[] g = Oracle.flatten(alone);
                for (int i = 0; i < g.length; i++) {
                    summedGrads[i] += g[i];
                }
            }
            Oracle.assertClose("weight gradients = sum over sequences", Oracle.flatten(grads), summedGrads);
        }
    }

    static RnnState state(RnnConfig config, double[] h, double[] c, int batch) {
        return new RnnState(Oracle.tensor(h, RnnState.hiddenShape(config, batch).dims()),
                c == null ? null : Oracle.tensor(c, RnnState.cellShape(config, batch).dims()));
    }

    /** Steps [0, len) of sequence n from a [T, N, W] array, as [len, 1, W]. */
    static double[] rows(double[] a, int steps, int batch, int width, int n, int len) {
        double[] out = new double[len * width];
        for (int t = 0; t < len; t++) {
            System.arraycopy(a, (t * batch + n) * width, out, t * width, width);
        }
        return out;
    }

    /** Sequence n of an [L, D, N, W] state, as [L, D, 1, W]. */
    static double[] pick(double[] a, RnnConfig config, int batch, int n, int width) {
        int blocks = config.layers() * config.directions();
        double[] out = new double[blocks * width];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(a, (b * batch + n) * width, out, b * width, width);
        }
        return Arrays.copyOf(out, out.length);
    }
}
