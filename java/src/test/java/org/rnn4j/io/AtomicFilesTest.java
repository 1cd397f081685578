package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFailingWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "keep me");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, ch -> {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", thrown.getMessage());
        assertEquals("keep me", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void createsAndReplacesWithRelativePaths() throws IOException {
        Path target = dir.resolve("new.bin");
        AtomicFiles.write(target, ch -> ch.write(ByteBuffer.wrap(new byte[] {7})));
        AtomicFiles.write(target, ch -> ch.write(ByteBuffer.wrap(new byte[] {8, 9})));
        assertEquals(2, Files.size(target));
        assertEquals(List.of(target), listing());
        Path relative = Path.of("").toAbsolutePath().relativize(target);
        AtomicFiles.write(relative, ch -> ch.write(ByteBuffer.wrap(new byte[] {1})));
        assertEquals(1, Files.size(target));
    }

    @Test
    void temporariesAreNamedAfterTheirTargetAndOnlyThoseAskedForAreDeleted() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Path tmp = AtomicFiles.temporaryFor(target);
        assertEquals(java.util.Optional.of("model.safetensors"), AtomicFiles.targetOf(tmp));
        assertEquals(java.util.Optional.empty(), AtomicFiles.targetOf(target));
        assertEquals(java.util.Optional.empty(), AtomicFiles.targetOf(dir.resolve(".model.safetensors.xyz.tmp")));
        Files.write(tmp, new byte[10]);
        Path other = Files.write(dir.resolve(".notes.txt.ab12.tmp"), new byte[1]);
        Files.writeString(target, "kept");
        assertEquals(List.of(tmp), AtomicFiles.deleteTemporaries(dir, "model.safetensors"::equals));
        assertEquals(List.of(other, target), listing());
        assertEquals(List.of(), AtomicFiles.deleteTemporaries(dir.resolve("missing"), name -> true));
    }
}
