package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.FuzzFiles;

/**
 * A saved model's {@code config.json} on any bytes: {@code ModelFile.kind} and {@code ModelFile.config} give a
 * config record of a known kind, or a {@link CorruptFileException}; never another exception or a hang. Kept
 * inputs are in {@code ModelConfigFuzzTestInputs/}; {@code -Pfuzz} fuzzes for 10 minutes.
 */
class ModelConfigFuzzTest {
    /** The kinds {@link Models} loads, by their name in {@code config.json}. */
    private static final Map<String, Class<? extends Record>> KINDS = Map.of(
            "LanguageModel", LanguageModel.LanguageModelConfig.class,
            "SequenceClassifier", SequenceClassifier.SequenceClassifierConfig.class,
            "SequenceRegressor", SequenceRegressor.SequenceRegressorConfig.class,
            "SequenceTagger", SequenceTagger.SequenceTaggerConfig.class,
            "OneToMany", OneToMany.OneToManyConfig.class,
            "Seq2Seq", Seq2Seq.Seq2SeqConfig.class);

    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveAConfigOrACorruptFileException(byte[] input) throws IOException {
        Path directory = FuzzFiles.directory().resolve("model");
        Files.createDirectories(directory);
        FuzzFiles.write("model/" + ModelFile.CONFIG, input);
        try {
            String kind = ModelFile.kind(directory, List.copyOf(KINDS.keySet()));
            ModelFile.config(directory, KINDS.get(kind));
        } catch (CorruptFileException expected) {
            // the reader said what is wrong
        }
    }
}
