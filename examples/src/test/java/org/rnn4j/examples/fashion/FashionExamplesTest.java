package org.rnn4j.examples.fashion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.rnn4j.examples.cli.Rnn4jExamples;

/**
 * Smoke tests of {@code rnn4j fashion} and {@code rnn4j caption} on small subsets of Fashion-MNIST
 * (the Debian package {@code dataset-fashion-mnist} must be installed): each must learn well above
 * chance in seconds, write its report with the exact keys, its PNGs and its model.
 */
class FashionExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void dataInstalled() {
        assertTrue(Files.isRegularFile(FashionMnist.DEFAULT_DIRECTORY.resolve("t10k-labels-idx1-ubyte.gz")),
                "Fashion-MNIST is missing: " + FashionMnist.INSTALL);
    }

    @Test
    void fashionLearnsWellAboveChance() throws IOException {
        Path report = dir.resolve("fashion.json");
        int code = Rnn4jExamples.run("fashion", "--hidden", "32", "--batch", "50", "--train-size", "2000",
                "--test-size", "1000", "--steps", "60", "--lr", "0.005", "--out", dir.toString(), "--report",
                report.toString());
        assertEquals(0, code);
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals(Set.of("task", "backend", "seconds", "steps", "diverged", "metrics", "cell", "hidden"),
                fieldNames(json));
        assertFalse(json.get("diverged").asBoolean(), "a normal run is never flagged");
        assertEquals("fashion", json.get("task").asText());
        assertEquals(60, json.get("steps").asLong());
        assertEquals(Set.of("test_accuracy"), fieldNames(json.get("metrics")));
        double accuracy = json.get("metrics").get("test_accuracy").asDouble();
        // Chance is 0.10; 60 updates of 50 images already reach ~0.7.
        assertTrue(accuracy > 0.5, "test accuracy " + accuracy);
        assertTrue(Files.size(dir.resolve("confusion.png")) > 1000);
        assertTrue(Files.isRegularFile(dir.resolve("curves.png")));
        assertTrue(Files.isRegularFile(dir.resolve("model/config.json")));
        assertTrue(Files.isRegularFile(dir.resolve("model/model.safetensors")));
    }

    @Test
    void captionLearnsToNameTheClasses() throws IOException {
        Path report = dir.resolve("caption.json");
        int code = Rnn4jExamples.run("caption", "--hidden", "64", "--layers", "1", "--batch", "50", "--train-size",
                "2000", "--test-size", "1000", "--steps", "80", "--lr", "0.005", "--out", dir.toString(),
                "--report", report.toString());
        assertEquals(0, code);
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals(Set.of("task", "backend", "seconds", "steps", "diverged", "metrics", "cell", "hidden", "layers"),
                fieldNames(json));
        assertEquals("caption", json.get("task").asText());
        assertEquals(Set.of("caption_exact_match"), fieldNames(json.get("metrics")));
        double exact = json.get("metrics").get("caption_exact_match").asDouble();
        // Guessing one class name is right 0.10 of the time; the whole caption must be spelled right.
        assertTrue(exact > 0.4, "caption exact match " + exact);
        assertTrue(Files.isRegularFile(dir.resolve("model/config.json")));
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        for (List<String> args : List.of(List.of("fashion", "--cell", "elman"), List.of("fashion", "--hidden", "0"),
                List.of("caption", "--steps", "0"), List.of("caption", "--layers", "x"))) {
            String err = stderrOf(() -> assertEquals(2, Rnn4jExamples.run(args.toArray(String[]::new)),
                    args.toString()));
            assertEquals(1, err.strip().lines().count(), err);
        }
    }

    @Test
    void missingDataExitsTwoWithTheInstallCommand() {
        String err = stderrOf(() -> assertEquals(2, Rnn4jExamples.run("fashion", "--data",
                dir.resolve("nowhere").toString(), "--steps", "1")));
        assertTrue(err.contains(FashionMnist.INSTALL), err);
    }

    @Test
    void idxReaderChecksMagicDimensionsAndLength() throws IOException {
        Path good = idx(dir.resolve("good.gz"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9});
        FashionMnist.Idx read = FashionMnist.readIdx(good, 1);
        assertEquals(3, read.dims()[0]);
        assertEquals(9, read.values()[2]);
        expectIo(idx(dir.resolve("magic.gz"), new byte[] {1, 0, 8, 1, 0, 0, 0, 1, 7}), 1, "magic");
        expectIo(idx(dir.resolve("type.gz"), new byte[] {0, 0, 0x0d, 1, 0, 0, 0, 1, 7}), 1, "type");
        expectIo(good, 3, "dimensions");
        expectIo(idx(dir.resolve("short.gz"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 8}), 1, "truncated");
        expectIo(idx(dir.resolve("long.gz"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 7, 8}), 1, "more bytes");
        Path plain = dir.resolve("plain.gz");
        Files.write(plain, new byte[] {0, 0, 8, 1});
        expectIo(plain, 1, "gzip");
    }

    private static void expectIo(Path file, int dims, String says) {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> FashionMnist.readIdx(file, dims));
        assertTrue(e.getMessage().contains(says) && e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static Path idx(Path file, byte[] content) throws IOException {
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String stderrOf(Runnable body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
