package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * A trainable tensor with a name (e.g. {@code rnn.weights_layer}, {@code head.weight}) and its
 * gradient tensor of the same shape. Layers write gradients by adding to {@link #gradient()}, so a
 * training step zeroes them first ({@link #zeroGradient()}). Whoever writes into {@link #value()}
 * (an optimizer, a checkpoint load) calls {@link #changed()} afterwards, so that kernels caching a
 * re-laid-out copy (the recurrent weights) refresh it.
 *
 * <p>The tensors belong to the layer that made the parameter; closing that layer releases them.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor gradient;
    private final Runnable onChange;

    /**
     * @param onChange run by {@link #changed()}; for plain tensors a no-op
     */
    public Parameter(String name, Tensor value, Tensor gradient, Runnable onChange) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        gradient.shape().check("gradient of " + name, value.shape());
    }

    /** A parameter whose value is a plain tensor (no cached copies to refresh). */
    public Parameter(String name, Tensor value, Tensor gradient) {
        this(name, value, gradient, () -> { });
    }

    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor gradient() {
        return gradient;
    }

    public Shape shape() {
        return value.shape();
    }

    /** Number of elements. */
    public long size() {
        return value.size();
    }

    public void zeroGradient() {
        gradient.fillZero();
    }

    /** Declares that {@link #value()} was written to. */
    public void changed() {
        onChange.run();
    }

    @Override
    public String toString() {
        return "Parameter[" + name + " " + value.shape() + "]";
    }
}
