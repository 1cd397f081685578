package org.rnn4j.backend;

import java.util.Objects;
import java.util.function.BiFunction;

import org.bytedeco.javacpp.FloatPointer;
import org.rnn4j.tensor.Tensor;

/**
 * The native memory of a {@link Tensor}, for rnn4j's backends only (not API): a kernel reads through
 * {@link #read} and writes through {@link #write}, which gives the tensor a new
 * {@link Tensor#version()} so every cache derived from its contents is refreshed. Each pointer is
 * valid until the tensor is closed.
 */
public final class TensorMemory {
    private static BiFunction<Tensor, Boolean, FloatPointer> access;

    private TensorMemory() {
    }

    /** Called once, by {@link Tensor}'s class initializer. */
    public static synchronized void install(BiFunction<Tensor, Boolean, FloatPointer> tensorAccess) {
        if (access != null) {
            throw new IllegalStateException("tensor memory access is installed once, by Tensor");
        }
        access = Objects.requireNonNull(tensorAccess, "tensorAccess");
    }

    /** The elements, for reading. */
    public static FloatPointer read(Tensor tensor) {
        return access.apply(tensor, false);
    }

    /** The elements, for writing: stamps a new version first. */
    public static FloatPointer write(Tensor tensor) {
        return access.apply(tensor, true);
    }

    /** {@link #read}, or null for a null tensor. */
    public static FloatPointer readOrNull(Tensor tensor) {
        return tensor == null ? null : read(tensor);
    }

    /** {@link #write}, or null for a null tensor. */
    public static FloatPointer writeOrNull(Tensor tensor) {
        return tensor == null ? null : write(tensor);
    }
}
