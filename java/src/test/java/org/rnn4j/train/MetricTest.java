package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.Tasks;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.CrossEntropy;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;

/**
 * The built-in metrics: their formulas on known losses, the correct-prediction count of the
 * cross-entropy and how it combines, and their columns in the metrics log and the progress bar.
 */
class MetricTest {
    @TempDir
    Path dir;

    @Test
    void perplexityAndBitsPerCharacterFollowFromTheMeanCrossEntropyInNats() {
        LossValue loss = new LossValue(1.5, 10);
        assertEquals(Math.exp(1.5), Metric.PERPLEXITY.of(loss), 0);
        assertEquals(2.1640425613334453, Metric.BITS_PER_CHARACTER.of(loss), 1e-15);
        assertEquals(1.0, Metric.BITS_PER_CHARACTER.of(new LossValue(Math.log(2), 1)), 1e-15);
        assertEquals(2.0, Metric.PERPLEXITY.of(new LossValue(Math.log(2), 1)), 1e-15);
        assertTrue(Double.isNaN(Metric.PERPLEXITY.of(LossValue.NONE)), "no terms, no metric");
    }

    @Test
    void accuracyCombinesOverBatchesByWeight() {
        LossValue a = new LossValue(0.5, 4, 3);
        LossValue b = new LossValue(1.0, 6, 3);
        LossValue joint = LossValue.NONE.plus(a).plus(b).plus(LossValue.NONE);
        assertEquals(10, joint.weight());
        assertEquals(6, joint.correct());
        assertEquals(0.6, Metric.ACCURACY.of(joint), 1e-15);
        assertEquals(0.75, a.accuracy(), 0);
        assertTrue(Double.isNaN(Metric.ACCURACY.of(new LossValue(0.5, 4))), "a loss that counts no predictions");
        assertTrue(Double.isNaN(a.plus(new LossValue(0.5, 4)).correct()), "not counted in part: not counted");
        assertThrows(IllegalArgumentException.class, () -> new LossValue(0.5, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> new LossValue(0.5, 4, -1));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void crossEntropyCountsTheMaskWeightOfCorrectPredictions(Backend backend) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor logits = Tensor.of(new float[] {
                    2, 1, 0,      // argmax 0, target 0: correct
                    0, 3, 1,      // argmax 1, target 2: wrong
                    0, 1, 5,      // argmax 2, target 2: correct, but masked out
                    1, 1, 0,      // tie: the first largest (0) counts, target 0: correct
            }, 4, 3);
            long[] targets = {0, 2, 2, 0};
            CrossEntropy crossEntropy = new CrossEntropy(Kernels.of(backend));
            LossValue all = crossEntropy.forward(logits, targets, null).loss();
            assertEquals(4, all.weight());
            assertEquals(3, all.correct());
            LossValue masked = crossEntropy.forward(logits, targets, Tensor.of(new float[] {1, 1, 0, 1}, 4)).loss();
            assertEquals(3, masked.weight());
            assertEquals(2, masked.correct());
            assertEquals(2.0 / 3, Metric.ACCURACY.of(masked), 1e-15);
        }
    }

    @Test
    void metricsReachTheMetricsLogAndTheProgressBar() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Path jsonl = dir.resolve("metrics.jsonl");
        StringBuilder bar = new StringBuilder();
        List<TokenBatch> data = Tasks.pattern(new Random(1), 2, 2, 4);
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).metricsLog(csv).metricsLog(jsonl)
                     .metrics(Metric.ACCURACY, Metric.PERPLEXITY, Metric.BITS_PER_CHARACTER)
                     .listener(new ProgressBarListener(new DelegatingProgressBarConsumer(bar::append, 200))).build()) {
            trainer.fit(data, data, Epochs.of(2));
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals("kind,step,epoch,batch,loss,weight,learning_rate,gradient_norm,skipped,diverged,seconds,accuracy,"
                + "perplexity,bpc", lines.get(0));
        assertEquals(1 + 4 + 2, lines.size(), "header, 4 updates, 2 validations");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(14, cells.length, line);
            double loss = Double.parseDouble(cells[4]);
            double weight = Double.parseDouble(cells[5]);
            double accuracy = Double.parseDouble(cells[11]);
            assertEquals(Math.exp(loss), Double.parseDouble(cells[12]), 1e-12 * Math.exp(loss), line);
            assertEquals(loss / Math.log(2), Double.parseDouble(cells[13]), 1e-12, line);
            assertTrue(accuracy >= 0 && accuracy <= 1, line);
            double correct = accuracy * weight;
            assertEquals(Math.rint(correct), correct, 1e-9, "a whole number of correct tokens: " + line);
        }
        for (String json : Files.readAllLines(jsonl)) {
            assertTrue(json.contains("\"accuracy\":") && json.contains("\"perplexity\":")
                    && json.contains("\"bpc\":"), json);
        }
        assertTrue(bar.toString().contains("acc ") && bar.toString().contains("ppl ")
                && bar.toString().contains("bpc "), bar.toString());
    }

    @Test
    void theProgressBarShowsTheRunningMetricsOfTheEpoch() {
        LossValue running = new LossValue(Math.log(4), 8, 2).plus(new LossValue(Math.log(4), 8, 6));
        assertEquals("loss 1.3863  acc 0.5000  ppl 4.0000  bpc 2.0000  8/s", ProgressBarListener.message(running,
                Arrays.asList(Metric.values()), 2));
    }

    @Test
    void accuracyOfALossThatCountsNoPredictionsIsAnError() {
        CountingModel model = new CountingModel();
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(model).metrics(Metric.ACCURACY).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> trainer.fit(List.of(TokenBatch.of(List.of(new int[3]))), null, Epochs.of(1)));
            assertTrue(e.getMessage().contains("ACCURACY"), e.getMessage());
        }
    }

    private static LanguageModel model() {
        return LanguageModel.builder(3).embedding(4).recurrent(Recurrent.gru(8)).seed(1).backend(Backend.NATIVE)
                .build();
    }
}
