package org.rnn4j.bench.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.jvm.FastForward;
import org.rnn4j.backend.jvm.FastGradients;
import org.rnn4j.backend.jvm.FastRnn;
import org.rnn4j.backend.jvm.FloatParams;

/**
 * The scalar baseline computes what the shipped JVM backend computes (so its timings are of the same work):
 * outputs, input gradients and every weight gradient, per cell, with stacked bidirectional layers and
 * variable lengths. Both are f32 with different summation orders; with weights and inputs in [-0.5, 0.5]
 * and sums of at most ~40 terms the two agree to well under 1e-4 (absolute, values of order 1).
 */
class ScalarRnnTest {
    private static final float TOLERANCE = 1e-4f;

    static java.util.stream.Stream<Arguments> cases() {
        return java.util.stream.Stream.of(CellKind.RNN_TANH, CellKind.RNN_RELU, CellKind.LSTM, CellKind.GRU,
                CellKind.LBR_GRU).flatMap(cell -> java.util.stream.Stream.of(
                Arguments.of(cell, 1, Direction.LEFT_TO_RIGHT, false),
                Arguments.of(cell, 2, Direction.BIDIRECTIONAL_CONCAT, true)));
    }

    @ParameterizedTest(name = "{0} layers={1} {2} variable={3}")
    @MethodSource("cases")
    void matchesTheJvmBackend(CellKind cell, int layers, Direction direction, boolean variable) {
        int steps = 5;
        int batch = 3;
        RnnConfig config = RnnConfig.builder(cell, 4, 6).layers(layers).direction(direction).build();
        SplittableRandom random = new SplittableRandom(11);
        FloatParams params = randomParams(config, random);
        float[] x = uniform(steps * batch * config.inputSize(), random);
        float[] dY = uniform(steps * batch * config.outputWidth(), random);
        int[] lengths = variable ? new int[] {5, 2, 4} : null;

        FastRnn fast = new FastRnn(config);
        FastForward expectedForward = fast.forward(params, x, steps, batch, lengths, null, null);
        FastGradients expected = fast.backward(expectedForward, dY, null, null);
        ScalarRnn scalar = new ScalarRnn(params);
        ScalarRnn.Pass pass = scalar.forward(x, steps, batch, lengths);
        ScalarRnn.Gradients actual = scalar.backward(pass, dY);

        assertClose(expectedForward.y(), pass.y(), "y");
        assertClose(expected.dx(), actual.dx(), "dx");
        for (int l = 0; l < layers; l++) {
            assertClose(expected.dParams().weightsLayer(l), actual.weights().weightsLayer(l), "dW_layer[" + l + "]");
            assertClose(expected.dParams().weightsIter(l), actual.weights().weightsIter(l), "dW_iter[" + l + "]");
            assertClose(expected.dParams().bias(l), actual.weights().bias(l), "dBias[" + l + "]");
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float largest = 0f;
        for (int i = 0; i < expected.length; i++) {
            largest = Math.max(largest, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], TOLERANCE, what + "[" + i + "]");
        }
        assertTrue(largest > 1e-3f, what + " is all (near) zero: the comparison would prove nothing");
    }

    private static FloatParams randomParams(RnnConfig config, SplittableRandom random) {
        FloatParams params = FloatParams.zeros(config);
        for (int l = 0; l < config.layers(); l++) {
            fill(params.weightsLayer(l), random);
            fill(params.weightsIter(l), random);
            fill(params.bias(l), random);
        }
        return params;
    }

    private static float[] uniform(int n, SplittableRandom random) {
        float[] v = new float[n];
        fill(v, random);
        return v;
    }

    private static void fill(float[] v, SplittableRandom random) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() - 0.5);
        }
    }
}
