package org.rnn4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a file atomically: into a temporary sibling, then renamed over the target. */
final class AtomicFiles {
    private static final int NAME_ATTEMPTS = 100;

    /** Writes the whole content of a file through an open channel. */
    @FunctionalInterface
    interface Body {
        void writeTo(FileChannel ch) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Runs {@code body} on a fresh temporary file in {@code target}'s directory, forces it to disk
     * and atomically moves it to {@code target}, replacing any existing file. On failure the
     * temporary file is deleted and {@code target} is left untouched. The temporary file is created
     * with the default permissions (not {@code 0600} as {@link Files#createTempFile} would).
     */
    static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        String prefix = "." + absolute.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            FileChannel ch;
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt < NAME_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            writeAndMove(ch, tmp, absolute, body);
            return;
        }
    }

    private static void writeAndMove(FileChannel channel, Path tmp, Path target, Body body) throws IOException {
        boolean moved = false;
        try {
            try (FileChannel ch = channel) {
                body.writeTo(ch);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
