package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** FinalState and MeanPooling: values, and backward as the exact adjoint of forward. */
class PoolingTest {
    @Test
    void finalStateIsEachSequencesLastRealStepForwardAndStepZeroBackward() {
        Random random = new Random(1);
        RnnConfig config = Recurrent.gru(3).layers(2).bidirectional().toConfig(2);
        int[] lengths = {3, 1};
        try (TensorScope scope = TensorScope.open(); Recurrent rnn = new Recurrent("rnn", config, Backend.NATIVE, 3)) {
            Tensor x = Tensor.of(GradientCheck.random(random, 3 * 2 * 2, 1), 3, 2, 2);
            Recurrent.Pass pass = rnn.forward(x, RecurrentOptions.inference().lengths(lengths));
            FinalState last = new FinalState(config);
            SequenceContext context = SequenceContext.inference(lengths);
            float[] pooled = last.forward(pass.output(), context).output().toFloatArray();   // [N, 2·H]
            float[] y = pass.output().toFloatArray();                               // [T, N, 2·H]
            float[] h = pass.finalState().h().toFloatArray();                       // [L, D, N, H]
            for (int n = 0; n < 2; n++) {
                for (int j = 0; j < 3; j++) {
                    int lastStep = lengths[n] - 1;
                    assertEquals(y[(lastStep * 2 + n) * 6 + j], pooled[n * 6 + j], 1e-6, "forward direction");
                    assertEquals(y[(0 * 2 + n) * 6 + 3 + j], pooled[n * 6 + 3 + j], 1e-6, "reverse direction");
                    assertEquals(h[((1 * 2 + 0) * 2 + n) * 3 + j], pooled[n * 6 + j], 1e-6, "top layer's forward h_n");
                    assertEquals(h[((1 * 2 + 1) * 2 + n) * 3 + j], pooled[n * 6 + 3 + j], 1e-6, "top layer's reverse h_n");
                }
            }
            Tensor g = Tensor.of(GradientCheck.random(random, 2 * 6, 1), 2, 6);
            FinalState.Pass lastPass = last.forward(pass.output(), context);
            Tensor dy = last.backward(lastPass, g);
            assertEquals(GradientCheck.dot(g.toFloatArray(), lastPass.output()),
                    GradientCheck.dot(dy.toFloatArray(), pass.output()), 1e-5, "adjoint");
        }
    }

    @Test
    void finalStateRejectsSummedDirections() {
        RnnConfig config = Recurrent.gru(3).direction(Direction.BIDIRECTIONAL_SUM).toConfig(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FinalState(config));
        assertTrue(e.getMessage().contains("BIDIRECTIONAL_SUM"), e.getMessage());
    }

    @Test
    void meanPoolingAveragesRealStepsOnly() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor y = Tensor.of(new float[] {1, 10, 3, 20, 5, 30}, 3, 2, 1);      // [T = 3, N = 2, 1]
            MeanPooling pooling = new MeanPooling();
            MeanPooling.Pass pass = pooling.forward(y, new int[] {3, 2});
            assertArrayEquals(new float[] {3, 15}, pass.output().toFloatArray());
            float[] dy = pooling.backward(pass, Tensor.of(new float[] {3, 2}, 2, 1)).toFloatArray();
            assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, dy);
        }
    }
}
