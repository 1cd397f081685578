package org.rnn4j.rnn;

import org.rnn4j.NativeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Native memory is released deterministically: many training steps in scopes leave nothing behind. */
class NativeMemoryTest {

    @Test
    void trainingStepsInScopesDoNotLeak() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 8, 16).layers(2).direction(Direction.BIDIRECTIONAL_CONCAT)
                .dropout(0.1).build();
        try (NativeRnn rnn = new NativeRnn(config); TensorScope model = TensorScope.open()) {
            RnnWeights weights = RnnWeights.uniform(config, 1);
            RnnWeights grads = RnnWeights.zeros(config);
            long before = NativeBytes.held();
            for (int step = 0; step < 300; step++) {
                try (TensorScope scope = TensorScope.open()) {
                    int[] lengths = step % 2 == 0 ? null : new int[] {6, 3, 1};
                    Tensor x = Tensor.zeros(6, 3, 8);
                    RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, x, lengths, null);
                    rnn.backward(fwd, fwd.output(), null, grads, GradientMode.ACCUMULATE);
                }
            }
            NativeBytes.assertNoMoreThan(before, "native bytes held after 300 steps");
        }
    }
}
