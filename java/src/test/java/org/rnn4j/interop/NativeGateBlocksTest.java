package org.rnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * The native per-step conversions equal the Java ones bit for bit, for every configuration RecurrentLayoutTest
 * covers plus widths that are not multiples of the 32-wide tiles; and librnn4j refuses bad arguments.
 */
class NativeGateBlocksTest {

    static Stream<Arguments> configs() {
        Stream<Arguments> wide = Stream.of(CellKind.LSTM, CellKind.LBR_GRU, CellKind.GRU, CellKind.RNN_TANH)
                .map(cell -> Arguments.of(RnnConfig.builder(cell, 37, 70).layers(2).direction(Direction.BIDIRECTIONAL_CONCAT)
                        .build()));
        Stream<Arguments> projected = Stream.of(Arguments.of(RnnConfig.builder(CellKind.LSTM, 33, 65).projection(31)
                .peephole(true).layers(2).build()));
        return Stream.concat(Stream.concat(RecurrentLayoutTest.configs(), wide), projected);
    }

    private static Map<String, Tensor> randomTensors(RnnConfig config, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        RecurrentLayout.shapes(config).forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextFloat() * 2 - 1;
            }
            m.put(name, Tensor.of(v, shape));
        });
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void weightsToTheEngineEqualTheJavaConversion(RnnConfig config) {
        assertTrue(NativeGateBlocks.available(), "librnn4j must be loaded for this test");
        try (TensorScope scope = TensorScope.open()) {
            Map<String, Tensor> params = randomTensors(config, 3);
            RnnWeights viaNative = RnnWeights.zeros(config);
            RecurrentLayout.tensorsToEngine(params, viaNative);
            Map<String, float[]> arrays = new LinkedHashMap<>();
            params.forEach((name, t) -> arrays.put(name, t.toFloatArray()));
            RnnWeights viaJava = RnnWeights.zeros(config);
            RecurrentLayout.toEngine(arrays, viaJava);
            viaJava.tensors().forEach((name, t) ->
                    assertArrayEquals(t.toFloatArray(), viaNative.tensors().get(name).toFloatArray(), name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void gradientsAddedBackEqualTheJavaConversion(RnnConfig config) {
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights gradients = RnnWeights.uniform(config, 9);
            Map<String, Tensor> viaNative = randomTensors(config, 4);
            Map<String, Tensor> viaJava = randomTensors(config, 4);
            RecurrentLayout.addGradients(gradients, viaNative);
            RecurrentLayout.addGradientsInJava(gradients, viaJava);
            viaJava.forEach((name, t) -> assertArrayEquals(t.toFloatArray(), viaNative.get(name).toFloatArray(), name));
        }
    }

    @Test
    void missingOrMisshapenTensorsAreRefusedByName() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 4).build();
        try (TensorScope scope = TensorScope.open()) {
            Map<String, Tensor> params = randomTensors(config, 1);
            params.remove("bias_hh_l0");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RecurrentLayout.tensorsToEngine(params, RnnWeights.zeros(config)));
            assertTrue(e.getMessage().contains("bias_hh_l0"), e.getMessage());
            Map<String, Tensor> grads = randomTensors(config, 1);
            grads.put("weight_ih_l0", Tensor.zeros(3, 3));
            e = assertThrows(IllegalArgumentException.class,
                    () -> RecurrentLayout.addGradients(RnnWeights.zeros(config), grads));
            assertTrue(e.getMessage().contains("weight_ih_l0") && e.getMessage().contains("48"), e.getMessage());
        }
    }

    @Test
    void librnn4jRefusesAGateOrderThatIsNotAPermutation() {
        try (IntPointer twice = new IntPointer(new int[] {0, 0}); FloatPointer a = new FloatPointer(8);
             FloatPointer b = new FloatPointer(8)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NativeLibrary.call(() -> rnn4j.torch_to_ldigo(2, 2, 2, twice, a, b)));
            assertTrue(e.getMessage().contains("torch_gate_of"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> NativeLibrary.call(() -> rnn4j.ldigo_to_torch(2, 2, 2, twice, a, b, 7)));
        }
    }
}
