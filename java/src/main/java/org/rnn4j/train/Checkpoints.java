package org.rnn4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rnn4j.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how often the {@link Trainer} writes checkpoints: after every {@code every}-th update, to
 * {@code directory/step-<12-digit step>.safetensors}, keeping the newest {@code keep}. Each file is
 * written to a temporary sibling and atomically renamed into place, and older ones are deleted only
 * after that, so a crash while saving never loses the previous checkpoint; the temporaries a crash leaves
 * behind are deleted by the next checkpoint written there or by {@link Trainer#resume}. One trainer
 * writes to a directory at a time. Immutable.
 *
 * @param directory created if missing
 * @param every     updates between checkpoints, > 0
 * @param keep      checkpoints kept, > 0
 */
public record Checkpoints(Path directory, long every, int keep) {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final Pattern NAME = Pattern.compile("step-(\\d{12})\\.safetensors");

    public Checkpoints {
        Objects.requireNonNull(directory, "directory");
        if (every <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be > 0 updates, got " + every);
        }
        if (keep <= 0) {
            throw new IllegalArgumentException("checkpoints kept must be > 0, got " + keep);
        }
    }

    /** Every {@code every} updates, keeping the last 2. */
    public static Checkpoints every(Path directory, long every) {
        return new Checkpoints(directory, every, 2);
    }

    public Checkpoints keep(int newKeep) {
        return new Checkpoints(directory, every, newKeep);
    }

    /** The file of the checkpoint after update {@code step}. */
    public Path file(long step) {
        return directory.resolve(String.format("step-%012d.safetensors", step));
    }

    /** The newest checkpoint in {@code directory}, if any. */
    public static Optional<Path> latest(Path directory) throws IOException {
        List<Path> all = list(directory);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Deletes the temporaries of checkpoint files in {@code directory} that interrupted writes left behind;
     * returns how many.
     */
    static int deleteTemporaries(Path directory) throws IOException {
        List<Path> deleted = AtomicFiles.deleteTemporaries(directory, name -> NAME.matcher(name).matches());
        if (!deleted.isEmpty()) {
            LOG.info("{}: deleted {} temporary file(s) of interrupted checkpoint writes", directory, deleted.size());
        }
        return deleted.size();
    }

    /** The newest checkpoint in {@link #directory()} written after an update at or before {@code step}, if any. */
    Optional<Path> latestAtOrBefore(long step) throws IOException {
        List<Path> all = list(directory);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (stepOf(all.get(i)) <= step) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Deletes all but the newest {@link #keep()} checkpoints. */
    void prune() throws IOException {
        List<Path> all = list(directory);
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Checkpoint files oldest first. */
    private static List<Path> list(Path directory) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().forEach(out::add);
        }
        return out;
    }

    /** The step a checkpoint file name carries. */
    static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
