package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingSummary;
import org.rnn4j.optim.Adam;

/**
 * The language model learns the pattern 0 1 0 2 (what follows a 0 depends on the token before it, so
 * it needs its recurrent state), with truncated BPTT, then continues a prompt greedily. The loss starts
 * near log 3 ≈ 1.1 on the 0-followers and must end below 0.1.
 */
class LanguageModelTest {

    @Test
    void learnsTheRepeatingPatternAndGeneratesIt() {
        Random random = new Random(1);
        List<TokenBatch> train = Tasks.pattern(random, 8, 8, 24);
        List<TokenBatch> validation = Tasks.pattern(random, 2, 8, 24);
        try (TensorScope scope = TensorScope.open();
             LanguageModel model = LanguageModel.builder(3).embedding(8)
                     .recurrent(Recurrent.lstm(24).layers(2).dropout(0.1)).seed(7).backend(Backend.NATIVE).build();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(2e-2)).clipNorm(5.0)
                     .truncatedBptt(12).seed(3).build()) {
            double before = trainer.evaluate(Dataset.of(validation)).mean();
            TrainingSummary summary = trainer.fit(train, validation, Epochs.of(12));
            double after = trainer.evaluate(Dataset.of(validation)).mean();
            assertTrue(before > 0.5, "initial loss " + before);
            assertTrue(after < 0.1, "final loss " + after + " (from " + before + ")");
            assertEquals(8 * 12 * 2, summary.steps(), "two chunks per batch");

            int[] generated = model.generate(new int[] {0, 1, 0}, 6, 0, 0, 1);
            assertArrayEquals(new int[] {2, 0, 1, 0, 2, 0}, generated);
        }
    }

    @Test
    void parametersAreNamedAndSampledGenerationIsSeeded() {
        try (TensorScope scope = TensorScope.open();
             LanguageModel model = LanguageModel.builder(5).embedding(4).recurrent(Recurrent.gru(6))
                     .backend(Backend.JVM).build()) {
            assertEquals(List.of("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                    "rnn.bias_hh_l0", "head.weight", "head.bias"),
                    model.parameters().stream().map(Parameter::name).toList());
            assertArrayEquals(model.generate(new int[] {1}, 8, 1.0, 3, 42), model.generate(new int[] {1}, 8, 1.0, 3, 42));
        }
    }

    @Test
    void rejectsABidirectionalRecurrentLayer() {
        assertThrows(IllegalArgumentException.class,
                () -> LanguageModel.builder(5).recurrent(Recurrent.lstm(4).bidirectional()).build());
    }
}
