package org.rnn4j.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.NonFinite;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.io.Sha256;
import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.optim.Optimizer;

/**
 * A checkpoint file: one {@code .safetensors} with every tensor of the run — {@code parameter/<name>},
 * {@code optimizer/<name>.<state>}, {@code carry/h}, {@code carry/c} when saved inside a
 * truncated-BPTT batch, and {@code best/<name>} when early stopping keeps the best weights — and string metadata: the position, the RNG and optimizer counters, early
 * stopping, the configs the run was made with, and a SHA-256 {@code checksum} over all of it. Reading
 * verifies everything before anything is written into the live tensors.
 */
final class Checkpoint {
    static final String FORMAT = "rnn4j-checkpoint";
    static final String VERSION = "1";
    private static final String CHECKSUM = "checksum";

    private final Map<String, String> configuration;
    private final Optimizer optimizer;
    private final Seeds seeds;
    private final Progress progress;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    /**
     * The checkpoint of a run's live state; {@code carry} is null outside a truncated-BPTT batch,
     * {@code bestWeights} null unless early stopping keeps them.
     *
     * @param configuration what must match between the run that saved and the trainer that resumes
     */
    Checkpoint(Map<String, String> configuration, List<Parameter> parameters, Optimizer optimizer, Seeds seeds,
               Progress progress, Carry carry, BestWeights bestWeights) {
        this.configuration = configuration;
        this.optimizer = optimizer;
        this.seeds = seeds;
        this.progress = progress;
        for (Parameter p : parameters) {
            tensors.put("parameter/" + p.name(), p.value());
        }
        for (Map.Entry<String, Tensor> e : optimizer.state().entrySet()) {
            tensors.put("optimizer/" + e.getKey(), e.getValue());
        }
        if (carry != null) {
            tensors.put("carry/h", carry.state().h());
            if (carry.state().c() != null) {
                tensors.put("carry/c", carry.state().c());
            }
        }
        if (bestWeights != null) {
            tensors.putAll(bestWeights.tensors());
        }
    }

    private Map<String, String> metadata() {
        Map<String, String> meta = new LinkedHashMap<>(configuration);
        meta.put("optimizer_steps", Long.toString(optimizer.steps()));
        meta.put("forwards", Long.toString(seeds.count()));
        progress.write(meta);
        return meta;
    }

    /**
     * Writes atomically (temporary sibling, then rename).
     *
     * @throws IllegalStateException if a tensor holds NaN or an infinity (nothing is written)
     */
    void write(Path file) throws IOException {
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            HostArray a = HostArray.ofFloats(e.getValue().toFloatArray(), e.getValue().shape().dims());
            NonFinite.in(a).ifPresent(bad -> {
                throw new IllegalStateException("cannot write checkpoint " + file + ": tensor '" + e.getKey()
                        + "' holds " + bad);
            });
            arrays.put(e.getKey(), a);
        }
        Map<String, String> meta = metadata();
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put(CHECKSUM, checksum(arrays, meta));
        SafeTensors.write(file, arrays, meta);
    }

    /**
     * Checks the already read content of {@code file}: the format, the checksum, the configuration, every
     * metadata key, exactly the tensors of this checkpoint (names, F32, shapes, finite values); then copies the tensors
     * into the live ones and restores the counters. Nothing is changed when a check fails.
     *
     * @throws CorruptFileException     naming the file and what is wrong
     * @throws IllegalArgumentException if the run was made with another configuration
     */
    void restore(Path file, SafeTensorsFile read) throws IOException {
        Map<String, String> meta = read.metadata();
        expect(file, meta, "format", FORMAT);
        expect(file, meta, "format_version", VERSION);
        String stored = meta.get(CHECKSUM);
        String actual = checksum(read.asMap(), meta);
        if (!actual.equals(stored)) {
            throw new CorruptFileException(file, CHECKSUM, "SHA-256 " + actual + " of the content", String.valueOf(stored));
        }
        for (Map.Entry<String, String> e : configuration.entrySet()) {
            if (meta.containsKey(e.getKey()) && !meta.get(e.getKey()).equals(e.getValue())) {
                throw new IllegalArgumentException(file + " was written with " + e.getKey() + " " + meta.get(e.getKey())
                        + "; this trainer has " + e.getValue());
            }
        }
        for (String key : metadata().keySet()) {
            if (!meta.containsKey(key)) {
                throw new CorruptFileException(file, "metadata", "an entry '" + key + "'", "none");
            }
        }
        for (String name : read.asMap().keySet()) {
            if (!tensors.containsKey(name)) {
                throw new CorruptFileException(file, "tensor '" + name + "'", "only the tensors of this run "
                        + tensors.keySet(), "an unknown tensor");
            }
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            HostArray a = read.find(e.getKey()).orElseThrow(() -> new CorruptFileException(file,
                    "tensor '" + e.getKey() + "'", "present", "missing"));
            long[] shape = e.getValue().shape().dims();
            if (!Arrays.equals(shape, a.shape()) || a.dtype() != DType.F32) {
                throw new CorruptFileException(file, "tensor '" + e.getKey() + "'", "F32" + Arrays.toString(shape),
                        a.dtype() + Arrays.toString(a.shape()));
            }
            Optional<NonFinite> bad = NonFinite.in(a);
            if (bad.isPresent()) {
                throw new CorruptFileException(file, "tensor '" + e.getKey() + "'", "finite values", bad.get().toString());
            }
        }
        long optimizerSteps = Progress.number(file, meta, "optimizer_steps");
        long forwards = Progress.number(file, meta, "forwards");
        Progress saved = new Progress();
        saved.read(file, meta);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            e.getValue().copyFrom(read.get(e.getKey()).floats());
        }
        optimizer.restoreSteps(optimizerSteps);
        seeds.restore(forwards);
        progress.copyFrom(saved);
    }

    private static void expect(Path file, Map<String, String> meta, String key, String value)
            throws CorruptFileException {
        if (!value.equals(meta.get(key))) {
            throw new CorruptFileException(file, "metadata '" + key + "'", value, String.valueOf(meta.get(key)));
        }
    }

    /** SHA-256 over the tensors (sorted by name: name, dtype, shape, data) and the metadata but the checksum. */
    static String checksum(Map<String, HostArray> arrays, Map<String, String> meta) {
        Sha256 digest = new Sha256();
        for (Map.Entry<String, HostArray> e : new TreeMap<>(arrays).entrySet()) {
            HostArray a = e.getValue();
            text(digest, e.getKey());
            text(digest, a.dtype().safetensorsName());
            ByteBuffer header = ByteBuffer.allocate(8 * a.rank()).order(ByteOrder.LITTLE_ENDIAN);
            for (long d : a.shape()) {
                header.putLong(d);
            }
            digest.update(header.array());
            float[] values = a.toFloats();
            ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(values);
            digest.update(data.array());
        }
        for (Map.Entry<String, String> e : new TreeMap<>(meta).entrySet()) {
            if (!e.getKey().equals(CHECKSUM)) {
                text(digest, e.getKey());
                text(digest, e.getValue());
            }
        }
        return digest.hex();
    }

    private static void text(Sha256 digest, String s) {
        digest.update(s.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
