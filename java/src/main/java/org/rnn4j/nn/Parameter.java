package org.rnn4j.nn;

import java.util.Objects;

import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * A trainable tensor with a name (e.g. {@code rnn.weight_ih_l0}, {@code head.weight}) and its
 * gradient tensor of the same shape. Layers write gradients by adding to {@link #gradient()}, so a
 * training step zeroes them first ({@link #zeroGradient()}). Writes into {@link #value()} need no
 * declaring: every write gives the tensor a new {@link Tensor#version()}, which kernels caching a
 * re-laid-out copy (the recurrent weights) follow.
 *
 * <p>The tensors belong to the layer that made the parameter; closing that layer releases them.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor gradient;
    public Parameter(String name, Tensor value, Tensor gradient) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        gradient.shape().check("gradient of " + name, value.shape());
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

    @Override
    public String toString() {
        return "Parameter[" + name + " " + value.shape() + "]";
    }
}
