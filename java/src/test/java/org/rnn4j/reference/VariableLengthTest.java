package org.rnn4j.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/**
 * Packed-sequence semantics: in a padded batch with random lengths, every sequence's outputs, final
 * states and input/initial-state gradients equal (bit for bit) those of running it alone, truncated to its
 * length, in a batch of one; the weight gradients equal the sum of the single-sequence ones (up to
 * summation order: 1e-12 relative + 1e-14 absolute); padded outputs and input gradients are 0 and dY at
 * padded steps is ignored.
 */
class VariableLengthTest {
    private static final int T = 5;
    private static final int N = 4;
    private static final long[] SEEDS = {1, 2, 3};

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Nets.Variant variant : Nets.Variant.values()) {
            for (Direction direction : Direction.values()) {
                cases.add(Arguments.of(variant, direction));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void eachSequenceMatchesRunningItAlone(Nets.Variant variant, Direction direction) {
        for (long seed : SEEDS) {
            check(variant.config(direction, 2), new Random(seed * 101 + variant.ordinal()));
        }
    }

    private static void check(RnnConfig config, Random random) {
        ReferenceRnn rnn = new ReferenceRnn(config);
        int in = config.inputSize();
        int width = config.outputWidth();
        int s = config.stateSize();
        int hs = config.hiddenSize();
        int[] lengths = new int[N];
        for (int n = 0; n < N; n++) {
            lengths[n] = 1 + random.nextInt(T);
        }
        RnnParams params = RnnParams.random(config, random.nextLong(), 0.6);
        double[] x = Nets.random(random, (long) T * N * in, 1.0); // [T, N, I]
        double[] h0 = Nets.randomH0(config, random, N);
        double[] c0 = Nets.randomC0(config, random, N);
        double[] dY = Nets.random(random, (long) T * N * width, 1.0); // [T, N, W]
        double[] dHn = Nets.random(random, config.hiddenStateSize(N), 1.0);
        double[] dCn = config.cell().isLstm() ? Nets.random(random, config.cellStateSize(N), 1.0) : null;

        Forward batch = rnn.forward(params, x, T, N, lengths, h0, c0);
        Gradients g = rnn.backward(batch, dY, dHn, dCn);
        double[] dParamsSum = new double[RnnParams.size(config)];
        for (int n = 0; n < N; n++) {
            int len = lengths[n];
            String where = config + " lengths=" + Arrays.toString(lengths) + " n=" + n;
            Forward alone = rnn.forward(params, rows(x, n, len, in), len, 1, null, sequence(h0, n, s),
                    sequence(c0, n, hs));
            Gradients ga = rnn.backward(alone, rows(dY, n, len, width), sequence(dHn, n, s),
                    sequence(dCn, n, hs));
            assertArrayEquals(rows(batch.y(), n, T, width), padded(alone.y(), width), 0.0, "y " + where);
            assertArrayEquals(sequence(batch.hn(), n, s), alone.hn(), 0.0, "hn " + where);
            assertArrayEquals(sequence(batch.cn(), n, hs), alone.cn(), 0.0, "cn " + where);
            assertArrayEquals(rows(g.dx(), n, T, in), padded(ga.dx(), in), 0.0, "dx " + where);
            assertArrayEquals(sequence(g.dh0(), n, s), ga.dh0(), 0.0, "dh0 " + where);
            assertArrayEquals(sequence(g.dc0(), n, hs), ga.dc0(), 0.0, "dc0 " + where);
            double[] dp = ga.dParams().flatten();
            for (int i = 0; i < dp.length; i++) {
                dParamsSum[i] += dp[i];
            }
        }
        double[] dParams = g.dParams().flatten();
        for (int i = 0; i < dParams.length; i++) {
            assertEquals(dParamsSum[i], dParams[i], 1e-12 * Math.abs(dParamsSum[i]) + 1e-14, "dParams[" + i + "]");
        }
        checkPaddedDyIsIgnored(rnn, batch, g, dY, dHn, dCn, lengths, width);
    }

    private static void checkPaddedDyIsIgnored(ReferenceRnn rnn, Forward batch, Gradients g, double[] dY,
            double[] dHn, double[] dCn, int[] lengths, int width) {
        double[] noisy = dY.clone();
        for (int t = 0; t < T; t++) {
            for (int n = 0; n < N; n++) {
                if (t >= lengths[n]) {
                    Arrays.fill(noisy, (t * N + n) * width, (t * N + n + 1) * width, 1e3);
                }
            }
        }
        Gradients gn = rnn.backward(batch, noisy, dHn, dCn);
        assertArrayEquals(g.dx(), gn.dx(), 0.0);
        assertArrayEquals(g.dh0(), gn.dh0(), 0.0);
        assertArrayEquals(g.dParams().flatten(), gn.dParams().flatten(), 0.0);
    }

    /** Rows t < steps of sequence n of a [T, N, width] array, as [steps, 1, width]. */
    private static double[] rows(double[] tnc, int n, int steps, int width) {
        double[] out = new double[steps * width];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(tnc, (t * N + n) * width, out, t * width, width);
        }
        return out;
    }

    /** [len, 1, width] zero-padded to [T, 1, width]. */
    private static double[] padded(double[] rows, int width) {
        return Arrays.copyOf(rows, T * width);
    }

    /** Sequence n of an [L, D, N, C] state array, as [L, D, 1, C]; null stays null. */
    private static double[] sequence(double[] ldnc, int n, int width) {
        if (ldnc == null) {
            return null;
        }
        int blocks = ldnc.length / (N * width); // L * D
        double[] out = new double[blocks * width];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(ldnc, (b * N + n) * width, out, b * width, width);
        }
        return out;
    }
}
