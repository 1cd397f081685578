package org.rnn4j.tensor;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Objects;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dense, row-major, off-heap f32 tensor. It is owned by the innermost open {@link TensorScope}
 * when created (else by the caller) and released deterministically by {@link #close()}; any use
 * after that throws {@link IllegalStateException}.
 *
 * <p>Leak reports: a tensor that becomes unreachable without being closed is released by a
 * cleaner and logged at WARN; with {@code -Drnn4j.debugLeaks=true} the log includes the stack
 * trace of where the tensor was created.
 */
public final class Tensor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tensor.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean DEBUG_LEAKS = Boolean.getBoolean("rnn4j.debugLeaks");

    private final Shape shape;
    private final Memory memory;
    private final Cleaner.Cleanable cleanable;
    TensorScope owner;

    /** The native memory, separate from the Tensor so the cleaner can free it after the Tensor is gone. */
    private static final class Memory implements Runnable {
        final FloatPointer pointer;
        final Throwable creationSite;
        final String description;
        volatile boolean released;

        Memory(FloatPointer pointer, Throwable creationSite, String description) {
            this.pointer = pointer;
            this.creationSite = creationSite;
            this.description = description;
        }

        @Override
        public void run() {
            if (!released) {
                released = true;
                LOG.warn("leaked tensor {} was never closed; released by the garbage collector{}", description,
                        creationSite == null ? " (run with -Drnn4j.debugLeaks=true to see where it was created)" : "",
                        creationSite);
            }
            pointer.deallocate();
        }
    }

    private Tensor(Shape shape, boolean zeroed) {
        this.shape = Objects.requireNonNull(shape, "shape");
        long n = Math.max(1, shape.size());
        FloatPointer p = new FloatPointer(n);
        if (p.isNull()) {
            throw new OutOfMemoryError("cannot allocate " + n * 4 + " bytes of native memory for tensor " + shape);
        }
        if (zeroed) {
            p.zero();
        }
        this.memory = new Memory(p, DEBUG_LEAKS ? new Throwable("tensor created here") : null, "F32" + shape);
        this.cleanable = CLEANER.register(this, memory);
        TensorScope.adopt(this);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, true);
    }

    public static Tensor zeros(long... dims) {
        return new Tensor(Shape.of(dims), true);
    }

    /** A tensor whose contents are undefined until written: for buffers a kernel overwrites entirely. */
    public static Tensor uninitialized(Shape shape) {
        return new Tensor(shape, false);
    }

    /** A tensor holding a copy of {@code data}, whose length must equal the shape's size. */
    public static Tensor of(float[] data, long... dims) {
        Shape shape = Shape.of(dims);
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape " + shape + " needs "
                    + shape.size());
        }
        Tensor t = new Tensor(shape, false);
        t.memory.pointer.put(data);
        return t;
    }

    /**
     * A tensor holding {@code data} as f32 (labels, ids, counts): every value must be exactly
     * representable, i.e. within ±2^24.
     */
    public static Tensor ofInts(int[] data, long... dims) {
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            if (Math.abs((long) data[i]) > (1 << 24)) {
                throw new IllegalArgumentException("data[" + i + "] must be within ±2^24 to be exact in f32, got " + data[i]);
            }
            values[i] = data[i];
        }
        return of(values, dims);
    }

    /** The elements as ints; each must be a whole number within the int range. */
    public int[] toIntArray() {
        float[] values = toFloatArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalStateException("element " + i + " is not a whole number within the int range: " + v);
            }
            out[i] = (int) v;
        }
        return out;
    }

    public Shape shape() {
        return shape;
    }

    public DType dtype() {
        return DType.F32;
    }

    public long size() {
        return shape.size();
    }

    public boolean isClosed() {
        return memory.released;
    }

    /** A copy of the elements. */
    public float[] toFloatArray() {
        checkOpen();
        if (shape.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor " + shape + " is too large for a Java array");
        }
        float[] out = new float[(int) shape.size()];
        memory.pointer.position(0).get(out);
        return out;
    }

    /** Overwrites the elements with {@code data} (same size). */
    public Tensor copyFrom(float[] data) {
        checkOpen();
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data has " + data.length + " elements, tensor " + shape + " has " + shape.size());
        }
        memory.pointer.position(0).put(data);
        return this;
    }

    /** Overwrites the elements with those of {@code other} (same shape). */
    public Tensor copyFrom(Tensor other) {
        checkOpen();
        other.shape.check("source tensor", shape);
        Pointer.memcpy(memory.pointer, other.pointer(), shape.size() * 4);
        return this;
    }

    public float get(long index) {
        checkOpen();
        Objects.checkIndex(index, shape.size());
        return memory.pointer.get(index);
    }

    public Tensor set(long index, float value) {
        checkOpen();
        Objects.checkIndex(index, shape.size());
        memory.pointer.put(index, value);
        return this;
    }

    /** Sets every element to zero. */
    public Tensor fillZero() {
        checkOpen();
        memory.pointer.position(0).zero();
        return this;
    }

    /** The native memory, for rnn4j's backends only: valid until this tensor is closed. */
    public FloatPointer pointer() {
        checkOpen();
        return memory.pointer.position(0);
    }

    private void checkOpen() {
        if (memory.released) {
            throw new IllegalStateException("tensor " + shape + " is closed");
        }
    }

    void release() {
        if (!memory.released) {
            memory.released = true;
            cleanable.clean();
        }
    }

    /** Releases the native memory now (and removes the tensor from its scope). Idempotent. */
    @Override
    public void close() {
        if (owner != null) {
            owner.detach(this);
        }
        release();
    }

    @Override
    public String toString() {
        if (memory.released) {
            return "Tensor" + shape + "(closed)";
        }
        int shown = (int) Math.min(shape.size(), 8);
        float[] head = new float[shown];
        memory.pointer.position(0).get(head);
        String values = Arrays.toString(head);
        return "Tensor" + shape + " f32 " + (shape.size() > shown ? values.replace("]", ", ...]") : values);
    }
}
