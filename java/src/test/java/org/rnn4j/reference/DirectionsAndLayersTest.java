package org.rnn4j.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/**
 * Hand-computed recurrences of a scalar tanh RNN (I = H = 1) pinning the reading order of each direction,
 * the [forward | reverse] output layout, the [L, D, N, S] state layout, where a reversed direction starts
 * with variable lengths, and that layer l + 1 reads layer l's output.
 */
class DirectionsAndLayersTest {
    private static final double TOL = 1e-15;
    private static final double[] X = {0.5, -1.0, 2.0}; // [T=3, N=1, I=1]
    /** Direction 0: h' = tanh(0.5 x + 0.8 h + 0.1); direction 1: h' = tanh(-0.3 x + 0.6 h - 0.2). */
    private static final double[][] WEIGHTS = {{0.5, 0.8, 0.1}, {-0.3, 0.6, -0.2}};

    private static double cell(int d, double x, double h) {
        return Math.tanh(WEIGHTS[d][0] * x + WEIGHTS[d][1] * h + WEIGHTS[d][2]);
    }

    /** h after each step of direction d over xs (reading order given by reversed), indexed by time. */
    private static double[] run(int d, double[] xs, boolean reversed, double h0) {
        double[] out = new double[xs.length];
        double h = h0;
        for (int k = 0; k < xs.length; k++) {
            int t = reversed ? xs.length - 1 - k : k;
            h = cell(d, xs[t], h);
            out[t] = h;
        }
        return out;
    }

    private static Forward forward(Direction direction, double[] h0) {
        RnnConfig config = RnnConfig.builder(CellKind.RNN_TANH, 1, 1).direction(direction).build();
        int dirs = direction.count();
        double[] wx = new double[dirs];
        double[] wh = new double[dirs];
        double[] b = new double[dirs];
        for (int d = 0; d < dirs; d++) {
            wx[d] = WEIGHTS[d][0];
            wh[d] = WEIGHTS[d][1];
            b[d] = WEIGHTS[d][2];
        }
        RnnParams params = new RnnParams(config, new double[][] {wx}, new double[][] {wh}, new double[][] {b},
                null, null);
        return new ReferenceRnn(config).forward(params, X, 3, 1, null, h0, null);
    }

    @Test
    void leftToRightReadsForward() {
        double[] expected = run(0, X, false, 0.2);
        Forward f = forward(Direction.LEFT_TO_RIGHT, new double[] {0.2});
        assertArrayEquals(expected, f.y(), TOL);
        assertArrayEquals(new double[] {expected[2]}, f.hn(), TOL);
    }

    @Test
    void rightToLeftReadsBackwardWithDirectionIndexZero() {
        double[] expected = run(0, X, true, 0.2);
        Forward f = forward(Direction.RIGHT_TO_LEFT, new double[] {0.2});
        assertArrayEquals(expected, f.y(), TOL);
        assertArrayEquals(new double[] {expected[0]}, f.hn(), TOL);
    }

    @Test
    void bidirectionalConcatPutsForwardThenReverseAndStatesDirectionMajor() {
        double[] fwd = run(0, X, false, 0.2);
        double[] rev = run(1, X, true, -0.4);
        Forward f = forward(Direction.BIDIRECTIONAL_CONCAT, new double[] {0.2, -0.4});
        assertArrayEquals(new double[] {fwd[0], rev[0], fwd[1], rev[1], fwd[2], rev[2]}, f.y(), TOL);
        assertArrayEquals(new double[] {fwd[2], rev[0]}, f.hn(), TOL);
    }

    @Test
    void bidirectionalSumAddsForwardAndReverse() {
        double[] fwd = run(0, X, false, 0.2);
        double[] rev = run(1, X, true, -0.4);
        Forward f = forward(Direction.BIDIRECTIONAL_SUM, new double[] {0.2, -0.4});
        assertArrayEquals(new double[] {fwd[0] + rev[0], fwd[1] + rev[1], fwd[2] + rev[2]}, f.y(), TOL);
        assertArrayEquals(new double[] {fwd[2], rev[0]}, f.hn(), TOL);
    }

