package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.data.BucketedBatches;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.Tasks;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.optim.Schedule;
import org.rnn4j.optim.Sgd;

/**
 * Checkpoints: 2N updates straight equal N updates, a checkpoint, a fresh model and trainer resumed
 * from it and N more — bit for bit, on one thread, with dropout, a schedule, truncated BPTT (the
 * checkpoint falls inside a batch), shuffled epochs and validation; damaged or foreign checkpoints are
 * rejected with a clear exception.
 */
class CheckpointTest {
    private static final int N = 10;
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
    void resumingContinuesTheSameTrajectory() throws IOException {
        Random random = new Random(4);
        List<TokenBatch> batches = Tasks.pattern(random, 4, 4, 12);     // 3 chunks of 4 per batch
        Dataset<TokenBatch> train = Dataset.shuffled(batches, 9);
        Dataset<TokenBatch> validation = Dataset.of(Tasks.pattern(random, 1, 4, 12));
        try (TensorScope scope = TensorScope.open()) {
            float[][] straight;
            try (LanguageModel model = model(); Trainer<TokenBatch> trainer = trainer(model, null)) {
                trainer.fit(train, validation, Epochs.of(5).maxSteps(2 * N));
                straight = values(model);
            }
            Path checkpoints = dir.resolve("checkpoints");
            try (LanguageModel model = model(); Trainer<TokenBatch> trainer = trainer(model, checkpoints)) {
                trainer.fit(train, validation, Epochs.of(5).maxSteps(N));
            }
            Path latest = Checkpoints.latest(checkpoints).orElseThrow();
            assertEquals(N, Checkpoints.stepOf(latest));
            try (LanguageModel model = model(); Trainer<TokenBatch> trainer = trainer(model, null)) {
                trainer.resume(latest);
                assertEquals(N, trainer.step());
                trainer.fit(train, validation, Epochs.of(5).maxSteps(2 * N));
                float[][] resumed = values(model);
                for (int i = 0; i < straight.length; i++) {
                    assertArrayEquals(straight[i], resumed[i], model.parameters().get(i).name());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void resumingInsideAnEpochReadsOnlyItsRemainingBatches(int tbpttLength) throws IOException {
        Random random = new Random(8);
        List<int[]> examples = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int[] s = new int[3 + random.nextInt(6)];
            int phase = random.nextInt(Tasks.PATTERN.length);
            for (int t = 0; t < s.length; t++) {
                s[t] = Tasks.PATTERN[(phase + t) % Tasks.PATTERN.length];
            }
            examples.add(s);
        }
        AtomicInteger collated = new AtomicInteger();
        Dataset<TokenBatch> train = Dataset.bucketed(new BucketedBatches<>(examples, 4, 2, a -> a.length, 3), group -> {
            collated.incrementAndGet();
            return TokenBatch.nextToken(group);
        });
        Dataset<TokenBatch> validation = Dataset.of(Tasks.pattern(random, 1, 4, 6));
        Epochs epochs = Epochs.of(3);
        try (TensorScope scope = TensorScope.open()) {
            float[][] straight;
            long steps;
            List<StepReport> reports = new ArrayList<>();
            try (LanguageModel model = model(); Trainer<TokenBatch> trainer = resumable(model, tbpttLength)) {
                trainer.addListener(new TrainingListener() {
                    @Override
                    public void onStep(StepReport report) {
                        reports.add(report);
                    }
                });
                steps = trainer.fit(train, validation, epochs).steps();
                straight = values(model);
            }
            Path checkpoints = dir.resolve("checkpoints");
            long at = 0;                     // an update of epoch 1 in its batch 2 (with truncated BPTT: not its last)
            for (int i = 0; i + 1 < reports.size() && at == 0; i++) {
                StepReport r = reports.get(i);
                if (r.epoch() == 1 && r.batch() == 2 && (tbpttLength == 0 || reports.get(i + 1).batch() == 2)) {
                    at = r.step();
                }
            }
            try (LanguageModel model = model(); Trainer<TokenBatch> trainer = resumable(model, tbpttLength)) {
                trainer.addListener(new CheckpointListener(Checkpoints.every(checkpoints, at), trainer));
                trainer.fit(train, validation, epochs.maxSteps(at));
            }
            Path latest = Checkpoints.latest(checkpoints).orElseThrow();
            Map<String, String> saved = SafeTensors.read(latest).metadata();
            int epoch = Integer.parseInt(saved.get("epoch"));
            int batch = Integer.parseInt(saved.get("batch"));
            assertEquals(1, epoch);
            assertEquals(tbpttLength == 0 ? 3 : 2, batch, "inside the epoch");
            if (tbpttLength > 0) {
                assertTrue(Integer.parseInt(saved.get("chunk")) > 0, "inside a batch, its state carried");
            }
            try (LanguageModel model = model(); Trainer<TokenBatch> trainer = resumable(model, tbpttLength)) {
                trainer.resume(latest);
                collated.set(0);
                TrainingSummary summary = trainer.fit(train, validation, epochs);
                assertEquals(steps, summary.steps());
                assertEquals(train.size() - batch + train.size(), collated.get(),
                        "the rest of epoch 1 from batch " + batch + ", then all of epoch 2");
                float[][] resumed = values(model);
                for (int i = 0; i < straight.length; i++) {
                    assertArrayEquals(straight[i], resumed[i], model.parameters().get(i).name());
                }
            }
        }
    }

    @Test
    void keepsTheNewestCheckpointsOnly() throws IOException {
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).checkpoints(Checkpoints.every(dir, 2).keep(2))
                     .build()) {
            trainer.fit(Tasks.pattern(new Random(1), 7, 2, 4), null, Epochs.of(1));
            try (var files = Files.list(dir)) {
                assertEquals(List.of("step-000000000004.safetensors", "step-000000000006.safetensors"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void damagedCheckpointsAreRejected() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).build()) {
            trainer.fit(Tasks.pattern(new Random(1), 2, 2, 4), null, Epochs.of(1));
            trainer.saveCheckpoint(file);
            byte[] good = Files.readAllBytes(file);
            float[] before = model.parameters().get(0).value().toFloatArray();

            byte[] flipped = good.clone();
            flipped[flipped.length - 3] ^= 0x10;                     // one bit of tensor data
            Files.write(file, flipped);
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> trainer.resume(file));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());

            Files.write(file, Arrays.copyOf(good, good.length / 2));   // truncated
            assertThrows(CorruptFileException.class, () -> trainer.resume(file));

            assertArrayEquals(before, model.parameters().get(0).value().toFloatArray(), "nothing was loaded");
            Files.write(file, good);
            trainer.resume(file);
        }
    }

    /** A carried state is checked against the model before its carry is allocated (fuzzing the reader found it). */
    @Test
    void aCarriedStateOfAnotherShapeIsRejectedBeforeAnythingIsAllocated() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> tbptt = Trainer.builder(model).truncatedBptt(2).build();
             Trainer<TokenBatch> full = Trainer.builder(model).build()) {
            tbptt.saveCheckpoint(file);
            SafeTensorsFile valid = SafeTensors.read(file);
            for (long[] shape : new long[][] {{5}, {2, 1, 3, 1}, {2, 1, 0, 8}}) {
                Map<String, HostArray> tensors = new LinkedHashMap<>(valid.asMap());
                tensors.put("carry/h", HostArray.ofFloats(new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)],
                        shape));
                SafeTensors.write(file, tensors, valid.metadata());
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> tbptt.resume(file),
                        Arrays.toString(shape));
                assertTrue(e.getMessage().contains("carry/h") && e.getMessage().contains("[2, 1, N, 8]"),
                        e.getMessage());
                IllegalArgumentException fullBptt = assertThrows(IllegalArgumentException.class,
                        () -> full.resume(file));
                assertTrue(fullBptt.getMessage().contains("truncated-BPTT"), fullBptt.getMessage());
            }
        }
    }

    /** Counters out of range (with a valid checksum) are refused before anything is restored. */
    @Test
    void countersOutOfRangeAreRejectedAndChangeNothing() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).build()) {
            trainer.saveCheckpoint(file);
            SafeTensorsFile valid = SafeTensors.read(file);
            trainer.fit(Tasks.pattern(new Random(1), 2, 2, 4), null, Epochs.of(1));
            float[] before = model.parameters().get(0).value().toFloatArray();
            for (String[] bad : new String[][] {{"epoch", "3000000000"}, {"optimizer_steps", "-1"}, {"step", "-2"},
                    {"chunk", "9223372036854775807"}}) {
                Map<String, String> meta = new LinkedHashMap<>(valid.metadata());
                meta.put(bad[0], bad[1]);
                meta.put("checksum", Checkpoint.checksum(valid.asMap(), meta));
                SafeTensors.write(file, valid.asMap(), meta);
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> trainer.resume(file),
                        bad[0]);
                assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
                assertArrayEquals(before, model.parameters().get(0).value().toFloatArray(), "nothing was restored");
            }
        }
    }

    @Test
    void checkpointsOfAnotherModelOrTrainerAreRejected() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).build()) {
            trainer.saveCheckpoint(file);
            try (LanguageModel bigger = LanguageModel.builder(4).embedding(4).recurrent(Recurrent.lstm(8))
                    .backend(Backend.NATIVE).build();
                 Trainer<TokenBatch> other = Trainer.builder(bigger).build()) {
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> other.resume(file));
                assertTrue(e.getMessage().contains("embedding.weight"), e.getMessage());
            }
            try (Trainer<TokenBatch> sgd = Trainer.builder(model).optimizer(Sgd.lr(0.1)).build()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.resume(file));
                assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
            }
        }
    }

    private static LanguageModel model() {
        return LanguageModel.builder(3).embedding(4).recurrent(Recurrent.lstm(8).layers(2).dropout(0.2)).seed(1)
                .backend(Backend.NATIVE).build();
    }

    private static Trainer<TokenBatch> trainer(LanguageModel model, Path checkpoints) {
        Trainer.Builder<TokenBatch> b = Trainer.builder(model).optimizer(Adam.lr(1e-2))
                .schedule(Schedule.linearWarmup(3).then(Schedule.cosine(20, 0.1))).clipNorm(1.0).truncatedBptt(4)
                .earlyStopping(EarlyStopping.patience(3)).seed(11);
        return (checkpoints == null ? b : b.checkpoints(Checkpoints.every(checkpoints, 5))).build();
    }

    /** A trainer with dropout, a schedule, validation every 5 updates and truncated BPTT of that length (0 = none). */
    private static Trainer<TokenBatch> resumable(LanguageModel model, int tbpttLength) {
        Trainer.Builder<TokenBatch> b = Trainer.builder(model).optimizer(Adam.lr(1e-2)).schedule(Schedule.cosine(40, 0.1))
                .clipNorm(1.0).earlyStopping(EarlyStopping.patience(100).restoreBestWeights())
                .validateEvery(ValidationSchedule.everySteps(5)).seed(7);
        return (tbpttLength > 0 ? b.truncatedBptt(tbpttLength) : b).build();
    }

    private static float[][] values(LanguageModel model) {
        List<Parameter> ps = model.parameters();
        float[][] out = new float[ps.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ps.get(i).value().toFloatArray();
        }
        return out;
    }
}
