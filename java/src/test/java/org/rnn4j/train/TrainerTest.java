package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.Tasks;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.optim.Schedule;
import org.rnn4j.optim.Sgd;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;

/** The trainer's loop: determinism, schedules and clipping reaching the updates, early stopping, listeners. */
class TrainerTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameRun() {
        List<TokenBatch> data = Tasks.pattern(new Random(1), 3, 4, 8);
        try (TensorScope scope = TensorScope.open(); LanguageModel a = model(); LanguageModel b = model();
             Trainer<TokenBatch> ta = Trainer.builder(a).seed(3).build();
             Trainer<TokenBatch> tb = Trainer.builder(b).seed(3).build()) {
            ta.fit(data, null, Epochs.of(2));
            tb.fit(data, null, Epochs.of(2));
            for (int i = 0; i < a.parameters().size(); i++) {
                assertArrayEquals(a.parameters().get(i).value().toFloatArray(),
                        b.parameters().get(i).value().toFloatArray());
            }
        }
    }

    @Test
    void reportsCarryTheScheduledRateAndTheNormBeforeClipping() {
        List<StepReport> reports = new ArrayList<>();
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Sgd.lr(0.5))
                     .schedule(Schedule.linearWarmup(4)).clipNorm(1e-3).listener(new TrainingListener() {
                         @Override
                         public void onStep(StepReport report) {
                             reports.add(report);
                         }
                     }).build()) {
            trainer.fit(Tasks.pattern(new Random(1), 6, 4, 8), null, Epochs.of(1));
        }
        assertEquals(6, reports.size());
        double[] rates = reports.stream().mapToDouble(StepReport::learningRate).toArray();
        assertArrayEquals(new double[] {0.125, 0.25, 0.375, 0.5, 0.5, 0.5}, rates, 1e-12);
        for (StepReport r : reports) {
            assertTrue(r.gradientNorm() > 1e-3, "the norm is reported before clipping: " + r.gradientNorm());
            assertFalse(r.skipped());
        }
    }

    @Test
    void earlyStoppingEndsTrainingAfterPatienceValidationsWithoutImprovement() {
        CountingModel model = new CountingModel();
        List<ValidationReport> validations = new ArrayList<>();
        List<TokenBatch> data = List.of(TokenBatch.of(List.of(new int[3])));
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Sgd.lr(0.1))
                     .earlyStopping(EarlyStopping.patience(2).minDelta(0.01)).listener(new TrainingListener() {
                         @Override
                         public void onValidation(ValidationReport report) {
                             validations.add(report);
                         }
                     }).build()) {
            model.validationLoss(1.0);
            TrainingSummary summary = trainer.fit(data, data, Epochs.of(2));
            assertFalse(summary.stoppedEarly());
            model.validationLoss(0.995);                                      // better, but by less than minDelta
            summary = trainer.fit(data, data, Epochs.of(10));
            assertTrue(summary.stoppedEarly());
            assertEquals(3, summary.epochs(), "epoch 0 improved; epochs 1 and 2 did not");
            assertEquals(0.995, summary.bestValidation(), 1e-12);
            assertEquals(List.of(true, false, false), validations.stream().map(ValidationReport::improved).toList());
        }
    }

    @Test
    void metricsLogsAndProgressBar() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Path jsonl = dir.resolve("metrics.jsonl");
        StringBuilder bar = new StringBuilder();
        List<TokenBatch> data = Tasks.pattern(new Random(1), 2, 2, 4);
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).metricsLog(csv).metricsLog(jsonl)
                     .listener(new ProgressBarListener(new DelegatingProgressBarConsumer(bar::append))).build()) {
            trainer.fit(data, data, Epochs.of(2));
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 4 + 2, lines.size(), "header, 4 updates, 2 validations");
        assertTrue(lines.get(0).startsWith("kind,step,epoch,batch,loss"));
        assertTrue(lines.get(1).startsWith("step,1,0,0,"));
        assertTrue(lines.get(3).startsWith("validation,2,0,-1,"));
        List<String> json = Files.readAllLines(jsonl);
        assertEquals(6, json.size());
        assertTrue(json.get(0).startsWith("{\"kind\":\"step\",\"step\":1,"), json.get(0));
        assertTrue(bar.toString().contains("epoch 2"), bar.toString());
        assertTrue(bar.toString().contains("loss"), bar.toString());
    }

    @Test
    void truncatedBpttNeedsAChunkableUnidirectionalModel() {
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model()) {
            Trainable<TokenBatch> plain = new Trainable<>() {
                @Override
                public List<Parameter> parameters() {
                    return model.parameters();
                }

                @Override
                public Backend backend() {
                    return model.backend();
                }

                @Override
                public void seed(long seed) {
                }

                @Override
                public TrainingPass forward(TokenBatch batch) {
                    return model.forward(batch);
                }

                @Override
                public LossValue evaluate(TokenBatch batch) {
                    return model.evaluate(batch);
                }
            };
            assertThrows(IllegalArgumentException.class, () -> Trainer.builder(plain).truncatedBptt(4).build());
        }
    }

    private static LanguageModel model() {
        return LanguageModel.builder(3).embedding(4).recurrent(Recurrent.gru(8).dropout(0.3)).seed(1)
                .backend(Backend.NATIVE).build();
    }
}
