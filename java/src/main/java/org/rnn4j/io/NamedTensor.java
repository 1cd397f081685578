package org.rnn4j.io;

import java.util.Objects;

/**
 * A tensor of a safetensors file: its name and its data.
 *
 * @param name  the tensor's key in the file's header
 * @param array the tensor's dtype, shape and elements
 */
public record NamedTensor(String name, HostArray array) {
    /** Checks both parts are non-null. */
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(array, "array");
    }

    /** E.g. {@code weight: F32[2, 3] [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]}. */
    @Override
    public String toString() {
        return name + ": " + array;
    }
}
