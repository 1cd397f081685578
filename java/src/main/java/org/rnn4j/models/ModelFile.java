package org.rnn4j.models;

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
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.interop.TorchCell;
import org.rnn4j.interop.TorchRnnLayout;
import org.rnn4j.io.CorruptFileException;
import org.rnn4j.io.HostArray;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.io.Sha256;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * A saved model: a directory with {@code model.safetensors} (every parameter, F32; the recurrent layers
 * under PyTorch's {@code state_dict} names, e.g. {@code rnn.weight_ih_l0}, where PyTorch has the same
 * module — see {@link TorchRnnLayout} — else under rnn4j's, e.g. {@code rnn.weights_layer}) and
 * {@code config.json}: the model kind and config, the layout of each recurrent layer, every tensor's
 * name and shape, the SHA-256 of the weights file and the provenance (seed, rnn4j and oneDNN versions,
 * backend, Java version). Loading checks all of it before any weight is used.
 */
final class ModelFile {
    static final String WEIGHTS = "model.safetensors";
    static final String CONFIG = "config.json";
    private static final String FORMAT = "rnn4j-model";
    private static final int VERSION = 1;
    private static final String PYTORCH = "pytorch";
    private static final String RNN4J = "rnn4j";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {
    }

    /** Writes {@code directory/model.safetensors} and {@code directory/config.json} (each atomically). */
    static void save(Path directory, String kind, Record config, long seed, Backend backend,
                     List<Parameter> parameters, List<Recurrent> recurrents) throws IOException {
        Files.createDirectories(directory);
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        ObjectNode layouts = JSON.createObjectNode();
        for (Recurrent r : recurrents) {
            layouts.put(r.name(), torchExportable(r.config()) ? PYTORCH : RNN4J);
        }
        for (Parameter p : parameters) {
            Recurrent owner = owner(p, recurrents);
            if (owner == null || !torchExportable(owner.config())) {
                tensors.put(p.name(), HostArray.ofFloats(p.value().toFloatArray(), p.shape().dims()));
            }
        }
        for (Recurrent r : recurrents) {
            if (torchExportable(r.config())) {
                TorchRnnLayout.exportWeights(r.weights()).forEach((name, a) -> tensors.put(r.name() + "." + name, a));
            }
        }
        Path weights = directory.resolve(WEIGHTS);
        SafeTensors.write(weights, tensors, Map.of("format", FORMAT, "model", kind));

        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("format_version", VERSION).put("model", kind);
        root.set("config", JSON.valueToTree(config));
        root.set("recurrent_layouts", layouts);
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

    /** Reads and checks {@code config.json}: format, version, model kind, and the config itself. */
    static <C extends Record> C config(Path directory, String kind, Class<C> type) throws IOException {
        Path file = directory.resolve(CONFIG);
        JsonNode root = readJson(file);
        expect(file, root, "format", FORMAT);
        if (root.path("format_version").asInt(-1) != VERSION) {
            throw new CorruptFileException(file, "format_version", Integer.toString(VERSION),
                    root.path("format_version").toString());
        }
        expect(file, root, "model", kind);
        try {
            return JSON.treeToValue(root.required("config"), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CorruptFileException(file, "config", "a valid " + type.getSimpleName(),
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /**
     * Checks {@code model.safetensors} against {@code config.json} (SHA-256, tensor names and shapes) and
     * against the freshly built model (every parameter present with its shape, no other tensor), then
     * copies the weights into the model's parameters.
     */
    /**
     * Creates a model of {@code kind} from the config saved in {@code directory} and restores its
     * parameters; the model is closed again if anything is wrong with the files.
     */
    static <C extends Record, M> M load(Path directory, String kind, Class<C> type, Backend backend,
                                        BiFunction<C, Backend, M> create, Function<M, List<Parameter>> parameters,
                                        Function<M, List<Recurrent>> recurrents, Consumer<M> close) throws IOException {
        M model = create.apply(config(directory, kind, type), backend);
        try {
            restore(directory, parameters.apply(model), recurrents.apply(model));
            return model;
        } catch (IOException | RuntimeException e) {
            close.accept(model);
            throw e;
        }
    }

    static void restore(Path directory, List<Parameter> parameters, List<Recurrent> recurrents) throws IOException {
        Path configFile = directory.resolve(CONFIG);
        Path weights = directory.resolve(WEIGHTS);
        JsonNode root = readJson(configFile);
        String digest = sha256(weights);
        if (!digest.equals(root.path("weights").path("sha256").asText())) {
            throw new CorruptFileException(weights, "content", "SHA-256 " + root.path("weights").path("sha256").asText()
                    + " (from " + CONFIG + ")", digest);
        }
        SafeTensorsFile file = SafeTensors.read(weights);
        Map<String, long[]> expected = expectedShapes(parameters, recurrents);
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
            if (file.contains(p.name())) {
                p.value().copyFrom(file.get(p.name()).floats());
            }
        }
        for (Recurrent r : recurrents) {
            if (torchExportable(r.config())) {
                importTorch(r, file);
            }
        }
    }

    private static void importTorch(Recurrent r, SafeTensorsFile file) {
        Map<String, HostArray> stateDict = new LinkedHashMap<>();
        file.asMap().forEach((name, a) -> {
            if (name.startsWith(r.name() + ".")) {
                stateDict.put(name.substring(r.name().length() + 1), a);
            }
        });
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights imported = TorchRnnLayout.importStateDict(TorchCell.of(r.config().cell()), stateDict);
            RnnConfig expected = r.config().toBuilder().dropout(0).build();
            imported.check(r.name(), expected);
            Map<String, Tensor> into = r.weights().tensors();
            imported.tensors().forEach((name, t) -> into.get(name).copyFrom(t));
        }
    }

    /** The file's tensor names and shapes for this model. */
    private static Map<String, long[]> expectedShapes(List<Parameter> parameters, List<Recurrent> recurrents) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Recurrent owner = owner(p, recurrents);
            if (owner == null || !torchExportable(owner.config())) {
                out.put(p.name(), p.shape().dims());
            }
        }
        for (Recurrent r : recurrents) {
            if (torchExportable(r.config())) {
                TorchRnnLayout.stateDictShapes(r.config()).forEach((name, shape) -> out.put(r.name() + "." + name, shape));
            }
        }
        return out;
    }

    private static Recurrent owner(Parameter p, List<Recurrent> recurrents) {
        for (Recurrent r : recurrents) {
            if (r.parameters().contains(p)) {
                return r;
            }
        }
        return null;
    }

    /** Whether PyTorch has the same module (see {@link TorchRnnLayout}). */
    static boolean torchExportable(RnnConfig c) {
        boolean cell = switch (c.cell()) {
            case LSTM, LBR_GRU, RNN_TANH, RNN_RELU -> true;
            default -> false;
        };
        return cell && !c.hasPeephole()
                && (c.direction() == Direction.LEFT_TO_RIGHT || c.direction() == Direction.BIDIRECTIONAL_CONCAT);
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new CorruptFileException(file, "content", "JSON", String.valueOf(e.getOriginalMessage()));
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
