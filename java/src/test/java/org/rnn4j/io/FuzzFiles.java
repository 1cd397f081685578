package org.rnn4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scratch file per fuzz target and JVM, overwritten with each input (fuzz tests of the readers). */
public final class FuzzFiles {
    private static Path directory;

    private FuzzFiles() {
    }

    /** A directory of this JVM's fuzz inputs, deleted at exit. */
    public static synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("rnn4j-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            directory.toFile().deleteOnExit();
        }
        return directory;
    }

    /** Writes {@code bytes} to {@code name} in {@link #directory()}; returns its path. */
    public static Path write(String name, byte[] bytes) throws IOException {
        Path file = directory().resolve(name);
        Files.write(file, bytes);
        file.toFile().deleteOnExit();
        return file;
    }
}
