package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Checkpoints;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Divergence;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;

/**
 * Parameter averaging every k = 4 updates ({@code syncEvery(4)}) on {@code local[2]}, with the model, data
 * and truncated BPTT of {@link SparkTrainerTest} (one batch per epoch of 6 chunks, so rounds cross chunks,
 * batches and epochs). The strong check: on ONE partition a round is k single-machine updates and the
 * average of one replica is the identity, so the parameters after 20 updates equal single-machine training
 * bit for bit; the reported losses are (mean · weight) / weight in f64, so they are compared within 1e-12
 * relative (that rounding, ~1e-16, and nothing else).
 */
class SyncEveryTest {
    private static final int K = 4;
    private static final int STEPS = 20;
    /** Chunks of 10 steps per batch (the longest sequence has 59 tokens: 58 steps), one batch per epoch. */
    private static final int CHUNKS = 6;
    private static final String MASTER = "local[2,2]";

    private static JavaSparkContext spark;
    private static SparkTrainerTest.Run clean;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster(MASTER).setAppName("rnn4j-sync-every-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void onOnePartitionRoundsAreSingleMachineTrainingBitForBit() {
        SparkTrainerTest.Run single = new SparkTrainerTest.Run();
        try (LanguageModel model = SparkTrainerTest.model();
             Trainer<TokenBatch> trainer = configure(Trainer.builder(model)).listener(single).build()) {
            trainer.fit(Dataset.of(List.of(TokenBatch.nextToken(SparkTrainerTest.sequences(1)))), null,
                    Epochs.of(100).maxSteps(STEPS));
            single.keep(model.parameters());
        }
        SparkTrainerTest.Run distributed = onSpark(spark.parallelize(SparkTrainerTest.sequences(1), 1), STEPS, null,
                null);
        assertEquals(STEPS, distributed.losses.size());
        for (int i = 0; i < STEPS; i++) {
            double expected = single.losses.get(i);
            assertEquals(expected, distributed.losses.get(i), 1e-12 * Math.abs(expected), "loss of update " + (i + 1));
        }
        for (int i = 0; i < single.parameters.size(); i++) {
            assertArrayEquals(single.parameters.get(i), distributed.parameters.get(i), "parameter " + i);
        }
    }

    @Test
    void twoPartitionsTrainDeterministically() {
        SparkTrainerTest.Run first = clean();
        SparkTrainerTest.Run second = onSpark(spark.parallelize(SparkTrainerTest.sequences(1), 2), STEPS, null, null);
        assertEquals(STEPS, first.losses.size(), "k updates counted per round");
        assertEquals(first.losses, second.losses, "the same losses, bit for bit");
        for (int i = 0; i < first.parameters.size(); i++) {
            assertArrayEquals(first.parameters.get(i), second.parameters.get(i), "parameter " + i);
        }
        for (int u = 0; u < CHUNKS; u++) {
            assertTrue(first.losses.get(u + 2 * CHUNKS) < first.losses.get(u),
                    "chunk " + (u + 1) + "'s loss falls from epoch 1 to epoch 3: " + first.losses);
        }
    }

    @Test
    void aTaskThatFailsOnceLeavesTheTrajectoryUnchanged() {
        SparkTrainerTest.FailOnce.reset(4);
        JavaRDD<int[]> failing = spark.parallelize(SparkTrainerTest.sequences(1), 2)
                .mapPartitionsWithIndex(SparkTrainerTest.FailOnce::pass, true);
        SparkTrainerTest.Run retried = onSpark(failing, 12, null, null);
        assertTrue(SparkTrainerTest.FailOnce.FAILED.get(), "the injected failure happened");
        assertEquals(clean().losses.subList(0, 12), retried.losses, "the same losses, bit for bit");
    }

    @Test
    void resumingFromARoundBoundaryContinuesTheSameTrajectory(@TempDir Path dir) {
        Path checkpoint = dir.resolve("step-8.safetensors");
        onSpark(spark.parallelize(SparkTrainerTest.sequences(1), 2), 8, checkpoint, null);
        SparkTrainerTest.Run resumed = onSpark(spark.parallelize(SparkTrainerTest.sequences(1), 2), STEPS, null,
                checkpoint);
        assertEquals(clean().losses.subList(8, STEPS), resumed.losses, "updates 9..20 after resuming at update 8");
        for (int i = 0; i < resumed.parameters.size(); i++) {
            assertArrayEquals(clean().parameters.get(i), resumed.parameters.get(i), "parameter " + i);
        }
    }

