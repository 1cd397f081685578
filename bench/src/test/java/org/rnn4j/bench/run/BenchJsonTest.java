package org.rnn4j.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.Precision;
import picocli.CommandLine;

/**
 * A smoke run of the benchmark command on two small rows (not a timing assertion): the JSON array has one
 * object per row with every key of issue 9, and the values are sane — positive times, ratios that are the
 * ratios of the times, baselines named, scaling stated; the tables and the chart are written.
 */
class BenchJsonTest {
    /** The keys, exactly. */
    private static final List<String> KEYS = List.of("cell", "mode", "precision", "lengths", "real_fraction", "layers",
            "directions", "T", "N", "I", "H", "native_ms", "native_gflops", "raw_onednn_ms", "jvm_ms", "jvm_gflops",
            "jvm_baseline", "scalar_ms", "limit_gflops", "fraction_of_limit", "native_over_jvm");
    private static final Path RAW_BENCH = Path.of("../presets/target/cmake/cpp/rnn4j_bench");

    /** Equal up to the rounding of the JSON's figures (6 significant digits each: well within 1e-4). */
    private static void assertRatio(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-4 * expected, what);
    }

    /** A bf16 row: raw oneDNN and the Java API in bf16, the JVM baselines in f32 (they have no bf16). */
    @Test
    void bf16RowSaysItsPrecision(@TempDir Path dir) throws Exception {
        assumeTrue(Precision.bf16Supported(), "oneDNN's CPU ISA " + Precision.cpuIsa() + " has no avx512_core_bf16");
        Path json = dir.resolve("rows.json");
        int exit = new CommandLine(new BenchCommand()).execute("--quick", "--rows",
                "^rnn_tanh training 25,16,256 fixed( bf16)?$", "--charlm-updates", "0",
                "--raw-bench", RAW_BENCH.toString(), "--out", dir.toString(), "--json", json.toString());
        assertEquals(0, exit);
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(List.of("f32", "bf16"), List.of(rows.get(0).get("precision").asText(),
                rows.get(1).get("precision").asText()));
        JsonNode bf16 = rows.get(1);
        assertEquals("rnn_tanh training 25,16,256 fixed bf16", bf16.get("name").asText());
        assertEquals("f32", bf16.get("jvm_precision").asText());
        for (String key : KEYS) {
            assertTrue(bf16.has(key), "missing key " + key + " in " + bf16);
        }
        for (String key : List.of("native_ms", "raw_onednn_ms", "jvm_ms", "scalar_ms")) {
            assertTrue(bf16.get(key).asDouble() > 0, key);
        }
        assertTrue(Files.readString(dir.resolve("BENCHMARKS.md")).contains("bf16 training: native_ms <= f32 native_ms / 3"));
    }

    @Test
    void jsonHasEveryKeyAndSaneValues(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(RAW_BENCH), RAW_BENCH.toAbsolutePath() + " must be built (presets module)");
        Path json = dir.resolve("rows.json");
        int exit = new CommandLine(new BenchCommand()).execute("--quick", "--rows",
                "^rnn_tanh (inference 672,1,32|training 100,32,128 variable)", "--charlm-updates", "0",
                "--raw-bench", RAW_BENCH.toString(), "--out", dir.toString(), "--json", json.toString());
        assertEquals(0, exit);
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, rows.size(), rows.toString());
        for (JsonNode r : rows) {
            for (String key : KEYS) {
                assertTrue(r.has(key), "missing key " + key + " in " + r);
            }
            assertEquals("rnn_tanh", r.get("cell").asText());
            assertTrue(Set.of("inference", "training").contains(r.get("mode").asText()));
            assertEquals("f32", r.get("precision").asText());
            assertEquals(1, r.get("layers").asInt());
            assertEquals(1, r.get("directions").asInt());
            for (String key : List.of("native_ms", "native_gflops", "raw_onednn_ms", "jvm_ms", "jvm_gflops",
                    "scalar_ms", "limit_gflops", "fraction_of_limit", "native_over_jvm")) {
                double v = r.get(key).asDouble();
                assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
            }
            assertTrue(Set.of("jvm_backend", "scalar").contains(r.get("jvm_baseline").asText()));
            double jvmMs = r.get("jvm_ms").asDouble();
            assertEquals(Math.min(r.get("jvm_backend_ms").asDouble(), r.get("scalar_ms").asDouble()), jvmMs, 1e-3);
            assertRatio(jvmMs / r.get("native_ms").asDouble(), r.get("native_over_jvm").asDouble(), "native_over_jvm");
            assertRatio(r.get("native_gflops").asDouble() / r.get("limit_gflops").asDouble(),
                    r.get("fraction_of_limit").asDouble(), "fraction_of_limit");
            int t = r.get("T").asInt();
            assertTrue(r.get("jvm_scaled_from_T").asInt() >= 1 && r.get("jvm_scaled_from_T").asInt() <= t);
            assertTrue(r.get("scalar_scaled_from_T").asInt() >= 1 && r.get("scalar_scaled_from_T").asInt() <= t);
            int n = r.get("N").asInt();
            assertTrue(r.get("scalar_scaled_from_N").asInt() >= 1 && r.get("scalar_scaled_from_N").asInt() <= n);
            assertTrue(r.get("jvm_backend_threads").asInt() >= 1);
            assertTrue(r.get("peak_rss_mb").asDouble() > 0);
            assertTrue(r.get("machine").get("cores").asInt() >= 1);
        }
        JsonNode inference = rows.get(0);
        assertEquals("inference", inference.get("mode").asText());
        assertEquals(List.of(672, 1, 32, 32), List.of(inference.get("T").asInt(), inference.get("N").asInt(),
                inference.get("I").asInt(), inference.get("H").asInt()));
        assertEquals(1.0, inference.get("real_fraction").asDouble());
        JsonNode variable = rows.get(1);
        assertEquals("variable", variable.get("lengths").asText());
        double fraction = variable.get("real_fraction").asDouble();
        assertTrue(fraction > 0.5 && fraction < 1, "real_fraction " + fraction);
        assertTrue(Files.size(dir.resolve("BENCHMARKS.md")) > 0);
        assertTrue(Files.size(dir.resolve("bench-chart.png")) > 0);
        Iterator<String> names = rows.get(0).fieldNames();
        for (String key : KEYS) {
            assertEquals(key, names.next(), "the issue's keys come first, in its order");
        }
    }
}
