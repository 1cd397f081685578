package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.Precision;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;

/**
 * A ready model's precision: set on the builder it reaches the recurrent and the linear layers, it is saved in the
 * model file (and a file without it loads as f32), and a bf16 language model computes what the f32 one does within
 * bf16's rounding and learns as it does.
 */
class LanguageModelPrecisionTest {

    @Test
    void builderPrecisionReachesTheSpec() {
        assertEquals(Precision.F32, LanguageModel.builder(5).backend(Backend.JVM).build().config().recurrent().precision());
        RecurrentSpec spec = Recurrent.gru(6).precision(Precision.BF16_OR_F32);
        try (TensorScope scope = TensorScope.open();
             LanguageModel model = LanguageModel.builder(5).recurrent(spec).backend(Backend.JVM).build()) {
            assertEquals(Precision.BF16_OR_F32, model.config().recurrent().precision(), "f32 on the JVM backend");
        }
        assertThrows(IllegalArgumentException.class,
                () -> LanguageModel.builder(5).precision(Precision.BF16).backend(Backend.JVM).build());
        assertThrows(IllegalArgumentException.class,
                () -> Recurrent.lstm(8).projection(4).precision(Precision.BF16));
    }

    @Test
    void configWithoutPrecisionReadsAsF32() throws IOException {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode old = strict.readTree("{\"vocabularySize\": 5, \"embeddingSize\": 4, \"recurrent\": {\"cell\": \"GRU\","
                + " \"hiddenSize\": 6, \"layers\": 1, \"direction\": \"LEFT_TO_RIGHT\", \"dropout\": 0.0,"
                + " \"projectionSize\": 0, \"hasPeephole\": false}, \"seed\": 3}");
        LanguageModel.LanguageModelConfig config = strict.treeToValue(ConfigDefaults.fill(old),
                LanguageModel.LanguageModelConfig.class);
        assertEquals(Precision.F32, config.recurrent().precision());
        assertEquals(6, config.recurrent().hiddenSize());
    }

    @Test
    void bf16ModelSavesLoadsAndLearns(@TempDir Path directory) throws IOException {
        assumeTrue(Precision.bf16Supported(), "oneDNN's CPU ISA " + Precision.cpuIsa() + " has no avx512_core_bf16");
        Random random = new Random(1);
        List<TokenBatch> train = Tasks.pattern(random, 8, 8, 24);
        List<TokenBatch> validation = Tasks.pattern(random, 2, 8, 24);
        try (TensorScope scope = TensorScope.open();
             LanguageModel f32 = model(Precision.F32);
             LanguageModel bf16 = model(Precision.BF16)) {
            assertEquals(Precision.BF16, bf16.config().recurrent().precision());
            // Same parameters (same seed): the logits agree within bf16's rounding (norm-wise 1e-2, see Bf16RnnTest).
            float[][] a = f32.logits(new int[] {0, 1, 0, 2, 0});
            float[][] b = bf16.logits(new int[] {0, 1, 0, 2, 0});
            double diff = 0, norm = 0;
            for (int t = 0; t < a.length; t++) {
                for (int v = 0; v < a[t].length; v++) {
                    diff += (b[t][v] - a[t][v]) * (b[t][v] - a[t][v]);
                    norm += a[t][v] * a[t][v];
                }
            }
            assertTrue(Math.sqrt(diff / norm) <= 1e-2, "bf16 logits vs f32: " + Math.sqrt(diff / norm));

            try (Trainer<TokenBatch> trainer = Trainer.builder(bf16).optimizer(Adam.lr(2e-2)).clipNorm(5.0)
                    .truncatedBptt(12).seed(3).build()) {
                double before = trainer.evaluate(Dataset.of(validation)).mean();
                trainer.fit(train, validation, Epochs.of(12));
                double after = trainer.evaluate(Dataset.of(validation)).mean();
                // The f32 model's bound in LanguageModelTest: bf16 training must learn the pattern as well.
                assertTrue(after < 0.1, "final loss " + after + " (from " + before + ")");
            }
            bf16.save(directory);
            assertTrue(Files.readString(directory.resolve(ModelFile.CONFIG)).contains("\"precision\" : \"BF16\""));
            try (LanguageModel loaded = LanguageModel.load(directory, Backend.NATIVE)) {
                assertEquals(Precision.BF16, loaded.config().recurrent().precision());
                assertArrayEquals(bf16.logits(new int[] {0, 1})[1], loaded.logits(new int[] {0, 1})[1]);
            }
        }
    }

    private static LanguageModel model(Precision precision) {
        return LanguageModel.builder(3).embedding(8).recurrent(Recurrent.lstm(24).layers(2).dropout(0.1)).seed(7)
                .precision(precision).backend(Backend.NATIVE).build();
    }
}