    @Test
    void oneJobPerRoundAndARoundCutAtTheUpdateLimit(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("metrics.csv");
        try (LanguageModel model = SparkTrainerTest.model();
             SparkTrainer<TokenBatch> trainer = builder(spark.parallelize(SparkTrainerTest.sequences(1), 2), model)
                     .trainer(b -> configure(b).metricsLog(log).checkpoints(Checkpoints.every(dir, 8))).build()) {
            trainer.fit(Epochs.of(100).maxSteps(10));
            assertEquals(10, trainer.trainer().step());
            assertEquals(10, trainer.stats().steps());
            assertEquals(3, trainer.stats().jobs(), "rounds of updates 1-4, 5-8, 9-10");
            assertEquals(K, trainer.syncEvery());
        }
        List<String> lines = java.nio.file.Files.readAllLines(log);
        assertEquals(1 + 10, lines.size(), "a header and one line per update: " + lines);
        assertTrue(java.nio.file.Files.exists(Checkpoints.every(dir, 8).file(8)), "the checkpoint at round boundary 8");
    }

    @Test
    void badSettingsAreRefusedNamingThem(@TempDir Path dir) {
        JavaRDD<int[]> data = spark.parallelize(SparkTrainerTest.sequences(1), 2);
        try (LanguageModel model = SparkTrainerTest.model()) {
            SparkTrainer.Builder<TokenBatch> b = SparkTrainer.builder(spark, model, data, ShardedData.nextToken());
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> b.syncEvery(0));
            assertTrue(zero.getMessage().contains("syncEvery"), zero.getMessage());
            IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                    () -> builder(data, model).trainer(t -> configure(t).checkpoints(Checkpoints.every(dir, 6))).build());
            assertTrue(interval.getMessage().contains("checkpoint interval"), interval.getMessage());
            IllegalArgumentException warmUp = assertThrows(IllegalArgumentException.class,
                    () -> builder(data, model).trainer(t -> configure(t).truncatedBptt(10, 5)).build());
            assertTrue(warmUp.getMessage().contains("k2 = k1"), warmUp.getMessage());
            IllegalArgumentException rollBack = assertThrows(IllegalArgumentException.class,
                    () -> builder(data, model).trainer(t -> configure(t).checkpoints(Checkpoints.every(dir, 8))
                            .divergence(Divergence.defaults().action(Divergence.Action.ROLL_BACK))).build());
            assertTrue(rollBack.getMessage().contains("ROLL_BACK"), rollBack.getMessage());
        }
    }

    private static synchronized SparkTrainerTest.Run clean() {
        if (clean == null) {
            clean = onSpark(spark.parallelize(SparkTrainerTest.sequences(1), 2), STEPS, null, null);
        }
        return clean;
    }

    /** {@link SparkTrainerTest}'s configuration without validation (it sees the parameters of round boundaries). */
    private static <T> Trainer.Builder<T> configure(Trainer.Builder<T> b) {
        return b.optimizer(Adam.lr(1e-2)).clipNorm(0.5).truncatedBptt(10).seed(11);
    }

    private static SparkTrainer.Builder<TokenBatch> builder(JavaRDD<int[]> data, LanguageModel model) {
        return SparkTrainer.builder(spark, model, data, ShardedData.nextToken()).syncEvery(K).trainer(SyncEveryTest::configure);
    }

    private static SparkTrainerTest.Run onSpark(JavaRDD<int[]> data, int steps, Path save, Path resume) {
        SparkTrainerTest.Run run = new SparkTrainerTest.Run();
        try (LanguageModel model = SparkTrainerTest.model();
             SparkTrainer<TokenBatch> trainer = builder(data, model).trainer(b -> configure(b).listener(run)).build()) {
            if (resume != null) {
                trainer.resume(resume);
            }
            trainer.fit(Epochs.of(100).maxSteps(steps));
            if (save != null) {
                trainer.saveCheckpoint(save);
            }
            run.keep(model.parameters());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run;
    }

}
