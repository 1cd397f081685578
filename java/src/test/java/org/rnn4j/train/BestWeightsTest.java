package org.rnn4j.train;

import org.rnn4j.NativeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.Tasks;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.optim.Adam;

/**
 * Early stopping with {@link EarlyStopping.Weights#BEST}: the model ends with the parameters of the
 * best validation bit for bit, also when the run was resumed from a checkpoint in between; with LAST it
 * keeps those of the last update.
 */
class BestWeightsTest {
    /** Validation losses after updates 1, 2, …: the best is after update 3, then 3 without improvement. */
    private static final double[] LOSSES = {3, 2, 1.5, 1.7, 1.8, 1.9, 0.1};
    private static int threads;

    @TempDir
    Path dir;

    @BeforeAll
    static void oneThread() {
        threads = NativeLibrary.threads();
        NativeLibrary.setThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        NativeLibrary.setThreads(threads);
    }

    @Test
    void stoppingRestoresTheWeightsOfTheBestValidationBitForBit() {
        List<float[][]> atValidation = new ArrayList<>();
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model()) {
            Scripted scripted = new Scripted(model);
            try (Trainer<TokenBatch> trainer = trainer(scripted, EarlyStopping.patience(3).restoreBestWeights())) {
                scripted.steps = trainer::step;
                trainer.addListener(new TrainingListener() {
                    @Override
                    public void onStepEnd(long step) {
                        atValidation.add(values(model));
                    }
                });
                TrainingSummary summary = trainer.fit(train(), validation(), Epochs.of(10));
                assertEquals(StopReason.EARLY_STOPPING, summary.stopReason());
                assertEquals(6, summary.steps());
                assertEquals(1.5, summary.bestValidation(), 0);
                float[][] last = values(model);
                assertDeepEquals(atValidation.get(2), last, "the parameters after update 3");
                assertFalse(Arrays.deepEquals(atValidation.get(2), trainedOn(EarlyStopping.patience(3), 6)),
                        "training moved them after the best");
            }
        }
    }

    @Test
    void withLastWeightsTheModelKeepsTheLastUpdate() {
        float[][] last = trainedOn(EarlyStopping.patience(3), 6);
        float[][] sixSteps;
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = trainer(model, null)) {
            trainer.fit(train(), (Dataset<TokenBatch>) null, Epochs.of(10).maxSteps(6));
            sixSteps = values(model);
        }
        assertDeepEquals(sixSteps, last, "no restore");
    }

    @Test
    void theBestWeightsSurviveACheckpointAndResume() throws IOException {
        EarlyStopping stopping = EarlyStopping.patience(3).restoreBestWeights();
        float[][] straight = trainedOn(stopping, 6);
        Path file = dir.resolve("after-4.safetensors");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model()) {
            Scripted scripted = new Scripted(model);
            try (Trainer<TokenBatch> trainer = trainer(scripted, stopping)) {
                scripted.steps = trainer::step;
                trainer.fit(train(), validation(), Epochs.of(10).maxSteps(4));    // best at 3, kept in the checkpoint
                trainer.saveCheckpoint(file);
            }
        }
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model()) {
            Scripted scripted = new Scripted(model);
            try (Trainer<TokenBatch> trainer = trainer(scripted, stopping)) {
                scripted.steps = trainer::step;
                trainer.resume(file);
                TrainingSummary summary = trainer.fit(train(), validation(), Epochs.of(10));
                assertEquals(StopReason.EARLY_STOPPING, summary.stopReason());
                assertDeepEquals(straight, values(model), "restored from the checkpoint's copy");
            }
            try (Trainer<TokenBatch> last = trainer(model, EarlyStopping.patience(3))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> last.resume(file));
                assertTrue(e.getMessage().contains("best weights"), e.getMessage());
            }
        }
    }

    @Test
    void closingTheTrainerReleasesTheBestWeightsWithEverythingElseItOwns() {
        try (LanguageModel model = model()) {
            Scripted scripted = new Scripted(model);
            long before = NativeBytes.held();
            long held;
            try (Trainer<TokenBatch> trainer = trainer(scripted, EarlyStopping.patience(3).restoreBestWeights())) {
                scripted.steps = trainer::step;
                trainer.fit(train(), validation(), Epochs.of(10));
                held = NativeBytes.held() - before;
            }
            assertTrue(held > 0, "the trainer holds the optimizer state and the best weights");
            NativeBytes.assertNoMoreThan(before, "native bytes after close");
        }
    }

    /** The parameters after a straight run with {@code stopping} that makes {@code steps} updates. */
    private float[][] trainedOn(EarlyStopping stopping, long steps) {
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model()) {
            Scripted scripted = new Scripted(model);
            try (Trainer<TokenBatch> trainer = trainer(scripted, stopping)) {
                scripted.steps = trainer::step;
                TrainingSummary summary = trainer.fit(train(), validation(), Epochs.of(10));
                assertEquals(steps, summary.steps());
                return values(model);
            }
        }
    }

    private static Trainer<TokenBatch> trainer(Trainable<TokenBatch> model, EarlyStopping stopping) {
        Trainer.Builder<TokenBatch> b = Trainer.builder(model).optimizer(Adam.lr(1e-2)).seed(3)
                .validateEvery(ValidationSchedule.everySteps(1));
        return (stopping == null ? b : b.earlyStopping(stopping)).build();
    }

    private static Dataset<TokenBatch> train() {
        return Dataset.of(Tasks.pattern(new Random(5), 4, 4, 8));
    }

    private static Dataset<TokenBatch> validation() {
        return Dataset.of(Tasks.pattern(new Random(6), 1, 4, 8));
    }

    private static LanguageModel model() {
        return LanguageModel.builder(3).embedding(4).recurrent(Recurrent.lstm(8).dropout(0.2)).seed(1)
                .backend(Backend.NATIVE).build();
    }

    private static float[][] values(LanguageModel model) {
        List<Parameter> ps = model.parameters();
        float[][] out = new float[ps.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ps.get(i).value().toFloatArray();
        }
        return out;
    }

    private static void assertDeepEquals(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], what + ", parameter " + i);
        }
    }

    /** The language model, with the validation loss after update k scripted as LOSSES[k − 1]. */
    private static final class Scripted implements Trainable<TokenBatch> {
        private final LanguageModel model;
        LongSupplier steps;

        Scripted(LanguageModel model) {
            this.model = model;
        }

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
            model.seed(seed);
        }

        @Override
        public TrainingPass forward(TokenBatch batch) {
            return model.forward(batch);
        }

        @Override
        public LossValue evaluate(TokenBatch batch) {
            return new LossValue(LOSSES[(int) steps.getAsLong() - 1], 1);
        }
    }
}
