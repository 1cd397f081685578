package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Property: an outputs-only forward ({@link FinalStates#NONE}, which runs variable lengths in coarse padded
 * segments) gives every sequence the outputs and gradients of running it alone (a batch of one, T = its
 * length, the fixed-length path), padded outputs and input gradients exactly zero, weight gradients the sum
 * of the single-sequence ones; and it equals the forward that computes final states (for an LSTM the exact
 * path, one segment per distinct length), with dropout between layers too. Tolerance: {@link Oracle#TOLERANCE}
 * (max-norm relative; f32 sums in another order differ by ~1e-7).
 */
class OutputsOnlyPackedTest {

    /** steps, batch, input, hidden: one segment, a few, and batches rounded up to the segment grid. */
    private static final int[][] SHAPES = {{7, 6, 3, 4}, {20, 13, 5, 6}, {40, 24, 4, 5}};

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        CellKind[] cells = {CellKind.LSTM, CellKind.GRU, CellKind.LBR_GRU, CellKind.RNN_TANH};
        long seed = 100;
        for (CellKind cell : cells) {
            for (Direction d : Direction.values()) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (int[] shape : SHAPES) {
                        b.add(Arguments.of(cell, d, layers, shape[0], shape[1], shape[2], shape[3], seed++));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} layers={2} T={3} N={4} I={5} H={6} seed={7}")
    @MethodSource("cases")
    void outputsOnlyEqualsEachSequenceAloneAndTheExactPath(CellKind cell, Direction direction, int layers, int steps,
                                                          int batch, int input, int hidden, long seed) {
        RnnConfig config = RnnConfig.builder(cell, input, hidden).direction(direction).layers(layers).build();
        Random random = new Random(seed);
        int width = config.outputWidth();
        int[] lengths = new int[batch];
        for (int n = 0; n < batch; n++) {
            lengths[n] = 1 + random.nextInt(steps);
        }
        lengths[random.nextInt(batch)] = steps;
        double[] x = Oracle.random(random, (long) steps * batch * input, 1);
        double[] dy = Oracle.random(random, (long) steps * batch * width, 1);
        double[] h0 = Oracle.random(random, config.hiddenStateSize(batch), 0.5);
        boolean lstm = cell.isLstm();
        double[] c0 = lstm ? Oracle.random(random, config.cellStateSize(batch), 0.5) : null;
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, seed);
            RnnWeights grads = RnnWeights.zeros(config);
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, Oracle.tensor(x, steps, batch, input), lengths,
                    PackedSequenceTest.state(config, h0, c0, batch), FinalStates.NONE);
            RnnBackward back = rnn.backward(fwd, Oracle.tensor(dy, steps, batch, width), null, grads,
                    GradientMode.OVERWRITE);
            float[] y = fwd.output().toFloatArray(), dx = back.inputGradient().toFloatArray();

            RnnWeights exactGrads = RnnWeights.zeros(config);
            RnnForward exact = rnn.forward(Propagation.TRAINING, weights, Oracle.tensor(x, steps, batch, input),
                    lengths, PackedSequenceTest.state(config, h0, c0, batch), FinalStates.COMPUTED);
            RnnBackward exactBack = rnn.backward(exact, Oracle.tensor(dy, steps, batch, width), null, exactGrads,
                    GradientMode.OVERWRITE);
            Oracle.assertClose("output = the exact path's", Oracle.toDouble(y),
                    Oracle.toDouble(exact.output().toFloatArray()));
            Oracle.assertClose("input gradient = the exact path's", Oracle.toDouble(dx),
                    Oracle.toDouble(exactBack.inputGradient().toFloatArray()));
            Oracle.assertClose("weight gradients = the exact path's", Oracle.flatten(grads), Oracle.flatten(exactGrads));
            Oracle.assertClose("dh0 = the exact path's", back.initialStateGradient().h(),
                    Oracle.toDouble(exactBack.initialStateGradient().h().toFloatArray()));

            double[] summedGrads = new double[Oracle.flatten(grads).length];
            RnnWeights alone = RnnWeights.zeros(config);
            for (int n = 0; n < batch; n++) {
                int len = lengths[n];
                RnnForward f1 = rnn.forward(Propagation.TRAINING, weights,
                        Oracle.tensor(PackedSequenceTest.rows(x, steps, batch, input, n, len), len, 1, input), null,
                        PackedSequenceTest.state(config, PackedSequenceTest.pick(h0, config, batch, n, config.stateSize()),
                                lstm ? PackedSequenceTest.pick(c0, config, batch, n, config.hiddenSize()) : null, 1));
                RnnBackward b1 = rnn.backward(f1,
                        Oracle.tensor(PackedSequenceTest.rows(dy, steps, batch, width, n, len), len, 1, width), null,
                        alone, GradientMode.OVERWRITE);
                String who = "sequence " + n + " (length " + len + ")";
                Oracle.assertClose(who + " output", PackedSequenceTest.rows(Oracle.toDouble(y), steps, batch, width, n,
                        len), Oracle.toDouble(f1.output().toFloatArray()));
                Oracle.assertClose(who + " input gradient", PackedSequenceTest.rows(Oracle.toDouble(dx), steps, batch,
                        input, n, len), Oracle.toDouble(b1.inputGradient().toFloatArray()));
                Oracle.assertClose(who + " dh0", PackedSequenceTest.pick(
                        Oracle.toDouble(back.initialStateGradient().h().toFloatArray()), config, batch, n,
                        config.stateSize()), Oracle.toDouble(b1.initialStateGradient().h().toFloatArray()));
                if (lstm) {
                    Oracle.assertClose(who + " dc0", PackedSequenceTest.pick(
                            Oracle.toDouble(back.initialStateGradient().c().toFloatArray()), config, batch, n,
                            config.hiddenSize()), Oracle.toDouble(b1.initialStateGradient().c().toFloatArray()));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dropoutCells")
    void outputsOnlyWithDropoutEqualsTheExactPath(CellKind cell) {
        RnnConfig config = RnnConfig.builder(cell, 3, 5).layers(3).dropout(0.4).build();
        int steps = 30, batch = 17;
        Random random = new Random(7);
        int[] lengths = new int[batch];
        for (int n = 0; n < batch; n++) {
            lengths[n] = 1 + random.nextInt(steps);
        }
        lengths[0] = steps;
        double[] x = Oracle.random(random, (long) steps * batch * 3, 1);
        double[] dy = Oracle.random(random, (long) steps * batch * 5, 1);
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 3);
            double[][] results = new double[2][];
            FinalStates[] kinds = {FinalStates.NONE, FinalStates.COMPUTED};
            for (int k = 0; k < 2; k++) {
                rnn.seed(11);  // the same dropout masks for both
                RnnWeights grads = RnnWeights.zeros(config);
                RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, Oracle.tensor(x, steps, batch, 3), lengths,
                        null, kinds[k]);
                RnnBackward back = rnn.backward(fwd, Oracle.tensor(dy, steps, batch, 5), null, grads,
                        GradientMode.OVERWRITE);
                results[k] = concat(Oracle.toDouble(fwd.output().toFloatArray()),
                        Oracle.toDouble(back.inputGradient().toFloatArray()), Oracle.flatten(grads));
            }
            Oracle.assertClose("outputs, input and weight gradients with dropout", results[0], results[1]);
        }
    }

    static Stream<CellKind> dropoutCells() {
        return Stream.of(CellKind.LSTM, CellKind.LBR_GRU);
    }

    @Test
    void outputsOnlyHasNoFinalStateAndRefusesItsGradient() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 2, 3).build();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 1);
            int[] lengths = {4, 2};
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, Tensor.zeros(org.rnn4j.tensor.Shape.of(4, 2, 2)),
                    lengths, null, FinalStates.NONE);
            assertEquals(FinalStates.NONE, fwd.finalStates());
            IllegalStateException read = assertThrows(IllegalStateException.class, fwd::finalState);
            assertTrue(read.getMessage().contains("FinalStates.NONE"), read.getMessage());
            RnnState dhn = RnnState.zeros(config, 2);
            IllegalStateException back = assertThrows(IllegalStateException.class, () -> rnn.backward(fwd,
                    Tensor.zeros(org.rnn4j.tensor.Shape.of(4, 2, 3)), dhn, RnnWeights.zeros(config),
                    GradientMode.OVERWRITE));
            assertTrue(back.getMessage().contains("finalStateGradient"), back.getMessage());
        }
    }

    private static double[] concat(double[]... parts) {
        int size = 0;
        for (double[] p : parts) {
            size += p.length;
        }
        double[] out = new double[size];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
