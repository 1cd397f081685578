package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.rnn4j.backend.Backend;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.FuzzFiles;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;

/**
 * {@link Trainer#resume} on damaged checkpoints: a {@link CorruptFileException} or an
 * {@link IllegalArgumentException} (another run's checkpoint), with the trainer unchanged; never another
 * exception or a hang. Each input is either the raw bytes of a file (first byte even) or a valid checkpoint
 * whose metadata values, tensors and shapes the fuzzer rewrites and whose checksum is then recomputed, so
 * that the checks behind the checksum are reached too. Kept inputs are in {@code CheckpointFuzzTestInputs/};
 * {@code -Pfuzz} fuzzes for 10 minutes.
 */
class CheckpointFuzzTest {
    private static LanguageModel model;
    private static Trainer<TokenBatch> trainer;
    private static SafeTensorsFile valid;

    @BeforeAll
    static void trainAndSave() throws IOException {
        model = LanguageModel.builder(3).embedding(2).recurrent(Recurrent.gru(3)).seed(1).backend(Backend.JVM).build();
        trainer = Trainer.builder(model).seed(2).build();
        try (TensorScope scope = TensorScope.open()) {
            trainer.fit(List.of(TokenBatch.nextToken(List.of(new int[] {0, 1, 2, 1}))), null, Epochs.of(1));
        }
        Path file = FuzzFiles.directory().resolve("valid.safetensors");
        trainer.saveCheckpoint(file);
        valid = SafeTensors.read(file);
    }

    @AfterAll
    static void close() {
        trainer.close();
        model.close();
    }

    @FuzzTest(maxDuration = "10m")
    void damagedCheckpointsAreRefusedAndChangeNothing(FuzzedDataProvider data) throws IOException {
        Path file = data.consumeBoolean() ? FuzzFiles.write("input.safetensors", data.consumeRemainingAsBytes())
                : rewritten(data);
        if (file == null) {
            return;                                                     // nothing the writer would write
        }
        List<float[]> before = values();
        try (TensorScope scope = TensorScope.open()) {
            trainer.resume(file);
        } catch (CorruptFileException | IllegalArgumentException refused) {
            List<float[]> after = values();
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "a refused checkpoint changes no parameter");
            }
        }
    }

    /**
     * The valid checkpoint with fuzzed metadata values, tensors renamed, dropped or reshaped, and a fresh checksum;
     * null when the writer refuses what the fuzzer made (e.g. a tensor named {@code __metadata__}).
     */
    private static Path rewritten(FuzzedDataProvider data) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : valid.metadata().entrySet()) {
            int choice = data.consumeInt(0, 3);
            if (choice == 1) {
                meta.put(e.getKey(), data.consumeString(24));
            } else if (choice != 2) {
                meta.put(e.getKey(), e.getValue());
            }
        }
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, HostArray> e : valid.asMap().entrySet()) {
            int choice = data.consumeInt(0, 3);
            HostArray a = e.getValue();
            if (choice == 1) {
                arrays.put(e.getKey(), HostArray.ofFloats(a.floats(), a.size(), 1));
            } else if (choice == 2) {
                arrays.put(data.consumeString(12), a);
            } else {
                arrays.put(e.getKey(), a);
            }
        }
        meta.put("checksum", Checkpoint.checksum(arrays, meta));
        Path file = FuzzFiles.directory().resolve("rewritten.safetensors");
        try {
            SafeTensors.write(file, arrays, meta);
        } catch (IllegalArgumentException refused) {
            return null;
        }
        return file;
    }

    private static List<float[]> values() {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.value().toFloatArray());
        }
        return out;
    }
}
