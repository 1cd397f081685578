package org.rnn4j.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.Precision;
import org.rnn4j.backend.Backend;
import org.rnn4j.examples.cli.Rnn4jExamples;
import org.rnn4j.examples.text.CharVocabulary;
import org.rnn4j.models.LanguageModel;

/**
 * Smoke tests of the main job: train-charlm learns (a tiny LSTM-64, 60 updates, on each backend), generate is
 * deterministic, and the heatmap's hand-unfolded LSTM equals the model's own hidden states.
 */
class CharLmExamplesTest {
    /**
     * Uniform guessing over the ~232 characters costs ln 232 ≈ 5.45 nats per character and the character
     * unigram distribution ≈ 3.0; after 60 updates at Adam 1e-2, LSTM-64 is measured at 2.58 nats (the same on both backends), so
     * 3.0 nats (≈ 4.3 bpc) holds with margin and still needs more than letter frequencies.
     */
    private static final double MAX_LOSS_AFTER_60 = 3.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void trainTinyModel() throws Exception {
        model = dir.resolve("native");
        train("native", model);
    }

    private static String[] tinyRun(String backend, Path out) {
        return tinyRun(backend, "f32", out);
    }

    private static String[] tinyRun(String backend, String precision, Path out) {
        return new String[] {"train-charlm", "--backend", backend, "--precision", precision, "--hidden", "64", "--embedding", "16", "--batch",
            "32", "--bptt", "50", "--lr", "0.01", "--steps", "60", "--validate-every", "1000", "--sample-length", "40",
            "--timing-steps", "0", "--out", out.toString(), "--report", out.resolve("report.json").toString()};
    }

