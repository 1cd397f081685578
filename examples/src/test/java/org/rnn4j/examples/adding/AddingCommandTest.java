package org.rnn4j.examples.adding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.examples.cli.Rnn4jExamples;
import org.rnn4j.models.RegressionBatch;

class AddingCommandTest {

    /** A short adding problem (T = 10) that an LSTM learns in 300 updates: below half the baseline MSE. */
    @Test
    void lstmLearnsTheShortAddingProblem(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        int code = Rnn4jExamples.run("adding", "--cell", "lstm", "--length", "10", "--hidden", "32", "--batch", "32",
                "--lr", "1e-2", "--steps", "300", "--validate-every", "100", "--out", dir.toString(), "--report",
                report.toString());
        assertEquals(0, code);

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String key : List.of("task", "backend", "seconds", "steps", "diverged", "metrics", "cell", "length")) {
            assertTrue(json.has(key), key + " in " + json.fieldNames());
        }
        assertEquals("adding", json.get("task").asText());
        assertEquals("lstm", json.get("cell").asText());
        assertEquals(10, json.get("length").asInt());
        assertEquals(300, json.get("steps").asLong());
        Set<String> metrics = new TreeSet<>();
        json.get("metrics").fieldNames().forEachRemaining(metrics::add);
        assertTrue(metrics.containsAll(Set.of("test_mse", "baseline_mse", "max_grad_norm")), metrics.toString());

        double baseline = json.get("metrics").get("baseline_mse").asDouble();
        double mse = json.get("metrics").get("test_mse").asDouble();
        assertTrue(Math.abs(baseline - 1.0 / 6) < 0.02, "baseline " + baseline + " ≈ 1/6");
        assertTrue(mse < 0.5 * baseline, "test MSE " + mse + " must be below half the baseline " + baseline);
        assertEquals(300, json.get("grad_norm_per_step").size());
        assertTrue(Files.size(dir.resolve("adding-lstm-T10.png")) > 0);
    }

    @Test
    void anUnknownCellExitsTwo() {
        assertEquals(2, Rnn4jExamples.run("adding", "--cell", "foo"));
        assertEquals(2, Rnn4jExamples.run("adding", "--length", "1"));
    }

    /** Two markers, one in each half; the target is the sum of the marked values; predicting 1 scores ≈ 1/6. */
    @Test
    void batchesFollowTheProblemsDefinition() {
        RegressionBatch b = AddingCommand.addingBatch(8, 500, new SplittableRandom(1));
        float[] targets = b.targets();
        for (int n = 0; n < 500; n++) {
            int markersFirstHalf = 0, markersSecondHalf = 0;
            double sum = 0;
            for (int t = 0; t < 8; t++) {
                float value = b.sequences().get(t, n, 0);
                assertTrue(value >= 0 && value <= 1);
                if (b.sequences().get(t, n, 1) == 1) {
                    sum += value;
                    if (t < 4) {
                        markersFirstHalf++;
                    } else {
                        markersSecondHalf++;
                    }
                }
            }
            assertEquals(1, markersFirstHalf);
            assertEquals(1, markersSecondHalf);
            assertEquals(sum, targets[n], 1e-6);
        }
        assertEquals(1.0 / 6, AddingCommand.baselineMse(List.of(b)), 0.03);
    }
}
