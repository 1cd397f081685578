package org.rnn4j.models;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnn4j.Version;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.io.AtomicFiles;
import org.rnn4j.io.ChecksummedJson;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.NonFinite;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.nn.Parameter;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.DType;

/**
 * A saved model: a directory with {@code model.safetensors} (every parameter under its name, F32; the
 * recurrent layers' are PyTorch's {@code state_dict} names and layouts, e.g. {@code rnn.weight_ih_l0},
 * see {@link org.rnn4j.interop.RecurrentLayout}) and {@code config.json}: the model kind and config, every
 * tensor's name and shape, the SHA-256 of the weights file and the provenance (seed, rnn4j and oneDNN
 * versions, backend, Java version) and, last, a {@code checksum}: the SHA-256 of config.json itself (see
 * {@link ChecksummedJson}), so a damaged config is refused rather than used. Loading checks all of it before
 * any weight is used, and refuses NaN or infinite weights; saving refuses them too, naming the tensor.
 * A save replaces both files together or leaves the previous model loadable ({@link ModelFileCommit});
 * each file is written as {@link AtomicFiles} says (mode {@code 0666} less the umask).
 */
final class ModelFile {
    static final String WEIGHTS = "model.safetensors";
    static final String CONFIG = "config.json";
    private static final String FORMAT = "rnn4j-model";
    /** 2: config.json carries its checksum (version 1 had none and is refused). */
    private static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {
    }

    /**
     * Writes {@code directory/model.safetensors} and {@code directory/config.json} of {@code model}, together
     * replacing the model saved there before (or leaving it intact if interrupted).
     *
     * @throws IllegalStateException if a parameter holds NaN or an infinity (nothing is written)
     */
    static void save(Model<?> model, Path directory) throws IOException {
        save(directory, model.kind(), model.config(), model.parameterSeed(), model.backend(), model.parameters());
    }

    private static void save(Path directory, String kind, Record config, long seed, Backend backend,
                             List<Parameter> parameters) throws IOException {
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            HostArray a = HostArray.ofFloats(p.value().toFloatArray(), p.shape().dims());
            NonFinite.in(a).ifPresent(bad -> {
                throw new IllegalStateException("cannot save the model to " + directory + ": parameter '" + p.name()
                        + "' holds " + bad);
            });
            tensors.put(p.name(), a);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("format_version", VERSION).put("model", kind);
        root.set("config", JSON.valueToTree(config));
        ObjectNode shapes = root.putObject("tensors");
        tensors.forEach((name, a) -> shapes.set(name, JSON.valueToTree(a.shape())));
        ObjectNode weights = root.putObject("weights").put("file", WEIGHTS);
        ObjectNode provenance = root.putObject("provenance");
        provenance.put("seed", seed).put("rnn4j_version", Version.current())
                .put("onednn_version", NativeLibrary.isAvailable() ? NativeLibrary.onednnVersion() : null)
                .put("backend", backend.name()).put("java_version", System.getProperty("java.version"));
        ModelFileCommit.save(directory, tensors, Map.of("format", FORMAT, "model", kind), digest -> {
            weights.put("sha256", digest);
            return ChecksummedJson.toBytes(root);
        });
    }

    /** Reads and checks {@code config.json}'s format and version; returns its model kind, one of {@code kinds}. */
    static String kind(Path directory, List<String> kinds) throws IOException {
        Path file = directory.resolve(CONFIG);
        JsonNode root = readJson(file);
        expect(file, root, "format", FORMAT);
        if (root.path("format_version").asInt(-1) != VERSION) {
            throw new CorruptFileException(file, "format_version", Integer.toString(VERSION),
                    root.path("format_version").toString());
        }
        String kind = root.path("model").asText(null);
        if (kind == null || !kinds.contains(kind)) {                   // List.copyOf's lists throw on contains(null)
            throw new CorruptFileException(file, "model", kinds.size() == 1 ? kinds.get(0) : "one of " + kinds,
                    root.path("model").toString());
        }
        return kind;
    }