    @Test
    void reverseDirectionStartsAtEachSequencesLastRealStep() {
        RnnConfig config = RnnConfig.builder(CellKind.RNN_TANH, 1, 1).direction(Direction.RIGHT_TO_LEFT).build();
        RnnParams params = new RnnParams(config, new double[][] {{0.5}}, new double[][] {{0.8}},
                new double[][] {{0.1}}, null, null);
        double[] x = {0.5, 0.7, -1.0, -0.2, 2.0, 1.5}; // [T=3, N=2, I=1]
        Forward f = new ReferenceRnn(config).forward(params, x, 3, 2, new int[] {2, 3}, new double[] {0.2, 0.3},
                null);
        double r1 = cell(0, -1.0, 0.2);
        double r0 = cell(0, 0.5, r1);
        double[] full = run(0, new double[] {0.7, -0.2, 1.5}, true, 0.3);
        assertArrayEquals(new double[] {r0, full[0], r1, full[1], 0.0, full[2]}, f.y(), TOL);
        assertArrayEquals(new double[] {r0, full[0]}, f.hn(), TOL);
    }

    @Test
    void stackedLayersEqualChainedSingleLayers() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 4).projection(2)
                .direction(Direction.BIDIRECTIONAL_CONCAT).layers(2).build();
        Random random = new Random(5);
        int steps = 4;
        int batch = 2;
        RnnParams params = RnnParams.random(config, 11, 0.7);
        double[] x = Nets.random(random, (long) steps * batch * 3, 1.0);
        double[] h0 = Nets.randomH0(config, random, batch); // [L=2, D=2, N=2, S=2]
        double[] c0 = Nets.randomC0(config, random, batch); // [L=2, D=2, N=2, H=4]
        Forward whole = new ReferenceRnn(config).forward(params, x, steps, batch, null, h0, c0);

        RnnConfig first = config.toBuilder().layers(1).build();
        RnnConfig second = RnnConfig.builder(CellKind.LSTM, config.outputWidth(), 4).projection(2)
                .direction(Direction.BIDIRECTIONAL_CONCAT).build();
        Forward f0 = new ReferenceRnn(first).forward(layer(first, params, 0), x, steps, batch, null,
                half(h0, 0), half(c0, 0));
        Forward f1 = new ReferenceRnn(second).forward(layer(second, params, 1), f0.y(), steps, batch, null,
                half(h0, 1), half(c0, 1));
        assertArrayEquals(f1.y(), whole.y(), 0.0);
        assertArrayEquals(concat(f0.hn(), f1.hn()), whole.hn(), 0.0);
        assertArrayEquals(concat(f0.cn(), f1.cn()), whole.cn(), 0.0);
    }

    private static RnnParams layer(RnnConfig single, RnnParams params, int l) {
        return new RnnParams(single, new double[][] {params.weightsLayer(l)}, new double[][] {params.weightsIter(l)},
                new double[][] {params.bias(l)}, null, new double[][] {params.projection(l)});
    }

    /** Layer l's block of a two-layer [L, D, N, C] state array. */
    private static double[] half(double[] states, int l) {
        int size = states.length / 2;
        return Arrays.copyOfRange(states, l * size, (l + 1) * size);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void outputsAtPaddedStepsAreExactlyZero() {
        for (Direction direction : Direction.values()) {
            RnnConfig config = RnnConfig.builder(CellKind.GRU, 2, 3).direction(direction).layers(2).build();
            Forward f = new ReferenceRnn(config).forward(RnnParams.random(config, 3, 0.5),
                    Nets.random(new Random(4), 4 * 2 * 2, 1.0), 4, 2, new int[] {4, 1}, null, null);
            int width = config.outputWidth();
            for (int t = 1; t < 4; t++) {
                for (int i = 0; i < width; i++) {
                    assertEquals(0.0, f.y()[(t * 2 + 1) * width + i], 0.0, direction + " t=" + t);
                }
            }
        }
    }
}
