package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.Tasks;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.CountingModel.Call;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Sgd;

/**
 * Truncated BPTT: the exact chunks, warm-ups and carried states (with ended sequences reset) of
 * {@link TruncatedBptt}'s contract, and k1 = T giving exactly the updates of full BPTT.
 */
class TruncatedBpttTest {
    /** Lengths 5, 2, 7: T = 7; the second sequence ends in the first chunk, the first in the second. */
    private static final List<int[]> SEQUENCES = List.of(new int[5], new int[2], new int[7]);

    @Test
    void chunksCarryTheStateAndResetEndedSequences() {
        CountingModel model = new CountingModel();
        TokenBatch batch = TokenBatch.of(SEQUENCES);
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Sgd.lr(0.1)).truncatedBptt(3).build()) {
            trainer.fit(List.of(batch, batch), null, Epochs.of(1));
            assertEquals(List.of(
                    call("train", 3, 2, 3, 0, 0, 0),
                    call("train", 2, 0, 3, 3, 0, 3),
                    call("train", 0, 0, 1, 0, 0, 6),
                    call("train", 3, 2, 3, 0, 0, 0),   // the next batch starts from zeros
                    call("train", 2, 0, 3, 3, 0, 3),
                    call("train", 0, 0, 1, 0, 0, 6)), model.calls);
            assertEquals(6, trainer.step());
        }
    }

    @Test
    void backwardLengthShorterThanForwardWarmsUpWithoutGradient() {
        CountingModel model = new CountingModel();
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Sgd.lr(0.1)).truncatedBptt(3, 2).build()) {
            trainer.fit(List.of(TokenBatch.of(SEQUENCES)), null, Epochs.of(1));
            assertEquals(List.of(
                    call("eval", 1, 1, 1, 0, 0, 0),
                    call("train", 2, 1, 2, 1, 1, 1),
                    call("eval", 1, 0, 1, 3, 0, 3),
                    call("train", 1, 0, 2, 4, 0, 4),
                    call("train", 0, 0, 1, 0, 0, 6)), model.calls);
            assertEquals(3, trainer.step());
        }
    }

    @Test
    void forwardLengthOfTEqualsFullBptt() {
        List<TokenBatch> data = Tasks.pattern(new Random(2), 3, 4, 10);
        try (TensorScope scope = TensorScope.open();
             LanguageModel full = model();
             LanguageModel chunked = model();
             Trainer<TokenBatch> a = Trainer.builder(full).optimizer(Adam.lr(1e-2)).clipNorm(1).seed(5).build();
             Trainer<TokenBatch> b = Trainer.builder(chunked).optimizer(Adam.lr(1e-2)).clipNorm(1).seed(5)
                     .truncatedBptt(10).build()) {
            TrainingSummary sa = a.fit(data, null, Epochs.of(2));
            TrainingSummary sb = b.fit(data, null, Epochs.of(2));
            assertEquals(sa.trainingLoss(), sb.trainingLoss());
            for (int i = 0; i < full.parameters().size(); i++) {
                Parameter p = full.parameters().get(i);
                assertArrayEquals(p.value().toFloatArray(), chunked.parameters().get(i).value().toFloatArray(),
                        p.name());
            }
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new TruncatedBptt(4, 5));
        assertThrows(IllegalArgumentException.class, () -> new TruncatedBptt(0, 0));
    }

    private static LanguageModel model() {
        return LanguageModel.builder(3).embedding(4).recurrent(Recurrent.lstm(8).layers(2).dropout(0.2)).seed(1)
                .backend(Backend.NATIVE).build();
    }

    /** A call on three sequences: kind, their lengths in the slice, their initial counts. */
    private static Call call(String kind, int l0, int l1, int l2, float h0, float h1, float h2) {
        return new Call(kind, List.of(l0, l1, l2), List.of(h0, h1, h2));
    }
}
