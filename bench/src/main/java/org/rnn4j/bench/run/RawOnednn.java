package org.rnn4j.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rnn4j.Precision;

/**
 * The C++ side of a row, run as its own process ({@code rnn4j_bench --raw-only --limit}, cpp/bench): oneDNN's
 * primitives with pre-reordered weights on the same shape (the floor for the Java API; variable-length rows
 * run the padded batch, oneDNN having no lengths; bf16 rows in bf16), and oneDNN's (f32) sgemm on the step's GEMM
 * shapes (the limit).
 */
final class RawOnednn {
    /** Milliseconds of the raw step and the limit in GF/s. */
    record Result(double rawMs, double limitGflops, double limitMs) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path binary;
    private final int threads;

    RawOnednn(Path binary, int threads) {
        this.binary = binary;
        this.threads = threads;
    }

    Path binary() {
        return binary;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            hook.run();
        }
    }

    Result run(BenchRow row, int iterations) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--raw-only", "--limit",
                "--cell", row.cellKey(), "--steps", Integer.toString(row.steps()),
                "--batch", Integer.toString(row.batch()), "--input", Integer.toString(row.input()),
                "--hidden", Integer.toString(row.hidden()), "--layers", Integer.toString(row.layers()),
                "--threads", Integer.toString(threads), "--iterations", Integer.toString(Math.max(3, iterations))));
        if (row.directions() == 2) {
            command.add("--bidirectional");
        }
        if (row.mode() == BenchRow.Mode.INFERENCE) {
            command.add("--inference");
        }
        if (row.precision() == Precision.BF16) {
            command.add("--bf16");  // the sgemm limit stays f32's
        }
        try {
            Path err = Files.createTempFile("rnn4j-bench", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                Thread stop = new Thread(p::destroyForcibly); // a stopped benchmark leaves no C++ process behind
                Runtime.getRuntime().addShutdownHook(stop);
                String out;
                try {
                    out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    p.waitFor(30, TimeUnit.MINUTES);
                } finally {
                    p.destroyForcibly();
                    removeHook(stop);
                }
                if (p.isAlive() || p.exitValue() != 0) {
                    throw new IllegalStateException("rnn4j_bench failed (" + String.join(" ", command) + "): "
                            + Files.readString(err).strip());
                }
                double raw = Double.NaN;
                double limit = Double.NaN;
                double limitMs = Double.NaN;
                for (String line : out.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line);
                    switch (node.path("impl").asText()) {
                        case "onednn_raw" -> raw = node.path("median_ms").asDouble();
                        case "sgemm_limit" -> {
                            limit = node.path("limit_gflops").asDouble();
                            limitMs = node.path("limit_ms").asDouble();
                        }
                        default -> {
                        }
                    }
                }
                if (Double.isNaN(raw) || Double.isNaN(limit)) {
                    throw new IllegalStateException("rnn4j_bench printed no raw time or limit: " + out);
                }
                return new Result(raw, limit, limitMs);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + binary, e);
        }
    }
}