    /** Reads {@code config.json}'s config as a {@code type}, checked by its constructor. */
    static <C extends Record> C config(Path directory, Class<C> type) throws IOException {
        Path file = directory.resolve(CONFIG);
        JsonNode root = readJson(file);
        try {
            return JSON.treeToValue(ConfigDefaults.fill(root.required("config")), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CorruptFileException(file, "config", "a valid " + type.getSimpleName(),
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /**
     * Checks {@code model.safetensors} against {@code config.json} (SHA-256, tensor names and shapes) and
     * against {@code model} (every parameter present with its shape, no other tensor), then copies the
     * weights into the model's parameters.
     */
    static void restore(Model<?> model, Path directory) throws IOException {
        restore(directory, model.parameters());
    }

    private static void restore(Path directory, List<Parameter> parameters) throws IOException {
        Path configFile = directory.resolve(CONFIG);
        JsonNode root = readJson(configFile);
        Path weights = ModelFileCommit.committedWeights(directory, root.path("weights").path("sha256").asText());
        SafeTensorsFile file = SafeTensors.read(weights);
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            expected.put(p.name(), p.shape().dims());
        }
        for (String name : file.asMap().keySet()) {
            if (!expected.containsKey(name)) {
                throw new CorruptFileException(weights, "tensor '" + name + "'", "only the tensors of this model "
                        + expected.keySet(), "an unexpected tensor");
            }
        }
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            HostArray a = file.find(e.getKey()).orElseThrow(() -> new CorruptFileException(weights,
                    "tensor '" + e.getKey() + "'", "present", "missing"));
            if (a.dtype() != DType.F32 || !Arrays.equals(a.shape(), e.getValue())) {
                throw new CorruptFileException(weights, "tensor '" + e.getKey() + "'", "F32" + Arrays.toString(e.getValue()),
                        a.dtype() + Arrays.toString(a.shape()));
            }
            if (!Arrays.equals(e.getValue(), JSON.convertValue(root.path("tensors").path(e.getKey()), long[].class))) {
                throw new CorruptFileException(configFile, "tensors." + e.getKey(), Arrays.toString(e.getValue()),
                        root.path("tensors").path(e.getKey()).toString());
            }
            Optional<NonFinite> bad = NonFinite.in(a);
            if (bad.isPresent()) {
                throw new CorruptFileException(weights, "tensor '" + e.getKey() + "'", "finite values",
                        bad.get().toString());
            }
        }
        for (Parameter p : parameters) {
            p.value().copyFrom(file.get(p.name()).floats());
        }
    }

    /** config.json's content, its checksum verified; a version-1 file (no checksum) is named as such. */
    private static JsonNode readJson(Path file) throws IOException {
        try {
            return ChecksummedJson.read(file);
        } catch (CorruptFileException e) {
            if (e.field().equals(ChecksummedJson.CHECKSUM) && e.actual().equals("none")
                    && JSON.readTree(file.toFile()).path("format_version").asInt(-1) == 1) {
                throw new CorruptFileException(file, "format_version", Integer.toString(VERSION),
                        "1 (saved before config.json carried a checksum; this version reads version " + VERSION + " only)");
            }
            throw e;
        }
    }

    /** The weights' SHA-256 that {@code directory}'s config.json names, if it can be read and verified. */
    static Optional<String> weightsDigest(Path directory) throws IOException {
        try {
            String digest = readJson(directory.resolve(CONFIG)).path("weights").path("sha256").asText("");
            return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
        } catch (CorruptFileException | NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void expect(Path file, JsonNode root, String field, String value) throws CorruptFileException {
        if (!value.equals(root.path(field).asText(null))) {
            throw new CorruptFileException(file, field, value, root.path(field).toString());
        }
    }
}
