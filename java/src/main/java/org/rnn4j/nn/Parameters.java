package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rnn4j.tensor.Tensor;

/** Helpers over lists of parameters. */
public final class Parameters {
    private Parameters() {
    }

    /** The parameters of every layer, in order; names must be unique. */
    public static List<Parameter> of(Layer... layers) {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        checkUnique(all);
        return List.copyOf(all);
    }

    /** The parameters of several lists, in order; names must be unique. */
    @SafeVarargs
    public static List<Parameter> join(List<Parameter>... lists) {
        List<Parameter> all = new ArrayList<>();
        for (List<Parameter> list : lists) {
            all.addAll(list);
        }
        checkUnique(all);
        return List.copyOf(all);
    }

    /** Their gradient tensors, in order. */
    public static List<Tensor> gradients(List<Parameter> parameters) {
        List<Tensor> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            out.add(p.gradient());
        }
        return out;
    }

    /** Zeroes every gradient. */
    public static void zeroGradients(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            p.zeroGradient();
        }
    }

    /** Total number of elements. */
    public static long count(List<Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    static void close(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            p.value().close();
            p.gradient().close();
        }
    }

    private static void checkUnique(List<Parameter> parameters) {
        Set<String> seen = new HashSet<>();
        for (Parameter p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("parameter names must be unique, '" + p.name() + "' appears twice");
            }
        }
    }
}
