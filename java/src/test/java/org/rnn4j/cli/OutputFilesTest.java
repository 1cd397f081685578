package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.Npy;

/** Outputs appear only on commit; a write failing among several leaves no output and no temporary. */
class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void nothingAppearsBeforeTheCommit() throws IOException {
        Files.writeString(dir.resolve("b.npy"), "old");
        try (OutputFiles out = new OutputFiles()) {
            out.npy("--a", dir.resolve("a.npy"), new float[] {1, 2}, new long[] {2});
            out.safeTensors("--b", dir.resolve("b.npy"), Map.of("t", HostArray.ofFloats(new float[] {3}, 1)));
            assertEquals("old", Files.readString(dir.resolve("b.npy")));
            assertEquals(3, names().size(), "two temporaries beside b.npy");
            out.commit();
        }
        assertEquals(List.of("a.npy", "b.npy"), names());
        assertEquals(2, Npy.read(dir.resolve("a.npy")).size());
    }

    @Test
    void aFailingWriteLeavesNothingBehind() throws IOException {
        Files.writeString(dir.resolve("a.npy"), "old");
        Path missing = dir.resolve("gone/c.npy");
        BadInputException e;
        try (OutputFiles out = new OutputFiles()) {
            out.npy("--a", dir.resolve("a.npy"), new float[] {1}, new long[] {1});
            out.npy("--b", dir.resolve("b.npy"), new float[] {2}, new long[] {1});
            e = assertThrows(BadInputException.class, () -> out.npy("--c", missing, new float[] {3}, new long[] {1}));
        }
        assertTrue(e.getMessage().startsWith("--c " + missing + ": cannot write: "), e.getMessage());
        assertEquals(List.of("a.npy"), names());
        assertEquals("old", Files.readString(dir.resolve("a.npy")));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
