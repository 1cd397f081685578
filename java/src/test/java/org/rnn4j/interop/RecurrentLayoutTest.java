package org.rnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * RecurrentLayout for every cell variant × direction × layers (with peephole and projection for the
 * LSTM): names and shapes, round trips both ways, and the gradient conversion as the exact adjoint of
 * the weight conversion (so a layer's PyTorch-layout gradients are the true gradients of its parameters).
 */
class RecurrentLayoutTest {

    static Stream<Arguments> configs() {
        List<Arguments> all = new ArrayList<>();
        for (CellKind cell : CellKind.values()) {
            List<int[]> variants = cell == CellKind.LSTM
                    ? List.of(new int[] {0, 0}, new int[] {2, 0}, new int[] {0, 1}, new int[] {2, 1})
                    : List.<int[]>of(new int[] {0, 0});
            for (int[] v : variants) {
                for (Direction direction : Direction.values()) {
                    for (int layers = 1; layers <= 2; layers++) {
                        all.add(Arguments.of(RnnConfig.builder(cell, 3, 4).layers(layers).direction(direction)
                                .projection(v[0]).peephole(v[1] == 1).build()));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void engineWeightsRoundTrip(RnnConfig config) {
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights original = RnnWeights.uniform(config, 11);
            RnnWeights back = RnnWeights.zeros(config);
            RecurrentLayout.toEngine(RecurrentLayout.weightsFromEngine(original), back);
            for (Map.Entry<String, Tensor> e : original.tensors().entrySet()) {
                assertArrayEquals(e.getValue().toFloatArray(), back.tensors().get(e.getKey()).toFloatArray(),
                        e.getKey());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void parametersRoundTripWhenBiasHhHoldsOnlyItsOwnGates(RnnConfig config) {
        Map<String, float[]> params = random(config, 5);
        int h = config.hiddenSize();
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            if (e.getKey().startsWith("bias_hh")) {
                // Only the LBR-GRU's b_hn (block 2) is its own engine gate; the others come back summed in bias_ih.
                int keep = config.cell() == CellKind.LBR_GRU ? 2 * h : e.getValue().length;
                Arrays.fill(e.getValue(), 0, keep, 0f);
            }
        }
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights w = RnnWeights.zeros(config);
            RecurrentLayout.toEngine(params, w);
            Map<String, float[]> back = RecurrentLayout.weightsFromEngine(w);
            assertEquals(List.copyOf(params.keySet()), List.copyOf(back.keySet()));
            for (String name : params.keySet()) {
                assertArrayEquals(params.get(name), back.get(name), name);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void gradientConversionIsTheAdjointOfTheWeightConversion(RnnConfig config) {
        Map<String, float[]> params = random(config, 7);
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights w = RnnWeights.zeros(config);
            RecurrentLayout.toEngine(params, w);
            RnnWeights g = RnnWeights.uniform(config, 8);
            double engineSide = 0;
            for (Map.Entry<String, Tensor> e : w.tensors().entrySet()) {
                engineSide += dot(e.getValue().toFloatArray(), g.tensors().get(e.getKey()).toFloatArray());
            }
            Map<String, float[]> grads = RecurrentLayout.gradientsFromEngine(g);
            double parameterSide = 0;
            for (String name : params.keySet()) {
                parameterSide += dot(params.get(name), grads.get(name));
            }
            assertEquals(engineSide, parameterSide, 1e-4 * Math.max(1, Math.abs(engineSide)),
                    "<toEngine(P), G> = <P, gradientsFromEngine(G)>");

            Map<String, Tensor> into = new LinkedHashMap<>();
            grads.forEach((name, v) -> into.put(name, Tensor.of(v.clone(), v.length)));
            RecurrentLayout.addGradients(g, into);
            for (String name : grads.keySet()) {
                float[] twice = grads.get(name).clone();
                for (int i = 0; i < twice.length; i++) {
                    twice[i] *= 2;
                }
                assertArrayEquals(twice, into.get(name).toFloatArray(), name + " is added to");
            }
        }
    }

    @Test
    void namesExtendPyTorchsToTheCellsAndDirectionsItLacks() {
        RnnConfig sum = RnnConfig.builder(CellKind.GRU, 3, 4).layers(2).direction(Direction.BIDIRECTIONAL_SUM).build();
        Map<String, long[]> s = RecurrentLayout.shapes(sum);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(s.keySet()));
        assertArrayEquals(new long[] {12, 4}, s.get("weight_ih_l1"), "summed directions: layer 1 reads H");

        RnnConfig rtl = RnnConfig.builder(CellKind.RNN_SIGMOID, 3, 4).direction(Direction.RIGHT_TO_LEFT).build();
        assertEquals(List.of("weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse",
                "bias_hh_l0_reverse"), List.copyOf(RecurrentLayout.shapes(rtl).keySet()));

        RnnConfig peep = RnnConfig.builder(CellKind.LSTM, 3, 4).peephole(true).projection(2).build();
        Map<String, long[]> p = RecurrentLayout.shapes(peep);
        assertArrayEquals(new long[] {3, 4}, p.get("weight_peephole_l0"));
        assertArrayEquals(new long[] {2, 4}, p.get("weight_hr_l0"));
        assertArrayEquals(new long[] {16, 2}, p.get("weight_hh_l0"));
    }

    @Test
    void peepholeKeepsItsIfoOrderAndClassicGruSumsEveryBias() {
        RnnConfig peep = RnnConfig.builder(CellKind.LSTM, 1, 2).peephole(true).build();
        RnnConfig gru = RnnConfig.builder(CellKind.GRU, 1, 1).build();
        try (TensorScope scope = TensorScope.open()) {
            Map<String, float[]> params = random(peep, 1);
            params.put("weight_peephole_l0", new float[] {1, 2, 3, 4, 5, 6});
            RnnWeights w = RnnWeights.zeros(peep);
            RecurrentLayout.toEngine(params, w);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.peephole().toFloatArray(), "[3, H] i, f, o");

            Map<String, float[]> g = random(gru, 1);
            g.put("bias_ih_l0", new float[] {1, 2, 3});      // r, z, n
            g.put("bias_hh_l0", new float[] {10, 20, 30});
            RnnWeights gw = RnnWeights.zeros(gru);
            RecurrentLayout.toEngine(g, gw);
            assertArrayEquals(new float[] {22, 11, 33}, gw.bias().toFloatArray(), "u = z, r, o = n, each summed");
        }
    }

    @Test
    void missingOrMisshapedParametersAreNamed() {
        RnnConfig config = RnnConfig.builder(CellKind.RNN_TANH, 1, 2).build();
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights w = RnnWeights.zeros(config);
            Map<String, float[]> params = random(config, 1);
            params.remove("bias_hh_l0");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RecurrentLayout.toEngine(params, w));
            assertTrue(e.getMessage().startsWith("parameters must hold bias_hh_l0 (RnnConfig{"), e.getMessage());
            params.put("bias_hh_l0", new float[3]);
            e = assertThrows(IllegalArgumentException.class, () -> RecurrentLayout.toEngine(params, w));
            assertEquals("parameters.bias_hh_l0 must have 2 values, got 3", e.getMessage());
        }
    }

    private static Map<String, float[]> random(RnnConfig config, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> m = new LinkedHashMap<>();
        RecurrentLayout.shapes(config).forEach((name, shape) -> {
            long size = 1;
            for (long d : shape) {
                size *= d;
            }
            float[] v = new float[(int) size];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (2 * random.nextDouble() - 1);
            }
            m.put(name, v);
        });
        return m;
    }

    private static double dot(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
