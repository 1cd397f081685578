package org.rnn4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.rnn4j.io.AtomicFiles;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a save replaces a model directory's two files together. {@code config.json} names the SHA-256 of
 * its weights, so it is the commit record:
 * <ol>
 *   <li>the new weights are written (atomically, durably) as {@code model.safetensors.next};</li>
 *   <li>the new {@code config.json}, naming their SHA-256, atomically replaces the old one — the commit;</li>
 *   <li>{@code model.safetensors.next} is renamed over {@code model.safetensors}.</li>
 * </ol>
 * A crash before step 2 leaves the previous pair untouched (and a stale {@code .next}); after it, the new
 * config and the new weights in {@code .next}. Loading takes the weights file whose digest the config
 * names — {@code model.safetensors}, or {@code .next} after a crash between steps 2 and 3 — without
 * changing anything; the next save first finishes such a save (step 3) or discards a stale {@code .next},
 * and deletes the temporaries of interrupted writes. One writer at a time per directory.
 */
final class ModelFileCommit {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFileCommit.class);
    static final String NEXT = ModelFile.WEIGHTS + ".next";
    private static final Set<String> TARGETS = Set.of(ModelFile.WEIGHTS, NEXT, ModelFile.CONFIG);
    /** The config temporaries of versions before this protocol ({@code Files.createTempFile}'s names). */
    private static final Pattern OLD_CONFIG_TEMPORARY = Pattern.compile("\\.config\\.json\\d+\\.tmp");

    private ModelFileCommit() {
    }

    /**
     * Replaces the model in {@code directory} by {@code tensors} and the config {@code config} makes of
     * their SHA-256 (steps 1–3), after tidying up an interrupted save.
     */
    static void save(Path directory, Map<String, HostArray> tensors, Map<String, String> metadata,
                     ConfigBytes config) throws IOException {
        Files.createDirectories(directory);
        tidyUp(directory);
        Path next = directory.resolve(NEXT);
        SafeTensors.write(next, tensors, metadata);
        String digest = Sha256.ofFile(next);
        AtomicFiles.write(directory.resolve(ModelFile.CONFIG), config.of(digest));
        AtomicFiles.move(next, directory.resolve(ModelFile.WEIGHTS));
    }

    /** The config.json content for weights of a SHA-256. */
    @FunctionalInterface
    interface ConfigBytes {
        byte[] of(String weightsSha256) throws IOException;
    }

    /**
     * The weights file of the committed model: {@code model.safetensors} if its SHA-256 is {@code digest},
     * else {@code model.safetensors.next} if that one's is (a save interrupted after its commit).
     *
     * @throws CorruptFileException if neither is
     */
    static Path committedWeights(Path directory, String digest) throws IOException {
        Path weights = directory.resolve(ModelFile.WEIGHTS);
        Path next = directory.resolve(NEXT);
        if (!Files.exists(weights) && !Files.exists(next)) {
            throw new NoSuchFileException(weights.toString());
        }
        String actual = Files.exists(weights) ? Sha256.ofFile(weights) : "no " + ModelFile.WEIGHTS;
        if (actual.equals(digest)) {
            return weights;
        }
        if (Files.isRegularFile(next) && Sha256.ofFile(next).equals(digest)) {
            LOG.info("{}: a save was interrupted after its commit: reading {} (the next save renames it)",
                    directory, NEXT);
            return next;
        }
        throw new CorruptFileException(weights, "content", "SHA-256 " + digest + " (from " + ModelFile.CONFIG + ")",
                actual);
    }

    /** Finishes a save interrupted after its commit or discards one interrupted before; deletes temporaries. */
    private static void tidyUp(Path directory) throws IOException {
        Path next = directory.resolve(NEXT);
        if (Files.exists(next)) {
            if (committed(directory, next)) {
                LOG.info("{}: finishing a save interrupted after its commit: {} -> {}", directory, NEXT, ModelFile.WEIGHTS);
                AtomicFiles.move(next, directory.resolve(ModelFile.WEIGHTS));
            } else {
                LOG.info("{}: discarding {} of a save interrupted before its commit", directory, NEXT);
                Files.delete(next);
            }
        }
        List<Path> deleted = new ArrayList<>(AtomicFiles.deleteTemporaries(directory, TARGETS::contains));
        try (Stream<Path> files = Files.list(directory)) {
            for (Path old : files.filter(f -> OLD_CONFIG_TEMPORARY.matcher(f.getFileName().toString()).matches())
                    .toList()) {
                if (Files.deleteIfExists(old)) {
                    deleted.add(old);
                }
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info("{}: deleted {} temporary file(s) of interrupted saves: {}", directory, deleted.size(),
                    deleted.stream().map(p -> p.getFileName().toString()).toList());
        }
    }

    /** Whether the config.json in {@code directory} names {@code next}'s digest (false if it cannot be read). */
    private static boolean committed(Path directory, Path next) throws IOException {
        Optional<String> named = ModelFile.weightsDigest(directory);
        return named.isPresent() && named.get().equals(Sha256.ofFile(next));
    }
}
