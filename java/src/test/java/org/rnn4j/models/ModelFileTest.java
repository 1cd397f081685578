package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.CellKind;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.io.ChecksummedJson;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.TensorScope;

/**
 * Saved models: every kind round-trips bit for bit (across backends too), recurrent layers PyTorch has
 * are stored under PyTorch's names, config.json carries the provenance, and damaged or mismatched
 * files are rejected with a {@link CorruptFileException} naming what is wrong.
 */
class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void languageModelRoundTripsUnderPyTorchNames() throws IOException {
        try (TensorScope scope = TensorScope.open();
             LanguageModel model = LanguageModel.builder(6).embedding(4).recurrent(Recurrent.lstm(5).layers(2))
                     .seed(3).backend(Backend.NATIVE).build()) {
            model.save(dir);
            assertEquals(List.of("embedding.weight", "head.bias", "head.weight", "rnn.bias_hh_l0", "rnn.bias_hh_l1",
                            "rnn.bias_ih_l0", "rnn.bias_ih_l1", "rnn.weight_hh_l0", "rnn.weight_hh_l1",
                            "rnn.weight_ih_l0", "rnn.weight_ih_l1"),
                    SafeTensors.read(dir.resolve("model.safetensors")).asMap().keySet().stream().sorted().toList());
            try (LanguageModel loaded = LanguageModel.load(dir, Backend.JVM)) {
                assertEquals(model.config(), loaded.config());
                assertSameParameters(model.parameters(), loaded.parameters());
                assertArrayEquals(model.generate(new int[] {1, 2}, 5, 0, 0, 0),
                        loaded.generate(new int[] {1, 2}, 5, 0, 0, 0));
            }
        }
    }

    @Test
    void configCarriesTheProvenance() throws IOException {
        try (TensorScope scope = TensorScope.open();
             SequenceTagger model = SequenceTagger.builder(2, 3).recurrent(Recurrent.gru(4).bidirectional()).seed(9)
                     .backend(Backend.NATIVE).build()) {
            model.save(dir);
            String json = Files.readString(dir.resolve("config.json"));
            assertTrue(json.contains("\"model\" : \"SequenceTagger\""), json);
            assertTrue(json.contains("\"seed\" : 9"), json);
            assertTrue(json.contains("\"onednn_version\" : \"3."), json);
            assertTrue(json.contains("\"rnn4j_version\" : \"0."), json);
            assertTrue(json.contains("\"rnn.weight_ih_l0_reverse\""), json);
            assertTrue(json.contains("\"sha256\""), json);
            try (SequenceTagger loaded = SequenceTagger.load(dir, Backend.NATIVE)) {
                assertSameParameters(model.parameters(), loaded.parameters());
            }
        }
    }

    @Test
    void everyModelKindRoundTrips() throws IOException {
        try (TensorScope scope = TensorScope.open()) {
            try (SequenceClassifier m = SequenceClassifier.builder(2, 3)
                    .recurrent(Recurrent.of(CellKind.GRU, 4)).pooling(Pooling.MEAN).seed(1).build()) {
                m.save(dir.resolve("classifier"));
                assertEquals(List.of("rnn.bias_hh_l0", "rnn.bias_ih_l0", "rnn.weight_hh_l0", "rnn.weight_ih_l0"),
                        SafeTensors.read(dir.resolve("classifier/model.safetensors")).asMap().keySet().stream()
                                .filter(name -> name.startsWith("rnn.")).sorted().toList(),
                        "PyTorch has no classic GRU: its naming scheme, extended");
                try (SequenceClassifier loaded = SequenceClassifier.load(dir.resolve("classifier"))) {
                    assertSameParameters(m.parameters(), loaded.parameters());
                    SequenceBatch x = SequenceBatch.of(Tasks.sequences(new Random(1), 3, 1, 4, 2));
                    assertArrayEquals(m.logits(x), loaded.logits(x));
                }
            }
            try (SequenceRegressor m = SequenceRegressor.builder(2, 2).recurrent(Recurrent.rnn(3)).seed(2).build()) {
                m.save(dir.resolve("regressor"));
                try (SequenceRegressor loaded = SequenceRegressor.load(dir.resolve("regressor"))) {
                    assertSameParameters(m.parameters(), loaded.parameters());
                }
            }
            try (OneToMany m = OneToMany.builder(3, 6).embedding(4).recurrent(Recurrent.lstm(5).layers(2)).seed(3)
                    .build()) {
                m.save(dir.resolve("one-to-many"));
                try (OneToMany loaded = OneToMany.load(dir.resolve("one-to-many"))) {
                    assertSameParameters(m.parameters(), loaded.parameters());
                }
            }
            try (Seq2Seq m = Seq2Seq.builder(5, 6).embedding(4).recurrent(Recurrent.gru(5)).seed(4).build()) {
                m.save(dir.resolve("seq2seq"));
                try (Seq2Seq loaded = Seq2Seq.load(dir.resolve("seq2seq"))) {
                    assertSameParameters(m.parameters(), loaded.parameters());
                    assertArrayEquals(m.beamSearch(new int[] {2, 3}, 2, 5), loaded.beamSearch(new int[] {2, 3}, 2, 5));
                }
            }
        }
    }

    @Test
    void modelsLoadDispatchesOnTheSavedKind() throws IOException {
        try (TensorScope scope = TensorScope.open();
             SequenceRegressor regressor = SequenceRegressor.builder(2, 1).recurrent(Recurrent.gru(3)).seed(4).build();
             OneToMany oneToMany = OneToMany.builder(2, 4).embedding(3).recurrent(Recurrent.lstm(3)).bos(0).eos(1)
                     .seed(5).build()) {
            regressor.save(dir.resolve("regressor"));
            oneToMany.save(dir.resolve("one-to-many"));
            assertEquals("SequenceRegressor", regressor.kind());
            try (Model<?> loaded = Models.load(dir.resolve("regressor"))) {
                assertTrue(loaded instanceof SequenceRegressor, loaded.getClass().getName());
                assertEquals(regressor.config(), loaded.config());
                assertSameParameters(regressor.parameters(), loaded.parameters());
            }
            try (Model<?> loaded = Models.load(dir.resolve("one-to-many"), Backend.JVM)) {
                assertEquals("OneToMany", loaded.kind());
                assertEquals(Backend.JVM, loaded.backend());
                assertSameParameters(oneToMany.parameters(), loaded.parameters());
            }
            Path config = dir.resolve("regressor/config.json");
            edit(config, json -> json.replace("\"SequenceRegressor\"", "\"Unknown\""));
            assertMessage(assertThrows(CorruptFileException.class, () -> Models.load(dir.resolve("regressor"))),
                    "one of [LanguageModel, ");
        }
    }

    @Test
    void damagedOrMismatchedFilesAreRejected() throws IOException {
        try (TensorScope scope = TensorScope.open();
             LanguageModel model = LanguageModel.builder(6).embedding(4).recurrent(Recurrent.gru(5)).build()) {
            model.save(dir);
            Path weights = dir.resolve("model.safetensors");
            Path config = dir.resolve("config.json");
            byte[] goodWeights = Files.readAllBytes(weights);
            String goodConfig = Files.readString(config);

            byte[] flipped = goodWeights.clone();
            flipped[flipped.length - 1] ^= 1;
            Files.write(weights, flipped);
            assertMessage(assertThrows(CorruptFileException.class, () -> LanguageModel.load(dir)), "SHA-256");
            Files.write(weights, goodWeights);

            Files.writeString(config, goodConfig.replace("\"hiddenSize\" : 5", "\"hiddenSize\" : 6"));
            assertMessage(assertThrows(CorruptFileException.class, () -> LanguageModel.load(dir)), "checksum: expected");

            edit(config, json -> goodConfig.replace("\"hiddenSize\" : 5", "\"hiddenSize\" : 6"));
            assertMessage(assertThrows(CorruptFileException.class, () -> LanguageModel.load(dir)), "expected F32[");

            edit(config, json -> goodConfig.replace("\"hiddenSize\" : 5", "\"hiddenSize\" : -5"));
            assertMessage(assertThrows(CorruptFileException.class, () -> LanguageModel.load(dir)), "hidden size");

            edit(config, json -> goodConfig.replace("\"hiddenSize\" : 5", "\"hiddenSize\" : 5, \"extra\" : 1"));
            assertMessage(assertThrows(CorruptFileException.class, () -> LanguageModel.load(dir)), "config");

            Files.writeString(config, goodConfig);
            assertMessage(assertThrows(CorruptFileException.class, () -> Seq2Seq.load(dir)), "LanguageModel");

            Files.writeString(config, "{\"format\" : \"rnn4j-model\", \"format_version\" : 1}");
            assertMessage(assertThrows(CorruptFileException.class, () -> LanguageModel.load(dir)),
                    "format_version: expected 2, got 1 (saved before config.json carried a checksum");

            Files.write(config, "{\"format\": ".getBytes(StandardCharsets.UTF_8));
            assertMessage(assertThrows(CorruptFileException.class, () -> LanguageModel.load(dir)), "JSON");
        }
    }

    /** Rewrites {@code config} as {@code change} says, with a valid checksum (as a deliberate edit would be). */
    static void edit(Path config, UnaryOperator<String> change) throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(change.apply(Files.readString(config)));
        root.remove(ChecksummedJson.CHECKSUM);
        Files.write(config, ChecksummedJson.toBytes(root));
    }

    private static void assertMessage(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static void assertSameParameters(List<Parameter> expected, List<Parameter> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).name(), actual.get(i).name());
            assertArrayEquals(expected.get(i).value().toFloatArray(), actual.get(i).value().toFloatArray(),
                    expected.get(i).name());
        }
        assertFalse(expected.isEmpty());
    }
}
