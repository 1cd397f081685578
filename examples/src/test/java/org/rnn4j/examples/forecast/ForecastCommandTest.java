package org.rnn4j.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.examples.cli.Rnn4jExamples;

class ForecastCommandTest {

    /** A small LSTM trained for 400 updates forecasts the held-out series one step ahead at under half persistence's NRMSE. */
    @Test
    void lstmBeatsPersistence(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        int code = Rnn4jExamples.run("forecast", "--hidden", "32", "--window", "24", "--horizon", "20", "--steps",
                "400", "--out", dir.toString(), "--report", report.toString());
        assertEquals(0, code);

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String key : List.of("task", "backend", "seconds", "steps", "metrics")) {
            assertTrue(json.has(key), key);
        }
        assertEquals("forecast", json.get("task").asText());
        JsonNode metrics = json.get("metrics");
        assertTrue(metrics.has("nrmse") && metrics.has("persistence_nrmse"), metrics.toString());
        double nrmse = metrics.get("nrmse").asDouble();
        double persistence = metrics.get("persistence_nrmse").asDouble();
        assertTrue(persistence > 0.1 && persistence < 0.2, "one-step persistence NRMSE " + persistence);
        assertTrue(nrmse < 0.5 * persistence, "NRMSE " + nrmse + " must be below half of persistence's " + persistence);
        assertTrue(metrics.get("multistep_nrmse").asDouble() < metrics.get("multistep_persistence_nrmse").asDouble());
        assertTrue(Files.size(dir.resolve("forecast.png")) > 0);
    }

    @Test
    void badArgumentsExitTwo() {
        assertEquals(2, Rnn4jExamples.run("forecast", "--window", "0"));
        assertEquals(2, Rnn4jExamples.run("forecast", "--steps", "-3"));
    }

    /** The series is chaotic but bounded, near the textbook range of Mackey–Glass at tau = 17 (about 0.2 to 1.4). */
    @Test
    void mackeyGlassStaysInItsRange() {
        double[] x = MackeyGlass.series(2000, 1.0, 500);
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min > 0.15 && min < 0.5, "min " + min);
        assertTrue(max > 1.2 && max < 1.5, "max " + max);
    }
}
