package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.Precision;
import org.rnn4j.RnnConfig;
import org.rnn4j.reference.Forward;
import org.rnn4j.reference.Gradients;
import org.rnn4j.reference.ReferenceRnn;
import org.rnn4j.reference.RnnParams;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * The native kernels in {@link Precision#BF16} against the same kernels in f32 and against the double reference:
 * outputs, final states, the input and initial-state gradients and every weight gradient, for every cell oneDNN runs
 * in bf16 (all but LSTM with projection) × direction × {1, 2} layers × {fixed, variable} lengths, on several shapes.
 *
 * <p>Tolerance: norm-wise {@code ||bf16 - x|| / ||x|| <= 1e-2}. bf16 keeps 8 significant bits, so every rounded
 * operand (input, state, weight) is off by at most 2^-9 = 2e-3 relative; the products accumulate in f32 and the
 * roundings of many terms add in norm, mostly cancelling (the C++ tests saw at most 5e-3). ReLU's gradients are the
 * exception: its derivative jumps at 0, and a pre-activation that bf16 moves across 0 flips a whole gradient entry (a
 * few % of the norm in tests this small), so for RNN_RELU only the forward values are compared here; the C++ test
 * {@code relu_gradients_match_f32} checks its gradients on data with provably positive pre-activations.
 */
class Bf16RnnTest {
    static final double TOLERANCE = 1e-2;

    @BeforeAll
    static void needsBf16() {
        assumeTrue(Precision.bf16Supported(), "oneDNN's CPU ISA " + Precision.cpuIsa() + " has no avx512_core_bf16");
    }

    enum Variant {
        RNN_TANH(CellKind.RNN_TANH, false), RNN_RELU(CellKind.RNN_RELU, false), RNN_SIGMOID(CellKind.RNN_SIGMOID, false),
        LSTM(CellKind.LSTM, false), LSTM_PEEPHOLE(CellKind.LSTM, true), GRU(CellKind.GRU, false),
        LBR_GRU(CellKind.LBR_GRU, false);

        final CellKind cell;
        final boolean peephole;

        Variant(CellKind cell, boolean peephole) {
            this.cell = cell;
            this.peephole = peephole;
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Variant v : Variant.values()) {
            for (Direction d : Direction.values()) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (boolean variable : new boolean[] {false, true}) {
                        cases.add(Arguments.of(v, d, layers, variable));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} layers={2} variableLengths={3}")
    @MethodSource("matrix")
    void bf16MatchesF32AndReference(Variant variant, Direction direction, int layers, boolean variable) {
        RnnConfig config = RnnConfig.builder(variant.cell, 6, 8).direction(direction).layers(layers)
                .peephole(variant.peephole).build();
        int[] lengths = variable ? new int[] {3, 6, 1, 6, 2} : null;
        check(config, 6, 5, lengths, 100L * variant.ordinal() + 10L * layers + direction.ordinal());
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(CellKind.LSTM, 1, 1, 3, 4, false),
                Arguments.of(CellKind.LSTM, 25, 16, 32, 64, false),
                Arguments.of(CellKind.LBR_GRU, 20, 8, 48, 32, true),
                Arguments.of(CellKind.RNN_TANH, 30, 4, 16, 96, true),
                Arguments.of(CellKind.GRU, 9, 1, 4, 4, false));
    }

    @ParameterizedTest(name = "{0} T={1} N={2} I={3} H={4} variableLengths={5}")
    @MethodSource("shapes")
    void shapesMatch(CellKind cell, int steps, int batch, int input, int hidden, boolean variable) {
        RnnConfig config = RnnConfig.builder(cell, input, hidden).build();
        int[] lengths = null;
        if (variable) {
            lengths = new int[batch];
            for (int n = 0; n < batch; n++) {
                lengths[n] = steps - (n * 7) % steps;
            }
        }
        check(config, steps, batch, lengths, 31L * steps + batch);
    }

    private static void check(RnnConfig f32Config, int steps, int batch, int[] lengths, long seed) {
        Random random = new Random(seed);
        RnnParams params = roundedParams(f32Config, seed);
        double[] x = Oracle.random(random, (long) steps * batch * f32Config.inputSize(), 1.0);
        double[] h0 = Oracle.random(random, f32Config.hiddenStateSize(batch), 0.8);
        double[] c0 = f32Config.cell().isLstm() ? Oracle.random(random, f32Config.cellStateSize(batch), 0.8) : null;
        double[] dy = Oracle.random(random, (long) steps * batch * f32Config.outputWidth(), 1.0);
        double[] dhn = Oracle.random(random, f32Config.hiddenStateSize(batch), 1.0);
        double[] dcn = f32Config.cell().isLstm() ? Oracle.random(random, f32Config.cellStateSize(batch), 1.0) : null;
        ReferenceRnn reference = new ReferenceRnn(f32Config);
        Forward expected = reference.forward(params, x, steps, batch, lengths, h0, c0);
        Gradients grads = reference.backward(expected, dy, dhn, dcn);
        Map<String, double[]> ref = new LinkedHashMap<>();
        ref.put("output", expected.y());
        ref.put("h_n", expected.hn());
        if (c0 != null) {
            ref.put("c_n", expected.cn());
        }
        ref.put("dx", grads.dx());
        ref.put("dh0", grads.dh0());
        if (c0 != null) {
            ref.put("dc0", grads.dc0());
        }
        ref.put("weight gradients", grads.dParams().flatten());

        Map<String, double[]> f32 = run(f32Config, params, x, h0, c0, dy, dhn, dcn, steps, batch, lengths);
        RnnConfig bf16Config = f32Config.toBuilder().precision(Precision.BF16).build();
        Map<String, double[]> bf16 = run(bf16Config, params, x, h0, c0, dy, dhn, dcn, steps, batch, lengths);
        boolean forwardOnly = f32Config.cell() == CellKind.RNN_RELU;
        for (String name : ref.keySet()) {
            if (forwardOnly && name.startsWith("d") || forwardOnly && name.startsWith("weight")) {
                continue;
            }
            assertNear(name + " vs f32", bf16.get(name), f32.get(name));
            assertNear(name + " vs the reference", bf16.get(name), ref.get(name));
            assertTrue(Oracle.relativeError(f32.get(name), ref.get(name)) <= Oracle.TOLERANCE, name + ": f32 itself");
        }
    }

    /**
     * Weights uniform in ±1/√H (PyTorch's default initialisation), rounded to f32: the scale networks train at.
     * Much larger weights saturate tanh and sigmoid, where the derivative 1 - h² computed from a bf16-rounded h
     * loses most of its digits (h = 0.99: 1 - h² = 0.02 ± 0.004), or make the network chaotic (spectral radius
     * above 1), where any rounding, f32's included, grows exponentially with T.
     */
    private static RnnParams roundedParams(RnnConfig config, long seed) {
        double[] flat = RnnParams.random(config, seed, 1 / Math.sqrt(config.hiddenSize())).flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) flat[i];
        }
        return RnnParams.unflatten(config, flat);
    }

    private static Map<String, double[]> run(RnnConfig config, RnnParams params, double[] x, double[] h0, double[] c0,
                                             double[] dy, double[] dhn, double[] dcn, int steps, int batch,
                                             int[] lengths) {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.zeros(config);
            Oracle.load(params, weights);
            Tensor input = Oracle.tensor(x, steps, batch, config.inputSize());
            RnnState initial = new RnnState(Oracle.tensor(h0, RnnState.hiddenShape(config, batch).dims()),
                    c0 == null ? null : Oracle.tensor(c0, RnnState.cellShape(config, batch).dims()));
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, input, lengths, initial);
            out.put("output", Oracle.toDouble(fwd.output().toFloatArray()));
            out.put("h_n", Oracle.toDouble(fwd.finalState().h().toFloatArray()));
            if (c0 != null) {
                out.put("c_n", Oracle.toDouble(fwd.finalState().c().toFloatArray()));
            }
            RnnState dFinal = new RnnState(Oracle.tensor(dhn, RnnState.hiddenShape(config, batch).dims()),
                    dcn == null ? null : Oracle.tensor(dcn, RnnState.cellShape(config, batch).dims()));
            RnnWeights weightGradients = RnnWeights.zeros(config);
            RnnBackward back = rnn.backward(fwd, Oracle.tensor(dy, fwd.output().shape().dims()), dFinal,
                    weightGradients, GradientMode.OVERWRITE);
            out.put("dx", Oracle.toDouble(back.inputGradient().toFloatArray()));
            out.put("dh0", Oracle.toDouble(back.initialStateGradient().h().toFloatArray()));
            if (c0 != null) {
                out.put("dc0", Oracle.toDouble(back.initialStateGradient().c().toFloatArray()));
            }
            out.put("weight gradients", Oracle.flatten(weightGradients));
        }
        return out;
    }

    /** ||actual - expected|| / ||expected|| <= TOLERANCE (Euclidean norms). */
    static void assertNear(String what, double[] actual, double[] expected) {
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        double error = Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-30);
        assertTrue(error <= TOLERANCE, what + ": norm-wise relative error " + error + " > " + TOLERANCE);
    }
}
