package org.rnn4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.Tensor;

/**
 * Named f32 tensors as plain arrays, in a fixed order: how parameters travel from the driver to the
 * executors (a broadcast). Only names, shapes and floats are serialised, never a native handle.
 * Immutable once made (the arrays are not handed out for writing).
 */
final class FlatTensors implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final long[][] shapes;
    private final float[][] values;

    private FlatTensors(String[] names, long[][] shapes, float[][] values) {
        this.names = names;
        this.shapes = shapes;
        this.values = values;
    }

    /** The current values of {@code parameters}, copied. */
    static FlatTensors values(List<Parameter> parameters) {
        return of(parameters, Parameter::value);
    }

    private static FlatTensors of(List<Parameter> parameters, Function<Parameter, Tensor> tensor) {
        int n = parameters.size();
        String[] names = new String[n];
        long[][] shapes = new long[n][];
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            Parameter p = parameters.get(i);
            names[i] = p.name();
            shapes[i] = p.shape().dims();
            values[i] = tensor.apply(p).toFloatArray();
        }
        return new FlatTensors(names, shapes, values);
    }

    /**
     * Writes these values into {@code parameters}' values.
     *
     * @throws IllegalArgumentException if the names or shapes differ (another model)
     */
    void copyInto(List<Parameter> parameters) {
        if (parameters.size() != names.length) {
            throw new IllegalArgumentException("expected " + names.length + " parameters " + Arrays.toString(names)
                    + ", got " + parameters.size());
        }
        for (int i = 0; i < names.length; i++) {
            Parameter p = parameters.get(i);
            if (!p.name().equals(names[i]) || !Arrays.equals(p.shape().dims(), shapes[i])) {
                throw new IllegalArgumentException("parameter " + i + ": expected " + names[i]
                        + Arrays.toString(shapes[i]) + ", got " + p.name() + Arrays.toString(p.shape().dims()));
            }
            p.value().copyFrom(values[i]);
        }
    }

    /** Number of f32 elements. */
    long elements() {
        long n = 0;
        for (float[] v : values) {
            n += v.length;
        }
        return n;
    }
}
