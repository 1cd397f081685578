package org.rnn4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.Tensor;

/**
 * Named f32 tensors as plain arrays, in a fixed order: how parameters and optimizer state travel between
 * the driver and the executors (a broadcast, a task's result). Only names, shapes and floats are
 * serialised, never a native handle. Immutable once made (the arrays are not handed out for writing).
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

    /** The current values of {@code named} (e.g. an optimizer's state), in its order, copied. */
    static FlatTensors of(Map<String, Tensor> named) {
        int n = named.size();
        String[] names = new String[n];
        long[][] shapes = new long[n][];
        float[][] values = new float[n][];
        int i = 0;
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            names[i] = e.getKey();
            shapes[i] = e.getValue().shape().dims();
            values[i] = e.getValue().toFloatArray();
            i++;
        }
        return new FlatTensors(names, shapes, values);
    }

    /** Tensors named and shaped as {@code like}, with the values {@code sums[i][j] / count} rounded to f32. */
    static FlatTensors mean(FlatTensors like, double[][] sums, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("a mean needs count > 0, got " + count);
        }
        float[][] values = new float[like.values.length][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[like.values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                values[i][j] = (float) (sums[i][j] / count);
            }
        }
        return new FlatTensors(like.names, like.shapes, values);
    }

    /** Tensors of the current values of {@code tensors}, under the names and shapes of {@code like}. */
    static FlatTensors valuesLike(FlatTensors like, List<Tensor> tensors) {
        if (tensors.size() != like.names.length) {
            throw new IllegalArgumentException("expected " + like.names.length + " tensors, got " + tensors.size());
        }
        float[][] values = new float[tensors.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensors.get(i).toFloatArray();
        }
        return new FlatTensors(like.names, like.shapes, values);
    }

    /** Tensors. */
    int size() {
        return names.length;
    }

    /** The values of tensor {@code i} (not to be written). */
    float[] values(int i) {
        return values[i];
    }

    /**
     * Writes these values into the tensors of {@code named}, matched by name and shape.
     *
     * @throws IllegalArgumentException if the names or shapes differ
     */
    void copyInto(Map<String, Tensor> named) {
        if (named.size() != names.length) {
            throw new IllegalArgumentException("expected " + names.length + " tensors " + Arrays.toString(names)
                    + ", got " + named.keySet());
        }
        for (int i = 0; i < names.length; i++) {
            Tensor t = named.get(names[i]);
            if (t == null || !Arrays.equals(t.shape().dims(), shapes[i])) {
                throw new IllegalArgumentException("tensor " + names[i] + ": expected " + Arrays.toString(shapes[i])
                        + ", got " + (t == null ? "none" : Arrays.toString(t.shape().dims())));
            }
            t.copyFrom(values[i]);
        }
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
