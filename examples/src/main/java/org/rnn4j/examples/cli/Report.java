package org.rnn4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.rnn4j.backend.Backend;
import org.rnn4j.train.TrainingSummary;

/**
 * An example's report: {@code {"task": ..., "backend": ..., "seconds": ..., "steps": ..., "metrics": {...}}}
 * plus any extra top-level fields the example echoes (e.g. {@code cell}, {@code length}); an example that trains
 * adds {@code "diverged": true|false}, whether the trainer's divergence guard flagged any update.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();

    public Report(String task, Backend backend) {
        root.put("task", task);
        root.put("backend", backend.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Wall time of the run and updates made. */
    public Report run(double seconds, long steps) {
        root.put("seconds", seconds);
        root.put("steps", steps);
        return this;
    }

    /** Wall time of the run, updates made and whether any diverged, from the training's summary. */
    public Report run(double seconds, TrainingSummary training) {
        run(seconds, training.steps());
        root.put("diverged", training.diverged());
        return this;
    }

    /** A metric under {@code metrics}. */
    public Report metric(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    /** An extra top-level field. */
    public Report field(String name, Object value) {
        root.put(name, value);
        return this;
    }

    /** The metric's value, or NaN. */
    public double metric(String name) {
        Object v = metrics.get(name);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Writes the JSON to {@code file} (when not null), creating its directory. */
    public void write(Path file) throws IOException {
        if (file == null) {
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>(root);
        out.put("metrics", metrics);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), out);
    }
}
