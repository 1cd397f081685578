package org.rnn4j.models;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.io.Sha256;
import org.rnn4j.nn.Parameter;
import org.rnn4j.backend.Backend;
import org.rnn4j.tensor.DType;

/**
 * A saved model: a directory with {@code model.safetensors} (every parameter under its name, F32; the
 * recurrent layers' are PyTorch's {@code state_dict} names and layouts, e.g. {@code rnn.weight_ih_l0},
 * see {@link org.rnn4j.interop.RecurrentLayout}) and {@code config.json}: the model kind and config, every
 * tensor's name and shape, the SHA-256 of the weights file and the provenance (seed, rnn4j and oneDNN
 * versions, backend, Java version). Loading checks all of it before any weight is used.
 */
final class ModelFile {
    static final String WEIGHTS = "model.safetensors";
    static final String CONFIG = "config.json";
    private static final String FORMAT = "rnn4j-model";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {
    }

    /** Writes {@code directory/model.safetensors} and {@code directory/config.json} of {@code model} (each atomically). */
    static void save(Model<?> model, Path directory) throws IOException {
        save(directory, model.kind(), model.config(), model.parameterSeed(), model.backend(), model.parameters());
    }

    private static void save(Path directory, String kind, Record config, long seed, Backend backend,
                             List<Parameter> parameters) throws IOException {
        Files.createDirectories(directory);
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            tensors.put(p.name(), HostArray.ofFloats(p.value().toFloatArray(), p.shape().dims()));
        }
        Path weights = directory.resolve(WEIGHTS);
        SafeTensors.write(weights, tensors, Map.of("format", FORMAT, "model", kind));

        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("format_version", VERSION).put("model", kind);
        root.set("config", JSON.valueToTree(config));
        ObjectNode shapes = root.putObject("tensors");
        tensors.forEach((name, a) -> shapes.set(name, JSON.valueToTree(a.shape())));
        root.putObject("weights").put("file", WEIGHTS).put("sha256", sha256(weights));
        ObjectNode provenance = root.putObject("provenance");
        provenance.put("seed", seed).put("rnn4j_version", rnn4jVersion())
                .put("onednn_version", NativeLibrary.isAvailable() ? NativeLibrary.onednnVersion() : null)
                .put("backend", backend.name()).put("java_version", System.getProperty("java.version"));
        byte[] json = JSON.writeValueAsBytes(root);
        Path tmp = Files.createTempFile(directory, "." + CONFIG, ".tmp");
        try {
            Files.write(tmp, json);
            Files.move(tmp, directory.resolve(CONFIG), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
            return JSON.treeToValue(root.required("config"), type);
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
        Path weights = directory.resolve(WEIGHTS);
        JsonNode root = readJson(configFile);
        String digest = sha256(weights);
        if (!digest.equals(root.path("weights").path("sha256").asText())) {
            throw new CorruptFileException(weights, "content", "SHA-256 " + root.path("weights").path("sha256").asText()
                    + " (from " + CONFIG + ")", digest);
        }
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
        }
        for (Parameter p : parameters) {
            p.value().copyFrom(file.get(p.name()).floats());
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new CorruptFileException(file, "content", "JSON", String.valueOf(e.getOriginalMessage()));
        } catch (CharConversionException e) {                    // bytes Jackson took for UTF-32 but are not
            throw new CorruptFileException(file, "content", "JSON text", String.valueOf(e.getMessage()));
        }
    }

    private static void expect(Path file, JsonNode root, String field, String value) throws CorruptFileException {
        if (!value.equals(root.path(field).asText(null))) {
            throw new CorruptFileException(file, field, value, root.path(field).toString());
        }
    }

    static String sha256(Path file) throws IOException {
        return Sha256.ofFile(file);
    }

    /** This library's version, from the build. */
    static String rnn4jVersion() {
        try (InputStream in = ModelFile.class.getResourceAsStream("/org/rnn4j/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
