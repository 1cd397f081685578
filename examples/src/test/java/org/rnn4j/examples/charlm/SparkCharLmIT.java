package org.rnn4j.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code train-charlm --spark}, checked from outside through {@code scripts/rnn4j}: with the
 * same --seed, --steps and global batch, {@code --spark local[2]} reports the same
 * {@code metrics.final_train_loss} as a run without it, within 1e-4 relative, and its report carries
 * {@code spark_master} and {@code sync_every}; with {@code --sync-every 2} (parameter averaging, whose
 * trajectory is not one machine's) it trains and reports {@code sync_every} 2. A small LSTM keeps the runs short.
 */
class SparkCharLmIT {
    private static final double TOLERANCE = 1e-4;

    @Test
    void sparkLocal2ReportsTheSameFinalTrainingLossAsOneMachine(@TempDir Path dir) throws Exception {
        JsonNode single = run(dir, "single", List.of());
        JsonNode spark = run(dir, "spark", List.of("--spark", "local[2]"));
        double expected = single.path("metrics").path("final_train_loss").asDouble();
        double actual = spark.path("metrics").path("final_train_loss").asDouble();
        assertTrue(expected > 0, "a training loss: " + single);
        assertEquals(expected, actual, TOLERANCE * expected, "final_train_loss with and without --spark");
        assertEquals("local[2]", spark.path("spark_master").asText(), spark.toString());
        assertEquals(1, spark.path("sync_every").asInt(), spark.toString());
        assertTrue(single.path("spark_master").isMissingNode(), "no spark_master without --spark: " + single);
        JsonNode averaged = run(dir, "averaged", List.of("--spark", "local[2]", "--sync-every", "2"));
        assertEquals(2, averaged.path("sync_every").asInt(), averaged.toString());
        assertEquals(4, averaged.path("steps").asInt(), "k updates counted per round: " + averaged);
        double averagedLoss = averaged.path("metrics").path("final_train_loss").asDouble();
        assertTrue(averagedLoss > 0 && averagedLoss < 2 * expected, "a training loss near the others: " + averaged);
    }

    private static JsonNode run(Path dir, String name, List<String> extra) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("rnn4j.it.repositoryRoot"));
        Path report = dir.resolve(name + ".json");
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/rnn4j").toString(), "train-charlm",
                "--seed", "3", "--steps", "4", "--hidden", "32", "--embedding", "16", "--batch", "8", "--bptt", "50",
                "--timing-steps", "0", "--sample-length", "10", "--out", dir.resolve(name).toString(),
                "--report", report.toString()));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "train-charlm " + extra + " finished in time");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return new ObjectMapper().readTree(report.toFile());
    }
}
