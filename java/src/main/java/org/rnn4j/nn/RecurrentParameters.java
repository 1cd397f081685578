package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.rnn4j.RnnConfig;
import org.rnn4j.interop.RecurrentLayout;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorArena;

/**
 * A recurrent layer's parameters, one tensor per name of {@link RecurrentLayout} ({@code weight_ih_l0},
 * {@code bias_hh_l1_reverse}, …) in PyTorch's layout, and the engine's view of them: an internal
 * {@link RnnWeights} (oneDNN's layouts) converted again whenever a parameter's {@link Tensor#version()}
 * changed since the last conversion, and an internal gradient {@link RnnWeights} the engine overwrites
 * and {@link #addEngineGradients()} adds to the parameters' gradients.
 */
final class RecurrentParameters {
    private final RnnConfig config;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();  // local name → parameter
    private final List<Parameter> parameters;
    private final RnnWeights engineWeights;
    private final RnnWeights engineGradients;
    private long convertedVersion = Long.MIN_VALUE;

    /** Uniform in ±1/sqrt(H) from {@code seed}, every tensor (PyTorch's default initialisation). */
    RecurrentParameters(String prefix, RnnConfig config, long seed, TensorArena arena) {
        this.config = config;
        double bound = 1.0 / Math.sqrt(config.hiddenSize());
        SplittableRandom random = new SplittableRandom(seed);
        List<Parameter> list = new ArrayList<>();
        for (Map.Entry<String, long[]> e : RecurrentLayout.shapes(config).entrySet()) {
            Shape shape = Shape.of(e.getValue());
            float[] values = new float[(int) shape.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            Parameter p = new Parameter(prefix + "." + e.getKey(), arena.of(values, e.getValue()), arena.zeros(shape));
            byName.put(e.getKey(), p);
            list.add(p);
        }
        this.parameters = List.copyOf(list);
        this.engineWeights = RnnWeights.zeros(config, arena);
        this.engineGradients = RnnWeights.zeros(config, arena);
    }

    List<Parameter> list() {
        return parameters;
    }

    /** The parameter called {@code name} ({@code weight_ih_l0}, without the layer's prefix). */
    Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("name must be one of " + byName.keySet() + ", got '" + name + "'");
        }
        return p;
    }

    /** The parameters of one layer and direction, by local name. */
    Map<String, Parameter> of(int layer, int direction) {
        if (layer < 0 || layer >= config.layers()) {
            throw new IllegalArgumentException("layer must be in [0, " + config.layers() + "), got " + layer);
        }
        if (direction < 0 || direction >= config.directions()) {
            throw new IllegalArgumentException("direction must be in [0, " + config.directions() + ") for "
                    + config.direction() + ", got " + direction);
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String name : RecurrentLayout.shapes(config, layer, direction).keySet()) {
            out.put(name, byName.get(name));
        }
        return out;
    }

    /**
     * The weights in the engine's layout, converted again if any parameter was written since the last
     * time. Synchronized: threads sharing the layer for inference convert once, never over each other.
     */
    synchronized RnnWeights engineWeights() {
        long version = version();
        if (version != convertedVersion) {
            Map<String, Tensor> values = new LinkedHashMap<>();
            byName.forEach((name, p) -> values.put(name, p.value()));
            RecurrentLayout.tensorsToEngine(values, engineWeights);
            convertedVersion = version;
        }
        return engineWeights;
    }

    /** Where the engine writes (overwrites) the weight gradients of one backward. */
    RnnWeights engineGradients() {
        return engineGradients;
    }

    /** Adds the engine's gradients, in PyTorch's layout, to every parameter's gradient. */
    void addEngineGradients() {
        Map<String, Tensor> into = new LinkedHashMap<>();
        byName.forEach((name, p) -> into.put(name, p.gradient()));
        RecurrentLayout.addGradients(engineGradients, into);
    }

    /** The newest version of any parameter value: it changes on every write into any of them. */
    private long version() {
        long v = Long.MIN_VALUE + 1;
        for (Parameter p : parameters) {
            v = Math.max(v, p.value().version());
        }
        return v;
    }
}
