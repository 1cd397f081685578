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
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.models.RegressionBatch;
import org.rnn4j.models.SequenceRegressor;
import org.rnn4j.nn.Parameter;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.TensorScope;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;

/** The divergence guard: a runaway loss is flagged, reported and answered (go on, stop, roll back); a normal run never is. */
class DivergenceTest {
    @TempDir
    Path dir;

    /** 30 plain batches, then one whose first target is {@code target}, then 9 plain ones. */
    private static List<RegressionBatch> dataWithOneTarget(float target) {
        List<RegressionBatch> data = new ArrayList<>(RegressionData.batches(5, 40));
        data.set(30, RegressionData.withTarget(data.get(30), target));
        return data;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void adamAtLr1e3WithATargetOf1e30IsFlaggedInTheLogBarAndMetrics(Backend backend) throws IOException {
        List<StepReport> reports = new ArrayList<>();
        StringBuilder bar = new StringBuilder();
        Path log = dir.resolve("metrics.jsonl");
        TrainingSummary summary;
        try (TensorScope scope = TensorScope.open(); SequenceRegressor model = RegressionData.model(backend);
             Trainer<RegressionBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e3)).metricsLog(log)
                     .listener(recorder(reports))
                     .listener(new ProgressBarListener(new DelegatingProgressBarConsumer(bar::append, 200))).build()) {
            summary = trainer.fit(dataWithOneTarget(1e30f), null, Epochs.of(1));
        }
        assertTrue(reports.get(30).diverged(), "the update on the target of 1e30: loss " + reports.get(30).loss());
        for (int i = 0; i < 30; i++) {
            assertFalse(reports.get(i).diverged(), "update " + (i + 1) + " before it");
        }
        assertTrue(summary.diverged());
        assertEquals(StopReason.EPOCHS, summary.stopReason(), "the default action goes on");
        assertEquals(40, summary.steps());
        assertEquals(reports.stream().filter(StepReport::diverged).count(), summary.divergedSteps());
        assertTrue(bar.toString().contains("WARN diverged"), bar.toString());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(30).contains("\"diverged\":true"), lines.get(30));
        assertTrue(lines.get(0).contains("\"diverged\":false"), lines.get(0));
    }

    @Test
    void stopEndsTheFitAtTheFlaggedUpdate() {
        try (TensorScope scope = TensorScope.open(); SequenceRegressor model = RegressionData.model(Backend.JVM);
             Trainer<RegressionBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e3))
                     .divergence(Divergence.defaults().action(Divergence.Action.STOP)).build()) {
            TrainingSummary summary = trainer.fit(dataWithOneTarget(1e30f), null, Epochs.of(1));
            assertEquals(StopReason.DIVERGED, summary.stopReason());
            assertEquals(31, summary.steps(), "no update after the flagged one");
            assertEquals(1, summary.divergedSteps());
        }
    }

    /**
     * A target of 1e15 (g² still finite in f32, so Adam applies its lr = 1e3 step): going on leaves weights that
     * differ from the checkpoint after update 30; rolling back restores exactly those.
     */
    @Test
    void rollBackRestoresTheLastCheckpointBeforeTheDivergence() throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        List<RegressionBatch> data = dataWithOneTarget(1e15f).subList(0, 31);
        try (TensorScope scope = TensorScope.open(); SequenceRegressor goOn = RegressionData.model(Backend.JVM);
             SequenceRegressor rolled = RegressionData.model(Backend.JVM);
             Trainer<RegressionBatch> plain = Trainer.builder(goOn).optimizer(Adam.lr(1e3)).build();
             Trainer<RegressionBatch> trainer = Trainer.builder(rolled).optimizer(Adam.lr(1e3))
                     .checkpoints(Checkpoints.every(checkpoints, 5))
                     .divergence(Divergence.defaults().action(Divergence.Action.ROLL_BACK)).build()) {
            TrainingSummary went = plain.fit(data, null, Epochs.of(1));
            TrainingSummary back = trainer.fit(data, null, Epochs.of(1));
            assertTrue(went.diverged());
            assertTrue(back.diverged());
            assertEquals(31, back.steps(), "rolling back keeps the position and step count");
            SafeTensorsFile saved = SafeTensors.read(Checkpoints.latest(checkpoints).orElseThrow());
            assertEquals(checkpoints.resolve("step-000000000030.safetensors"), Checkpoints.latest(checkpoints).get());
            boolean differs = false;
            for (int i = 0; i < rolled.parameters().size(); i++) {
                Parameter p = rolled.parameters().get(i);
                float[] atCheckpoint = saved.get("parameter/" + p.name()).floats();
                assertArrayEquals(atCheckpoint, p.value().toFloatArray(), p.name() + " rolled back");
                differs |= !Arrays.equals(atCheckpoint, goOn.parameters().get(i).value().toFloatArray());
            }
            assertTrue(differs, "without rolling back the diverged update is applied");
            for (String key : trainer.optimizer().state().keySet()) {
                assertArrayEquals(saved.get("optimizer/" + key).floats(),
                        trainer.optimizer().state().get(key).toFloatArray(), key + " rolled back");
            }
        }
    }

    @Test
    void rollingBackNeedsCheckpoints() {
        try (TensorScope scope = TensorScope.open(); SequenceRegressor model = RegressionData.model(Backend.JVM)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder(model)
                    .divergence(Divergence.defaults().action(Divergence.Action.ROLL_BACK)).build());
            assertTrue(e.getMessage().contains("checkpoints"), e.getMessage());
        }
    }

    /** 3 epochs of 40 batches at Adam's usual rates, on both backends: never flagged. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNormalRunIsNeverFlagged(Backend backend) {
        List<StepReport> reports = new ArrayList<>();
        try (TensorScope scope = TensorScope.open(); SequenceRegressor model = RegressionData.model(backend);
             Trainer<RegressionBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-2))
                     .listener(recorder(reports)).build()) {
            TrainingSummary summary = trainer.fit(RegressionData.batches(6, 40), null, Epochs.of(3));
            assertFalse(summary.diverged(), reports.stream().filter(StepReport::diverged).map(r -> r.step() + ": "
                    + r.loss().mean() + " / " + r.gradientNorm()).toList().toString());
            assertTrue(reports.get(reports.size() - 1).loss().mean() < reports.get(0).loss().mean(), "it learns");
        }
    }

    @Test
    void aGuardNeedsAWindowAndAFactorAboveOne() {
        assertThrows(IllegalArgumentException.class, () -> Divergence.defaults().window(0));
        assertThrows(IllegalArgumentException.class, () -> Divergence.defaults().factor(1));
        assertThrows(IllegalArgumentException.class, () -> Divergence.defaults().factor(Double.NaN));
    }

    private static TrainingListener recorder(List<StepReport> reports) {
        return new TrainingListener() {
            @Override
            public void onStep(StepReport report) {
                reports.add(report);
            }
        };
    }
}
