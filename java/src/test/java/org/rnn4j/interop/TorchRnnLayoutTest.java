package org.rnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.io.HostArray;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Config inference, round trips rnn4j ↔ PyTorch names, the bias split, and every rejection. */
class TorchRnnLayoutTest {

    static Stream<Arguments> modules() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (TorchCell cell : TorchCell.values()) {
            for (int proj : cell == TorchCell.LSTM ? new int[] {0, 2} : new int[] {0}) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (boolean bidirectional : new boolean[] {false, true}) {
                        b.add(Arguments.of(cell, layers, bidirectional, proj));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2} proj={3}")
    @MethodSource("modules")
    void infersTheConfigFromNamesAndShapes(TorchCell cell, int layers, boolean bidirectional, int proj) {
        TorchCase c = TorchCase.random(cell, layers, bidirectional, proj, false, 1);
        RnnConfig expected = RnnConfig.builder(cell.cell(), c.inputSize, c.hiddenSize).layers(layers)
                .direction(bidirectional ? Direction.BIDIRECTIONAL_CONCAT : Direction.LEFT_TO_RIGHT)
                .projection(proj).build();
        assertEquals(expected, TorchRnnLayout.inferConfig(cell, c.stateDict()));
        Map<String, long[]> shapes = TorchRnnLayout.stateDictShapes(expected);
        assertEquals(List.copyOf(c.shapes.keySet()), List.copyOf(shapes.keySet()), "names in state_dict order");
        for (String name : c.shapes.keySet()) {
            assertArrayEquals(c.shapes.get(name), shapes.get(name), name);
        }
    }

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2} proj={3}")
    @MethodSource("modules")
    void rnn4jWeightsRoundTripThroughPyTorchNames(TorchCell cell, int layers, boolean bidirectional, int proj) {
        RnnConfig config = RnnConfig.builder(cell.cell(), 3, 5).layers(layers).projection(proj)
                .direction(bidirectional ? Direction.BIDIRECTIONAL_CONCAT : Direction.LEFT_TO_RIGHT).build();
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights original = RnnWeights.uniform(config, 7);
            Map<String, HostArray> stateDict = TorchRnnLayout.exportWeights(original);
            assertEquals(List.copyOf(TorchRnnLayout.stateDictShapes(config).keySet()), List.copyOf(stateDict.keySet()));
            RnnWeights back = TorchRnnLayout.importStateDict(cell, stateDict);
            assertEquals(config, back.config());
            for (Map.Entry<String, Tensor> e : original.tensors().entrySet()) {
                assertArrayEquals(e.getValue().toFloatArray(), back.tensors().get(e.getKey()).toFloatArray(),
                        e.getKey());
            }
        }
    }

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2} proj={3}")
    @MethodSource("modules")
    void pyTorchStateDictRoundTripsThroughRnn4j(TorchCell cell, int layers, boolean bidirectional, int proj) {
        TorchCase c = TorchCase.random(cell, layers, bidirectional, proj, false, 3);
        for (Map.Entry<String, double[]> e : c.params.entrySet()) {
            if (e.getKey().startsWith("bias_hh")) {
                // Only the GRU's b_hn survives a round trip on its own: the other biases are exported summed.
                int keep = cell == TorchCell.GRU ? 2 * c.hiddenSize : e.getValue().length;
                Arrays.fill(e.getValue(), 0, keep, 0);
            }
        }
        Map<String, HostArray> stateDict = c.stateDict();
        try (TensorScope scope = TensorScope.open()) {
            Map<String, HostArray> back = TorchRnnLayout.exportWeights(TorchRnnLayout.importStateDict(cell, stateDict));
            assertEquals(stateDict, back);
        }
    }

    @Test
    void gruGatesAndBiasesFollowTheDocumentedMapping() {
        TorchCase c = TorchCase.random(TorchCell.GRU, 1, false, 0, false, 5);
        int h = c.hiddenSize, in = c.inputSize;
        double[] w = c.params.get("weight_ih_l0"), bIh = c.params.get("bias_ih_l0"), bHh = c.params.get("bias_hh_l0");
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights weights = TorchRnnLayout.importStateDict(TorchCell.GRU, c.stateDict());
            float[] ldigo = weights.weightsLayer().toFloatArray(); // [I, 3, H] gates u, r, o
            float[] bias = weights.bias().toFloatArray(); // [4, H] gates u, r, o, u′
            int[] torchBlock = {1, 0, 2}; // u = z (block 1), r = r (block 0), o = n (block 2)
            for (int k = 0; k < in; k++) {
                for (int g = 0; g < 3; g++) {
                    for (int j = 0; j < h; j++) {
                        assertEquals((float) w[(torchBlock[g] * h + j) * in + k], ldigo[(k * 3 + g) * h + j]);
                    }
                }
            }
            for (int j = 0; j < h; j++) {
                assertEquals((float) bIh[h + j] + (float) bHh[h + j], bias[j], "u = b_iz + b_hz");
                assertEquals((float) bIh[j] + (float) bHh[j], bias[h + j], "r = b_ir + b_hr");
                assertEquals((float) bIh[2 * h + j], bias[2 * h + j], "o = b_in");
                assertEquals((float) bHh[2 * h + j], bias[3 * h + j], "u′ = b_hn");
            }
        }
    }

    @Test
    void gradientExportSplitsBiasesAsPyTorchDoes() {
        RnnConfig lstm = RnnConfig.builder(CellKind.LSTM, 2, 3).build();
        RnnConfig gru = RnnConfig.builder(CellKind.LBR_GRU, 2, 3).build();
        try (TensorScope scope = TensorScope.open()) {
            Map<String, HostArray> l = TorchRnnLayout.exportGradients(RnnWeights.uniform(lstm, 1));
            assertEquals(l.get("bias_ih_l0"), l.get("bias_hh_l0"), "d b_ih = d b_hh = d bias");
            Map<String, HostArray> lw = TorchRnnLayout.exportWeights(RnnWeights.uniform(lstm, 1));
            assertArrayEquals(new float[12], lw.get("bias_hh_l0").floats(), "exported weights: bias_hh = 0");
            assertArrayEquals(l.get("bias_ih_l0").floats(), lw.get("bias_ih_l0").floats(), "exported bias_ih = bias");

            RnnWeights gruGrads = RnnWeights.uniform(gru, 2);
            float[] d = gruGrads.bias().toFloatArray(); // [4, 3]: u, r, o, u′
            Map<String, HostArray> g = TorchRnnLayout.exportGradients(gruGrads);
            float[] ih = g.get("bias_ih_l0").floats(), hh = g.get("bias_hh_l0").floats(); // r, z, n
            assertArrayEquals(torchOrder(d, 3, 2), ih, "d b_ih = [d r, d u, d o]");
            assertArrayEquals(torchOrder(d, 3, 3), hh, "d b_hh = [d r, d u, d u′]");
        }
    }

    /** Blocks r (1), u (0), then {@code lastBlock} of a [4, h] LBR-GRU bias, as [3 * h]. */
    private static float[] torchOrder(float[] bias, int h, int lastBlock) {
        float[] out = new float[3 * h];
        System.arraycopy(bias, h, out, 0, h);
        System.arraycopy(bias, 0, out, h, h);
        System.arraycopy(bias, lastBlock * h, out, 2 * h, h);
        return out;
    }

    @Test
    void statesHavePyTorchsShapes() {
        RnnConfig c = RnnConfig.builder(CellKind.LSTM, 3, 5).layers(2).projection(2)
                .direction(Direction.BIDIRECTIONAL_CONCAT).build();
        assertArrayEquals(new long[] {4, 7, 2}, TorchRnnLayout.hiddenStateShape(c, 7));
        assertArrayEquals(new long[] {4, 7, 5}, TorchRnnLayout.cellStateShape(c, 7));
        assertThrows(IllegalArgumentException.class,
                () -> TorchRnnLayout.cellStateShape(RnnConfig.builder(CellKind.RNN_TANH, 1, 2).build(), 1));
    }

    @Test
    void rejectsEveryMalformedStateDict() {
        rejects("weight_hh_l0: missing", TorchCell.LSTM, m -> m.remove("weight_hh_l0"));
        rejects("bias_hh_l1: missing (bias-free modules", TorchCell.LSTM, m -> m.remove("bias_hh_l1"));
        rejects("bias_ih_l0: missing (bias-free", TorchCell.GRU, m -> {
            m.remove("bias_ih_l0");
            m.remove("bias_hh_l0");
            m.remove("bias_ih_l1");
            m.remove("bias_hh_l1");
        });
        rejects("weight_ih_l0_reverse: missing", TorchCell.GRU, m -> m.put("bias_ih_l0_reverse", m.get("bias_ih_l0")));
        rejects("running_mean: unexpected", TorchCell.RNN_TANH, m -> m.put("running_mean", m.get("bias_ih_l0")));
        rejects("weight_hr_l0: unexpected, only nn.LSTM", TorchCell.GRU, m -> m.put("weight_hr_l0",
                HostArray.ofFloats(new float[8], 2, 4)));
        rejects("weight_hh_l1: expected shape [16, 4] ([4*H, H]), got [16, 3]", TorchCell.LSTM,
                m -> m.put("weight_hh_l1", HostArray.ofFloats(new float[48], 16, 3)));
        rejects("weight_ih_l1: expected shape [12, 4] ([3*H, H]), got [12, 3]", TorchCell.GRU,
                m -> m.put("weight_ih_l1", HostArray.ofFloats(new float[36], 12, 3)));
        rejects("bias_ih_l0: expected shape [4] ([H]), got [4, 1]", TorchCell.RNN_RELU,
                m -> m.put("bias_ih_l0", HostArray.ofFloats(new float[4], 4, 1)));
        rejects("weight_ih_l0: expected shape [4*H, I]", TorchCell.LSTM,
                m -> m.put("weight_ih_l0", HostArray.ofFloats(new float[30], 10, 3)));
        rejects("bias_hh_l0: expected dtype F32 (float32), got F64", TorchCell.GRU,
                m -> m.put("bias_hh_l0", HostArray.ofDoubles(new double[12], 12)));
        rejects("weight_ih_l0: expected dtype F32", TorchCell.LSTM,
                m -> m.put("weight_ih_l0", HostArray.ofInts(new int[48], 16, 3)));
        rejects("weight_ih_l0: missing", TorchCell.LSTM, Map::clear);
    }

    @Test
    void rejectsProjectionNotSmallerThanHidden() {
        TorchCase c = TorchCase.random(TorchCell.LSTM, 1, false, 2, false, 1);
        Map<String, HostArray> m = new LinkedHashMap<>(c.stateDict());
        m.put("weight_hr_l0", HostArray.ofFloats(new float[16], 4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchRnnLayout.inferConfig(TorchCell.LSTM, m));
        assertTrue(e.getMessage().contains("weight_hr_l0: expected shape [P, 4] ([proj_size, H] with 0 < proj_size "
                + "< H = 4), got [4, 4]"), e.getMessage());
    }

    @Test
    void refusesToExportWhatPyTorchCannotRepresent() {
        try (TensorScope scope = TensorScope.open()) {
            for (RnnConfig c : List.of(RnnConfig.builder(CellKind.LSTM, 2, 3).peephole(true).build(),
                    RnnConfig.builder(CellKind.GRU, 2, 3).build(),
                    RnnConfig.builder(CellKind.RNN_SIGMOID, 2, 3).build(),
                    RnnConfig.builder(CellKind.LSTM, 2, 3).direction(Direction.BIDIRECTIONAL_SUM).build(),
                    RnnConfig.builder(CellKind.RNN_TANH, 2, 3).direction(Direction.RIGHT_TO_LEFT).build())) {
                RnnWeights w = RnnWeights.zeros(c);
                assertThrows(IllegalArgumentException.class, () -> TorchRnnLayout.exportWeights(w), c::toString);
                assertThrows(IllegalArgumentException.class, () -> TorchRnnLayout.exportGradients(w), c::toString);
            }
        }
    }

    @Test
    void cellNamesParse() {
        assertEquals(TorchCell.RNN_RELU, TorchCell.parse("RNN_relu"));
        assertEquals(CellKind.LBR_GRU, TorchCell.parse("gru").cell());
        assertEquals(TorchCell.GRU, TorchCell.of(CellKind.LBR_GRU));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchCell.parse("peephole"));
        assertEquals("cell must be one of lstm, gru, rnn_tanh, rnn_relu, got 'peephole'", e.getMessage());
    }

    @Test
    void sequenceLayoutsTransposeTimeAndBatch() {
        float[] ntc = new float[2 * 3 * 4]; // [N=2, T=3, C=4]
        for (int i = 0; i < ntc.length; i++) {
            ntc[i] = i;
        }
        float[] tnc = SequenceLayout.NTC.toTnc(ntc, 3, 2, 4);
        assertEquals(ntc[(1 * 3 + 2) * 4 + 3], tnc[(2 * 2 + 1) * 4 + 3], "n=1, t=2, c=3");
        assertArrayEquals(ntc, SequenceLayout.NTC.fromTnc(tnc, 3, 2, 4));
        assertArrayEquals(ntc, SequenceLayout.TNC.toTnc(ntc, 2, 3, 4));
        assertArrayEquals(new long[] {2, 3, 4}, SequenceLayout.NTC.shape(3, 2, 4));
        assertEquals(1, SequenceLayout.NTC.timeAxis());
    }

    private interface Edit {
        void apply(Map<String, HostArray> stateDict);
    }

    private static void rejects(String fragment, TorchCell cell, Edit edit) {
        Map<String, HostArray> m = new LinkedHashMap<>(TorchCase.random(cell, 2, false, 0, false, 9).stateDict());
        edit.apply(m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchRnnLayout.inferConfig(cell, m), fragment);
        assertTrue(e.getMessage().contains(fragment), () -> "\"" + e.getMessage() + "\" contains \"" + fragment + "\"");
        assertTrue(e.getMessage().startsWith("state_dict tensor "), e.getMessage());
    }
}
