package org.rnn4j.tensor;

import java.util.Optional;

/** Element types of tensors and of the {@code .npy} and {@code .safetensors} files rnn4j reads and writes (rnn4j computes in F32). */
public enum DType {
    /** 32-bit IEEE-754 float. */
    F32(4, "F32", "<f4"),
    /** 64-bit IEEE-754 float. */
    F64(8, "F64", "<f8"),
    /** 32-bit two's-complement integer. */
    I32(4, "I32", "<i4"),
    /** 64-bit two's-complement integer. */
    I64(8, "I64", "<i8");

    private final int size;
    private final String safetensorsName;
    private final String npyDescr;

    DType(int size, String safetensorsName, String npyDescr) {
        this.size = size;
        this.safetensorsName = safetensorsName;
        this.npyDescr = npyDescr;
    }

    /** Size of one element in bytes. */
    public int size() {
        return size;
    }

    /** The {@code "dtype"} string used in safetensors headers, e.g. {@code "F32"}. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** The little-endian numpy {@code descr} string, e.g. {@code "<f4"}. */
    public String npyDescr() {
        return npyDescr;
    }

    /** The dtype whose {@link #safetensorsName()} equals {@code name} exactly, if supported. */
    public static Optional<DType> fromSafetensorsName(String name) {
        for (DType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The dtype whose {@link #npyDescr()} equals {@code descr} exactly, if supported. */
    public static Optional<DType> fromNpyDescr(String descr) {
        for (DType t : values()) {
            if (t.npyDescr.equals(descr)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
