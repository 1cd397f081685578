package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.Tasks;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;

/**
 * Checkpoint files: the temporaries of interrupted writes are deleted by the next checkpoint and by a
 * resume (other files are kept), and NaN or infinite values are neither written nor resumed from.
 */
class CheckpointFilesTest {
    @TempDir
    Path dir;

    @Test
    void temporariesOfInterruptedWritesAreDeletedByTheNextCheckpointAndByResume() throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        List<String> orphans = List.of(".step-000000000002.safetensors.1f2e3d4c5b6a7988.tmp",
                ".step-000000000004.safetensors.a.tmp");
        for (String orphan : orphans) {
            Files.write(checkpoints.resolve(orphan), new byte[4096]);
        }
        Files.writeString(checkpoints.resolve("notes.txt"), "kept");
        Files.writeString(checkpoints.resolve(".other.safetensors.12ab.tmp"), "not a checkpoint's: kept");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).checkpoints(Checkpoints.every(checkpoints, 2))
                     .build()) {
            trainer.fit(Tasks.pattern(new Random(1), 2, 2, 4), null, Epochs.of(1));
            assertEquals(List.of(".other.safetensors.12ab.tmp", "notes.txt", "step-000000000002.safetensors"),
                    names(checkpoints));

            Files.write(checkpoints.resolve(orphans.get(0)), new byte[4096]);
            trainer.resume(checkpoints.resolve("step-000000000002.safetensors"));
            assertEquals(List.of(".other.safetensors.12ab.tmp", "notes.txt", "step-000000000002.safetensors"),
                    names(checkpoints));
        }
    }

    @Test
    void nonFiniteValuesAreNotWritten() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).build()) {
            Parameter p = model.parameters().get(1);
            float[] values = p.value().toFloatArray();
            values[3] = Float.NEGATIVE_INFINITY;
            p.value().copyFrom(values);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.saveCheckpoint(file));
            assertTrue(e.getMessage().contains("tensor 'parameter/" + p.name() + "' holds 1 non-finite value"
                    + " (-Infinity at flat index 3)"), e.getMessage());
            assertFalse(Files.exists(file));
            assertEquals(List.of(), names(dir), "no temporary left");
        }
    }

    @Test
    void aCheckpointHoldingNanIsRefused() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        try (TensorScope scope = TensorScope.open(); LanguageModel model = model();
             Trainer<TokenBatch> trainer = Trainer.builder(model).build()) {
            trainer.saveCheckpoint(file);
            SafeTensorsFile read = SafeTensors.read(file);
            Map<String, HostArray> tensors = new LinkedHashMap<>(read.asMap());
            String name = "parameter/" + model.parameters().get(0).name();
            float[] values = tensors.get(name).floats().clone();
            values[0] = Float.NaN;
            values[7] = Float.NaN;
            tensors.put(name, HostArray.ofFloats(values, tensors.get(name).shape()));
            Map<String, String> meta = new LinkedHashMap<>(read.metadata());
            meta.put("checksum", Checkpoint.checksum(tensors, meta));     // damaged deliberately, checksum valid
            SafeTensors.write(file, tensors, meta);
            float[] before = model.parameters().get(0).value().toFloatArray();

            CorruptFileException e = assertThrows(CorruptFileException.class, () -> trainer.resume(file));
            assertTrue(e.getMessage().contains("tensor '" + name + "': expected finite values, got 2 non-finite values"
                    + " (the first, NaN, at flat index 0)"), e.getMessage());
            assertArrayEquals(before, model.parameters().get(0).value().toFloatArray(), "nothing was loaded");
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static LanguageModel model() {
        return LanguageModel.builder(3).embedding(4).recurrent(Recurrent.lstm(8)).seed(1).backend(Backend.JVM).build();
    }
}
