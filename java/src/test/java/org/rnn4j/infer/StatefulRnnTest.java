package org.rnn4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Stepping T times equals one forward over the whole sequence; streams reset independently. */
class StatefulRnnTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void steppingEqualsWholeSequence(Backend backend) {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 5).layers(2).build();
        int steps = 6, streams = 2;
        float[] x = new float[steps * streams * 3];
        Random r = new Random(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        try (TensorScope scope = TensorScope.open(); RnnEngine engine = RnnEngines.create(config, backend)) {
            RnnWeights weights = RnnWeights.uniform(config, 9);
            float[] whole = engine.forward(Propagation.INFERENCE, weights, Tensor.of(x, steps, streams, 3), null)
                    .output().toFloatArray();
            try (StatefulRnn stateful = new StatefulRnn(engine, weights, streams)) {
                for (int t = 0; t < steps; t++) {
                    float[] step = new float[streams * 3];
                    System.arraycopy(x, t * streams * 3, step, 0, step.length);
                    float[] out = stateful.step(step);
                    for (int i = 0; i < out.length; i++) {
                        assertEquals(whole[t * out.length + i], out[i], 1e-5f, "step " + t);
                    }
                }
                float[] before = stateful.hiddenState();
                stateful.reset(1);
                float[] after = stateful.hiddenState();
                int width = 5;
                for (int l = 0; l < 2; l++) {
                    for (int j = 0; j < width; j++) {
                        assertEquals(before[(l * streams) * width + j], after[(l * streams) * width + j], "stream 0 kept");
                        assertEquals(0f, after[(l * streams + 1) * width + j], "stream 1 reset");
                    }
                }
            }
        }
    }

    @Test
    void aStartedStreamResetsToItsStartState() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 2, 3).build();
        try (TensorScope scope = TensorScope.open(); RnnEngine engine = RnnEngines.create(config, Backend.JVM);
             StatefulRnn stateful = new StatefulRnn(engine, RnnWeights.uniform(config, 2), 2)) {
            float[] h = {1, 2, 3, 4, 5, 6};                                          // [L = 1, 1, N = 2, S = 3]
            stateful.start(new RnnState(Tensor.of(h, 1, 1, 2, 3), Tensor.zeros(1, 1, 2, 3)));
            assertArrayEquals(h, stateful.hiddenState(), "starts there");
            stateful.step(new float[] {1, 1, 1, 1});
            float[] stepped = stateful.hiddenState();
            stateful.reset(0);
            float[] after = stateful.hiddenState();
            assertArrayEquals(new float[] {1, 2, 3, stepped[3], stepped[4], stepped[5]}, after, "only stream 0 back");
            stateful.reset();
            assertArrayEquals(h, stateful.hiddenState(), "every stream back to the start");
            assertThrows(IllegalArgumentException.class,
                    () -> stateful.start(new RnnState(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1, 1, 3, 3))));
        }
    }

    @Test
    void rejectsBidirectionalAndBadInput() {
        RnnConfig bi = RnnConfig.builder(CellKind.GRU, 2, 3).direction(Direction.BIDIRECTIONAL_CONCAT).build();
        try (TensorScope scope = TensorScope.open(); RnnEngine engine = RnnEngines.create(bi, Backend.JVM)) {
            assertThrows(IllegalArgumentException.class, () -> new StatefulRnn(engine, RnnWeights.zeros(bi), 1));
        }
        RnnConfig uni = RnnConfig.builder(CellKind.GRU, 2, 3).build();
        try (TensorScope scope = TensorScope.open(); RnnEngine engine = RnnEngines.create(uni, Backend.JVM);
             StatefulRnn s = new StatefulRnn(engine, RnnWeights.zeros(uni), 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(new float[3]));
            assertEquals("input must have N * I = 2 * 2 = 4 values, got 3", e.getMessage());
        }
    }

    @Test
    void samplingRespectsTopKAndTemperature() {
        float[] logits = {0f, 5f, 4.5f, -2f};
        assertEquals(1, Sampling.greedy(logits));
        Random random = new Random(1);
        int[] counts = new int[4];
        for (int i = 0; i < 2000; i++) {
            counts[Sampling.sample(logits, 1.0, 2, random)]++;
        }
        assertEquals(0, counts[0] + counts[3], "top-2 never picks the others");
        assertTrue(counts[1] > counts[2], "the larger logit is picked more often");
        int[] cold = new int[4];
        for (int i = 0; i < 500; i++) {
            cold[Sampling.sample(logits, 0.01, 0, random)]++;
        }
        assertArrayEquals(new int[] {0, 500, 0, 0}, cold, "a near-zero temperature is greedy");
        assertThrows(IllegalArgumentException.class, () -> Sampling.sample(logits, 0, 0, random));
        assertThrows(IllegalArgumentException.class, () -> Sampling.greedy(new float[] {Float.NaN}));
    }
}
