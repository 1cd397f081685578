package org.rnn4j.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.internal.RnnData;
import org.rnn4j.internal.RnnDesc;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.internal.RnnKernel;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Bad input never crashes the JVM: it arrives as a Java exception naming the argument. */
class NativeErrorsTest {

    @Test
    void cppExceptionBecomesJavaException() {
        NativeLibrary.ensureLoaded();
        try (RnnDesc desc = new RnnDesc()) {
            desc.cell(rnn4j.CellKind.CELL_LSTM).input_size(4).hidden_size(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NativeLibrary.call(() -> new RnnKernel(desc).close()));
            assertEquals("RnnDesc.hidden_size must be > 0, got 0", e.getMessage());
        }
    }

    @Test
    void impossibleShapeInsideNativeCodeIsReported() {
        NativeLibrary.ensureLoaded();
        try (RnnDesc desc = new RnnDesc(); RnnData data = new RnnData()) {
            desc.cell(rnn4j.CellKind.CELL_LSTM).input_size(4).hidden_size(3);
            try (RnnKernel kernel = new RnnKernel(desc)) {
                data.steps(-2).batch(1);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> NativeLibrary.call(() -> kernel.forward(0, data)));
                assertEquals("RnnData.steps must be > 0, got -2", e.getMessage());
                data.steps(2);
                e = assertThrows(IllegalArgumentException.class,
                        () -> NativeLibrary.call(() -> kernel.forward(1, data)));
                assertTrue(e.getMessage().contains("src_layer must not be null"), e.getMessage());
            }
        }
    }

    @Test
    void wrongShapesAreRejectedBeforeNativeCode() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 4, 3).build();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rnn.forward(Propagation.INFERENCE, weights, Tensor.zeros(2, 1, 5), null));
            assertEquals("input must have shape [T >= 1, N >= 1, 4], got [2, 1, 5]", e.getMessage());
            RnnState badState = new RnnState(Tensor.zeros(1, 1, 2, 3), Tensor.zeros(1, 1, 1, 3));
            e = assertThrows(IllegalArgumentException.class,
                    () -> rnn.forward(Propagation.INFERENCE, weights, Tensor.zeros(2, 1, 4), badState));
            assertEquals("initial.h must have shape [1, 1, 1, 3], got [1, 1, 2, 3]", e.getMessage());
            RnnForward inference = rnn.forward(Propagation.INFERENCE, weights, Tensor.zeros(2, 1, 4), null);
            assertThrows(IllegalStateException.class, () -> rnn.backward(inference, inference.output(), null,
                    RnnWeights.zeros(config), GradientMode.OVERWRITE));
            RnnWeights otherWeights = RnnWeights.zeros(RnnConfig.builder(CellKind.GRU, 4, 3).build());
            e = assertThrows(IllegalArgumentException.class,
                    () -> rnn.forward(Propagation.INFERENCE, otherWeights, Tensor.zeros(2, 1, 4), null));
            assertTrue(e.getMessage().startsWith("weights must be for RnnConfig{cell=LSTM"), e.getMessage());
        }
    }

    @Test
    void weightsChangedBetweenForwardAndBackwardIsRejected() {
        RnnConfig config = RnnConfig.builder(CellKind.GRU, 2, 3).build();
        try (TensorScope scope = TensorScope.open(); NativeRnn rnn = new NativeRnn(config)) {
            RnnWeights weights = RnnWeights.uniform(config, 1);
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, Tensor.zeros(2, 1, 2), null);
            weights.bias().set(0, 0.5f);  // any write, no declaration needed
            assertThrows(IllegalStateException.class, () -> rnn.backward(fwd, fwd.output(), null,
                    RnnWeights.zeros(config), GradientMode.OVERWRITE));
        }
    }

    @Test
    void useAfterCloseThrows() {
        RnnConfig config = RnnConfig.builder(CellKind.RNN_TANH, 2, 3).build();
        NativeRnn rnn = new NativeRnn(config);
        rnn.close();
        try (TensorScope scope = TensorScope.open()) {
            assertThrows(IllegalStateException.class, () -> rnn.forward(Propagation.INFERENCE,
                    RnnWeights.zeros(config), Tensor.zeros(1, 1, 2), null));
        }
        Tensor t = Tensor.zeros(3);
        t.close();
        assertThrows(IllegalStateException.class, t::toFloatArray);
    }
}
