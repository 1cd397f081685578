package org.rnn4j.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/**
 * Checks every analytic gradient (x, h0, c0, every weight) against central finite differences
 * (f(v + ε) − f(v − ε)) / 2ε in double precision, ε = 1e-6.
 *
 * <p>Tolerance: |analytic − numeric| ≤ 1e-6 · max(|analytic|, |numeric|) + 1e-8. The truncation error of
 * the central difference is O(ε²) ≈ 1e-12 and the rounding error about ulp(loss) / ε ≈ 1e-10 for losses of
 * order 1, so the absolute floor 1e-8 only absorbs rounding on near-zero gradients. ReLU is included:
 * with these seeds no pre-activation lies within ε of the kink.
 */
class FiniteDifferenceTest {
    private static final double EPS = 1e-6;
    private static final double RELATIVE = 1e-6;
    private static final double ABSOLUTE = 1e-8;
    private static final int T = 3;
    private static final int N = 3;
    /** Unsorted, with one sequence of length 1 and one of full length. */
    private static final int[] VARIABLE_LENGTHS = {2, 3, 1};

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Nets.Variant variant : Nets.Variant.values()) {
            for (Direction direction : Direction.values()) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (boolean withState : new boolean[] {false, true}) {
                        for (boolean variableLengths : new boolean[] {false, true}) {
                            cases.add(Arguments.of(variant, direction, layers, withState, variableLengths));
                        }
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} layers={2} initialState={3} variableLengths={4}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(Nets.Variant variant, Direction direction, int layers,
            boolean withState, boolean variableLengths) {
        RnnConfig config = variant.config(direction, layers);
        ReferenceRnn rnn = new ReferenceRnn(config);
        Random random = new Random(31L * variant.ordinal() + 7L * direction.ordinal() + layers);
        RnnParams params = RnnParams.random(config, random.nextLong(), 0.6);
        double[] x = Nets.random(random, (long) T * N * config.inputSize(), 1.0); // [T, N, I]
        int[] lengths = variableLengths ? VARIABLE_LENGTHS : null;
        double[] h0 = withState ? Nets.randomH0(config, random, N) : null;
        double[] c0 = withState ? Nets.randomC0(config, random, N) : null;
        double[] dY = Nets.random(random, (long) T * N * config.outputWidth(), 1.0);
        double[] dHn = Nets.random(random, config.hiddenStateSize(N), 1.0);
        double[] dCn = config.cell().isLstm() ? Nets.random(random, config.cellStateSize(N), 1.0) : null;

        Gradients g = rnn.backward(rnn.forward(params, x, T, N, lengths, h0, c0), dY, dHn, dCn);

        // Without initial states the gradient is taken at zeros, which forward(null) must equal.
        double[] h0At = orZeros(h0, config.hiddenStateSize(N));
        double[] c0At = orZeros(c0, config.cellStateSize(N)); // null for non-LSTM cells
        Loss loss = (p, xv, h, c) -> Nets.loss(rnn.forward(p, xv, T, N, lengths, h, c), dY, dHn, dCn);

        checkArray("dx", g.dx(), x, v -> loss.at(params, v, h0At, c0At));
        checkArray("dh0", g.dh0(), h0At, v -> loss.at(params, x, v, c0At));
        if (c0At != null) {
            checkArray("dc0", g.dc0(), c0At, v -> loss.at(params, x, h0At, v));
        }
        checkArray("dParams", g.dParams().flatten(), params.flatten(),
                v -> loss.at(RnnParams.unflatten(config, v), x, h0At, c0At));
    }

    /** {@code a}, or zeros of the given size when it is null; null when the size is 0. */
    private static double[] orZeros(double[] a, long size) {
        if (a != null || size == 0) {
            return a;
        }
        return new double[Math.toIntExact(size)];
    }

    private interface Loss {
        double at(RnnParams params, double[] x, double[] h0, double[] c0);
    }

    private interface Function {
        double at(double[] point);
    }

    /** Compares analytic[i] with the central difference of f along coordinate i of point, for all i. */
    private static void checkArray(String name, double[] analytic, double[] point, Function f) {
        double[] v = point.clone();
        for (int i = 0; i < v.length; i++) {
            double saved = v[i];
            v[i] = saved + EPS;
            double plus = f.at(v);
            v[i] = saved - EPS;
            double minus = f.at(v);
            v[i] = saved;
            double numeric = (plus - minus) / (2 * EPS);
            double tolerance = RELATIVE * Math.max(Math.abs(analytic[i]), Math.abs(numeric)) + ABSOLUTE;
            assertTrue(Math.abs(analytic[i] - numeric) <= tolerance,
                    name + "[" + i + "]: analytic " + analytic[i] + " vs numeric " + numeric);
        }
    }
}
