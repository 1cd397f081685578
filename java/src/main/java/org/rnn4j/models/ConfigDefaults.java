package org.rnn4j.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.rnn4j.Precision;
import org.rnn4j.nn.RecurrentSpec;

/**
 * Fills in the config fields added after a model file was written, with the value that file meant, before the
 * config is read strictly (every creator property required): a {@link RecurrentSpec} without {@code precision}
 * was written before precisions existed and is {@link Precision#F32}.
 */
final class ConfigDefaults {
    private ConfigDefaults() {
    }

    /** {@code config} with the missing fields filled in (in place; returned for chaining). */
    static JsonNode fill(JsonNode config) {
        if (config instanceof ObjectNode object) {
            if (isRecurrentSpec(object) && !object.has("precision")) {
                object.put("precision", Precision.F32.name());
            }
            object.forEach(ConfigDefaults::fill);
        } else if (config != null && config.isArray()) {
            config.forEach(ConfigDefaults::fill);
        }
        return config;
    }

    /** The fields only a RecurrentSpec has together. */
    private static boolean isRecurrentSpec(ObjectNode node) {
        return node.has("cell") && node.has("hiddenSize") && node.has("projectionSize") && node.has("hasPeephole");
    }
}
