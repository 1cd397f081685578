package org.rnn4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.rnn4j.backend.Backend;
import org.rnn4j.models.Model;
import org.rnn4j.models.Models;

/**
 * A saved model as bytes (the files of {@link Model#save}: {@code config.json} and
 * {@code model.safetensors}), so that an executor can build the same model, of whatever kind, with
 * {@link Models#load}: the architecture travels once, as a broadcast, the parameters every step as
 * {@link FlatTensors}.
 */
final class ModelBytes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, byte[]> files;

    private ModelBytes(Map<String, byte[]> files) {
        this.files = files;
    }

    /** The files {@code model.save} writes, read back into memory. */
    static ModelBytes of(Model<?> model) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rnn4j-spark-model");
            model.save(dir);
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (Stream<Path> list = Files.list(dir)) {
                for (Path f : list.sorted().toList()) {
                    files.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
            return new ModelBytes(files);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the model to ship it to the executors", e);
        } finally {
            delete(dir);
        }
    }

    /** A new model from these files on {@code backend}; the caller owns (closes) it. */
    Model<?> load(Backend backend) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rnn4j-spark-model");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            return Models.load(dir, backend);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the model shipped by the driver", e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