    private static JsonNode train(String backend, Path out) throws Exception {
        assertEquals(0, Rnn4jExamples.run(tinyRun(backend, out)));
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    /** bf16 training learns within the same bound as f32 (the CPU must have AVX512-BF16). */
    @Test
    void nativeBf16RunLearns() throws Exception {
        assumeTrue(Precision.bf16Supported(), "oneDNN's CPU ISA " + Precision.cpuIsa() + " has no avx512_core_bf16");
        Path out = dir.resolve("bf16");
        assertEquals(0, Rnn4jExamples.run(tinyRun("native", "bf16", out)));
        check(JSON.readTree(out.resolve("report.json").toFile()), "native", "bf16");
    }

    @Test
    void nativeRunLearnsAndWritesEverything() throws Exception {
        check(JSON.readTree(model.resolve("report.json").toFile()), "native");
        for (String file : List.of("model.safetensors", "config.json", "vocabulary.json", "charlm-curves.png")) {
            assertTrue(Files.size(model.resolve(file)) > 0, file);
        }
    }

    @Test
    void jvmRunLearns() throws Exception {
        check(train("jvm", dir.resolve("jvm")), "jvm");
    }

    private static void check(JsonNode report, String backend) {
        check(report, backend, "f32");
    }

    private static void check(JsonNode report, String backend, String precision) {
        assertEquals(Set.of("task", "backend", "seconds", "steps", "diverged", "metrics", "hidden", "bptt", "batch",
                "chars_per_second", "precision"), names(report));
        assertEquals(precision, report.get("precision").asText());
        assertFalse(report.get("diverged").asBoolean(), "a normal run is never flagged");
        assertEquals(Set.of("val_bpc", "final_train_loss"), names(report.get("metrics")));
        assertEquals("train-charlm", report.get("task").asText());
        assertEquals(backend, report.get("backend").asText());
        assertEquals(60, report.get("steps").asInt());
        double loss = report.get("metrics").get("final_train_loss").asDouble();
        double bpc = report.get("metrics").get("val_bpc").asDouble();
        assertTrue(loss < MAX_LOSS_AFTER_60, "final training loss " + loss + " nats/char");
        assertTrue(bpc < MAX_LOSS_AFTER_60 / Math.log(2), "validation " + bpc + " bpc");
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void generateIsDeterministicGivenTheSeed() {
        String[] args = {"generate", "--model", model.toString(), "--prime", "The Commission ", "--length", "60",
            "--temperature", "1.0", "--top-k", "10", "--seed", "7"};
        String first = stdout(args);
        assertEquals(first, stdout(args));
        assertTrue(first.startsWith("The Commission "), first);
        assertEquals("The Commission ".length() + 60 + 1, first.codePointCount(0, first.length()),
                () -> "prime + 60 characters + newline: " + first);
        args[args.length - 1] = "8";
        assertNotEquals(first, stdout(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NATIVE", "JVM"})
    void handUnfoldedGatesGiveTheModelsHiddenStates(Backend backend) throws Exception {
        CharVocabulary vocabulary = CharModelFiles.vocabulary(model);
        int[] ids = vocabulary.encode("The Commission has proposed that the Member States report.");
        try (LanguageModel lm = CharModelFiles.model(model, backend)) {
            LstmUnfolding unfolded = LstmUnfolding.of(lm, ids);
            float[][] own = LstmUnfolding.modelHiddenStates(lm, ids);
            assertEquals(ids.length, own.length);
            for (int t = 0; t < ids.length; t++) {
                assertArrayEquals(own[t], unfolded.hidden()[t], 1e-5f, "step " + t);
            }
            // gates are probabilities, the hidden state is o ⊙ tanh(c)
            for (float[][] gate : List.of(unfolded.input(), unfolded.forget(), unfolded.output())) {
                for (float[] row : gate) {
                    for (float v : row) {
                        assertTrue(v > 0 && v < 1);
                    }
                }
            }
        }
    }

    @Test
    void heatmapWritesOnePngAndItsReport() throws Exception {
        Path png = dir.resolve("heatmap.png");
        Path report = dir.resolve("heatmap.json");
        assertEquals(0, Rnn4jExamples.run("heatmap", "--model", model.toString(), "--text", "The Commission.",
                "--units", "16", "--out", png.toString(), "--report", report.toString()));
        assertTrue(Files.size(png) > 1000);
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals("heatmap", json.get("task").asText());
        assertEquals(0, json.get("steps").asInt());
        assertTrue(json.get("metrics").get("max_hidden_difference").asDouble() < 1e-3, json.toString());
    }

    @Test
    void generateWritesItsReport() throws Exception {
        Path report = dir.resolve("generate.json");
        assertEquals(0, Rnn4jExamples.run("generate", "--model", model.toString(), "--length", "5", "--report",
                report.toString()));
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals(Set.of("task", "backend", "seconds", "steps", "metrics"), names(json));
        assertEquals(5, json.get("metrics").get("characters").asInt());
    }

    @Test
    void badArgumentsExit2() {
        assertEquals(2, Rnn4jExamples.run("train-charlm", "--hidden", "0"));
        assertEquals(2, Rnn4jExamples.run("train-charlm", "--backend", "gpu"));
        assertEquals(2, Rnn4jExamples.run("train-charlm", "--precision", "fp8"));
        assertEquals(2, Rnn4jExamples.run("train-charlm", "--precision", "bf16", "--backend", "jvm"));
        assertEquals(2, Rnn4jExamples.run("train-charlm", "--sync-every", "0", "--spark", "local[2]"));
        assertEquals(2, Rnn4jExamples.run("train-charlm", "--sync-every", "4"));
        assertEquals(2, Rnn4jExamples.run("generate", "--model", model.toString(), "--prime", "€"));
        assertEquals(2, Rnn4jExamples.run("generate", "--model", dir.resolve("absent").toString()));
        assertEquals(2, Rnn4jExamples.run("heatmap", "--model", model.toString(), "--units", "-1"));
    }

    @Test
    void helpNamesThePrecision() {
        String help = stdout("train-charlm", "--help");
        assertTrue(help.contains("--precision=f32|bf16"), help);
    }

    @Test
    void helpDocumentsSyncEvery() {
        String help = stdout("train-charlm", "--help");
        assertTrue(help.contains("--sync-every=K"), help);
        assertTrue(help.contains("parameter averaging"), help);
    }

    private static String stdout(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            assertEquals(0, Rnn4jExamples.run(args));
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
