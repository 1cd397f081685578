package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.io.Sha256;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;

/**
 * The two-file save ({@link ModelFileCommit}) in each state a crash can leave: interrupted after its
 * commit, the new model loads; before it, the previous one; the next save finishes or discards the
 * interrupted one and deletes the temporaries, keeping every other file. NaN and infinite weights are
 * neither saved nor loaded; both files get one mode.
 */
class ModelFileCommitTest {
    @TempDir
    Path dir;

    @Test
    void aSaveInterruptedAfterItsCommitLoadsTheNewModel() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (TensorScope scope = TensorScope.open()) {
            save(1, a);
            save(2, b);
            byte[] oldWeights = Files.readAllBytes(a.resolve("model.safetensors"));
            Files.copy(b.resolve("model.safetensors"), a.resolve("model.safetensors.next"));
            Files.copy(b.resolve("config.json"), a.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
            assertEquals(2, generation(a));
            assertArrayEquals(oldWeights, Files.readAllBytes(a.resolve("model.safetensors")), "loading changes nothing");

            save(3, a);
            assertEquals(List.of("config.json", "model.safetensors"), names(a));
            assertEquals(3, generation(a));
        }
    }

    @Test
    void aFirstSaveInterruptedAfterItsCommitLoads() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = dir.resolve("b");
        try (TensorScope scope = TensorScope.open()) {
            save(2, b);
            Files.copy(b.resolve("model.safetensors"), a.resolve("model.safetensors.next"));
            Files.copy(b.resolve("config.json"), a.resolve("config.json"));
            assertEquals(2, generation(a));
            save(3, a);
            assertEquals(List.of("config.json", "model.safetensors"), names(a));
            assertEquals(3, generation(a));
        }
    }

    @Test
    void aSaveInterruptedBeforeItsCommitLeavesThePreviousModelAndItsLeftoversGo() throws IOException {
        Path a = dir.resolve("a");
        try (TensorScope scope = TensorScope.open()) {
            save(1, a);
            save(2, dir.resolve("b"));
            Files.copy(dir.resolve("b/model.safetensors"), a.resolve("model.safetensors.next"));
            for (String leftover : List.of(".model.safetensors.next.3f9a0c.tmp", ".config.json.77e1.tmp",
                    ".model.safetensors.0123456789abcdef.tmp", ".config.json4242424242.tmp")) {
                Files.write(a.resolve(leftover), new byte[100]);
            }
            Files.writeString(a.resolve("vocabulary.json"), "[97, 98]");
            Files.writeString(a.resolve(".notes.txt.12.tmp"), "another file's temporary: kept");
            assertEquals(1, generation(a));

            save(3, a);
            assertEquals(List.of(".notes.txt.12.tmp", "config.json", "model.safetensors", "vocabulary.json"), names(a));
            assertEquals(3, generation(a));
        }
    }

    @Test
    void nonFiniteWeightsAreNotSaved() throws IOException {
        Path a = dir.resolve("a");
        try (TensorScope scope = TensorScope.open(); SequenceRegressor model = model(1)) {
            model.save(a);
            byte[] config = Files.readAllBytes(a.resolve("config.json"));
            byte[] weights = Files.readAllBytes(a.resolve("model.safetensors"));
            Parameter p = model.parameters().get(2);
            float[] values = p.value().toFloatArray();
            values[5] = Float.POSITIVE_INFINITY;
            values[6] = Float.NaN;
            p.value().copyFrom(values);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.save(a));
            assertTrue(e.getMessage().contains("parameter '" + p.name() + "' holds 2 non-finite values (the first,"
                    + " Infinity, at flat index 5)"), e.getMessage());
            assertArrayEquals(config, Files.readAllBytes(a.resolve("config.json")));
            assertArrayEquals(weights, Files.readAllBytes(a.resolve("model.safetensors")));
            assertEquals(List.of("config.json", "model.safetensors"), names(a));
        }
    }

    @Test
    void nonFiniteWeightsAreNotLoaded() throws IOException {
        Path a = dir.resolve("a");
        try (TensorScope scope = TensorScope.open()) {
            save(1, a);
            Path weights = a.resolve("model.safetensors");
            SafeTensorsFile read = SafeTensors.read(weights);
            Map<String, HostArray> tensors = new LinkedHashMap<>(read.asMap());
            String name = tensors.keySet().iterator().next();
            float[] values = tensors.get(name).floats().clone();
            values[values.length - 1] = Float.NEGATIVE_INFINITY;
            tensors.put(name, HostArray.ofFloats(values, tensors.get(name).shape()));
            SafeTensors.write(weights, tensors, read.metadata());
            String digest = Sha256.ofFile(weights);
            ModelFileTest.edit(a.resolve("config.json"),
                    json -> json.replaceAll("\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"" + digest + "\""));

            CorruptFileException e = assertThrows(CorruptFileException.class, () -> Models.load(a, Backend.JVM));
            assertTrue(e.getMessage().contains("tensor '" + name + "': expected finite values, got 1 non-finite value"
                    + " (-Infinity at flat index " + (values.length - 1) + ")"), e.getMessage());
        }
    }

    @Test
    void bothFilesGetTheModeOfANewFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path a = dir.resolve("a");
        try (TensorScope scope = TensorScope.open()) {
            save(1, a);
            save(2, a);
        }
        var mode = Files.getPosixFilePermissions(Files.createFile(dir.resolve("new-file")));
        assertEquals(mode, Files.getPosixFilePermissions(a.resolve("config.json")), "config.json");
        assertEquals(mode, Files.getPosixFilePermissions(a.resolve("model.safetensors")), "model.safetensors");
    }

    /** A small model whose every weight is {@code g}. */
    private static SequenceRegressor model(float g) {
        SequenceRegressor m = SequenceRegressor.builder(2, 1).recurrent(Recurrent.gru(3)).seed(4).backend(Backend.JVM)
                .build();
        for (Parameter p : m.parameters()) {
            float[] values = new float[Math.toIntExact(p.value().size())];
            Arrays.fill(values, g);
            p.value().copyFrom(values);
        }
        return m;
    }

    private static void save(float g, Path directory) throws IOException {
        try (SequenceRegressor m = model(g)) {
            m.save(directory);
        }
    }

    private static float generation(Path directory) throws IOException {
        try (Model<?> m = Models.load(directory, Backend.JVM)) {
            return m.parameters().get(0).value().toFloatArray()[0];
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
