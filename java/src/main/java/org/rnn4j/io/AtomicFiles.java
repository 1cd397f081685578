package org.rnn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files atomically and durably: into a temporary sibling {@code .<name>.<hex>.tmp}, forced to
 * disk, renamed over the target, then the directory forced to disk, so after a crash the target holds
 * either its old or its new content, never a part.
 *
 * <p>File mode: every file is created as any new file is, {@code 0666} less the process umask (so
 * {@code 0644} under the usual umask {@code 022}); a replaced file gets that mode too, not the old
 * file's. On Windows, where a directory cannot be opened, the directory is not forced (NTFS journals
 * renames).
 */
public final class AtomicFiles {
    private static final int NAME_ATTEMPTS = 100;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");
    /** {@code .<target name>.<1 to 16 hex digits>.tmp}: the temporaries this class makes. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.tmp");

    /** Writes the whole content of a file through an open channel. */
    @FunctionalInterface
    interface Body {
        void writeTo(FileChannel ch) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code target} by a file holding {@code content}, atomically and durably. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, ch -> ChannelIO.writeFully(ch, ByteBuffer.wrap(content)));
    }

    /**
     * Runs {@code body} on a fresh temporary file in {@code target}'s directory, forces it to disk,
     * atomically moves it to {@code target}, replacing any existing file, and forces the directory. On
     * failure the temporary file is deleted and {@code target} is left untouched.
     */
    static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            Path tmp = temporaryFor(absolute);
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

    /**
     * A fresh name {@code .<name>.<hex>.tmp} beside {@code target} (not created; a file of that name is
     * unlikely but possible: create it with {@code CREATE_NEW}).
     */
    public static Path temporaryFor(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /** The name of the file {@code file} is a temporary of, if it is named as {@link #temporaryFor} names them. */
    public static Optional<String> targetOf(Path file) {
        Matcher m = TEMPORARY.matcher(file.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Deletes the temporaries left in {@code directory} by interrupted writes of the files whose names
     * {@code targets} accepts; returns the files deleted. Only for a directory no one else is writing
     * those files to at the same time.
     */
    public static List<Path> deleteTemporaries(Path directory, Predicate<String> targets) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return deleted;
        }
        List<Path> found;
        try (Stream<Path> files = Files.list(directory)) {
            found = files.filter(f -> targetOf(f).filter(targets).isPresent()).sorted().toList();
        }
        for (Path f : found) {
            if (Files.deleteIfExists(f)) {
                deleted.add(f);
            }
        }
        if (!deleted.isEmpty()) {
            syncDirectory(directory);
        }
        return deleted;
    }

    /** Renames {@code source} to {@code target} atomically, replacing it, and forces the directory to disk. */
    public static void move(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Forces {@code directory}'s entries (renames, new and deleted files) to disk; nothing on Windows. */
    public static void syncDirectory(Path directory) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void writeAndMove(FileChannel channel, Path tmp, Path target, Body body) throws IOException {
        boolean moved = false;
        try {
            try (FileChannel ch = channel) {
                body.writeTo(ch);
                ch.force(true);
            }
            move(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
