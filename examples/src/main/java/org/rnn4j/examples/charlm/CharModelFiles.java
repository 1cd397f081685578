package org.rnn4j.examples.charlm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.rnn4j.io.AtomicFiles;
import org.rnn4j.backend.Backend;
import org.rnn4j.examples.text.CharVocabulary;
import org.rnn4j.models.LanguageModel;

/**
 * A trained char LM on disk: the model ({@code model.safetensors} + {@code config.json}, written by
 * {@code LanguageModel.save}) and its vocabulary ({@code vocabulary.json}: the code points in id order,
 * and the same characters as text for a person to read), all in one directory.
 */
public final class CharModelFiles {
    /** The vocabulary's file name. */
    public static final String VOCABULARY = "vocabulary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CharModelFiles() {
    }

    /** Saves {@code model} and {@code vocabulary} to {@code directory}. */
    public static void save(LanguageModel model, CharVocabulary vocabulary, Path directory) throws IOException {
        model.save(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code_points", vocabulary.codePoints());
        json.put("characters", vocabulary.decode(java.util.stream.IntStream.range(0, vocabulary.size()).toArray()));
        AtomicFiles.write(directory.resolve(VOCABULARY), JSON.writeValueAsBytes(json));
    }

    /** Reads the vocabulary saved beside a model. */
    public static CharVocabulary vocabulary(Path directory) throws IOException {
        Path file = directory.resolve(VOCABULARY);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(directory + " holds no " + VOCABULARY
                    + " (a directory written by train-charlm --out)");
        }
        JsonNode codePoints = JSON.readTree(file.toFile()).path("code_points");
        if (!codePoints.isArray() || codePoints.isEmpty()) {
            throw new IllegalArgumentException(file + " has no code_points array");
        }
        int[] out = new int[codePoints.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = codePoints.get(i).asInt();
        }
        return CharVocabulary.ofCodePoints(out);
    }

    /** Loads the model saved in {@code directory} on {@code backend}. */
    public static LanguageModel model(Path directory, Backend backend) throws IOException {
        if (!Files.isRegularFile(directory.resolve("config.json"))) {
            throw new IllegalArgumentException(directory + " holds no saved model (config.json); train one with "
                    + "'rnn4j train-charlm --out " + directory + "'");
        }
        return LanguageModel.load(directory, backend);
    }
}
