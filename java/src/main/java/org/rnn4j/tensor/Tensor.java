package org.rnn4j.tensor;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.rnn4j.backend.TensorMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dense, row-major, off-heap f32 tensor, released deterministically by {@link #close()}; any use
 * after that throws {@link IllegalStateException}.
 *
 * <p>Who owns it: a tensor made by the static factories ({@link #zeros}, {@link #of}, …) is a
 * temporary, owned by the innermost open {@link TensorScope} of its thread (else by the caller); a
 * tensor made by a {@link TensorArena} belongs to that arena (layers, models, optimizers and streams
 * each own one) and no scope ever adopts it.
 *
 * <p>Every write through this class or through rnn4j's kernels gives the tensor a new
 * {@link #version()}, so caches derived from its contents (the native engines' re-laid-out weights)
 * can never go stale.
 *
 * <p>Views ({@link #reshape}, {@link #steps}) share the memory, the version and the lifetime of the
 * tensor they come from.
 *
 * <p>Leak reports: a tensor that becomes unreachable without being closed is released by a
 * cleaner and logged at WARN; with {@code -Drnn4j.debugLeaks=true} the log includes the stack
 * trace of where the tensor was created.
 */
public final class Tensor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tensor.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean DEBUG_LEAKS = Boolean.getBoolean("rnn4j.debugLeaks");
    /** Fills uninitialized tensors with NaN (the tests do): their memory may be a released tensor's. */
    private static final boolean POISON_UNINITIALIZED = Boolean.getBoolean("rnn4j.poisonUninitialized");
    private static final AtomicLong STAMPS = new AtomicLong();
    private static final int PREVIEW = 8;

    static {
        TensorMemory.install(Tensor::memoryFor);
    }

    private final Shape shape;
    private final Memory memory;
    /**
     * This tensor's elements, at position 0: a view's pointer has its own address (base + offset), since
     * JavaCPP adds a pointer's position in bytes, not elements, where it passes it as {@code void*}.
     */
    private final FloatPointer pointer;
    private final Tensor base;
    private final Cleaner.Cleanable cleanable;
    Owner owner;

    /** Who releases a tensor: a scope or an arena. */
    interface Owner {
        void remove(Tensor tensor);
    }

    /** The native memory, separate from the Tensor so the cleaner can free it after the Tensor is gone. */
    private static final class Memory implements Runnable {
        final FloatPointer base;
        final Throwable creationSite;
        final String description;
        volatile boolean released;
        volatile long version = STAMPS.incrementAndGet();

        Memory(FloatPointer base, Throwable creationSite, String description) {
            this.base = base;
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
            TensorPool.release(base);
        }
    }

    private Tensor(Shape shape, boolean zeroed, TensorArena arena) {
        this.shape = Objects.requireNonNull(shape, "shape");
        long n = Math.max(1, shape.size());
        if (n > Long.MAX_VALUE / 4) {
            throw new IllegalArgumentException("tensor shape " + shape + " needs more than 2^63 bytes");
        }
        FloatPointer p = TensorPool.allocate(n);
        if (p.isNull()) {
            throw new OutOfMemoryError("cannot allocate " + n * 4 + " bytes of native memory for tensor " + shape);
        }
        if (zeroed) {
            p.zero();
        } else if (POISON_UNINITIALIZED) {
            p.fill(0xFF); // every float NaN: code that reads before it writes shows up in the tests
        }
        this.memory = new Memory(p, DEBUG_LEAKS ? new Throwable("tensor created here") : null, "F32" + shape);
        this.pointer = p;
        this.base = null;
        this.cleanable = CLEANER.register(this, memory);
        if (arena != null) {
            arena.add(this);
        } else {
            TensorScope.adopt(this);
        }
    }

    /** A view of {@code of}'s elements [offset, offset + shape.size()). */
    private Tensor(Tensor of, long offset, Shape shape) {
        this.shape = shape;
        this.memory = of.memory;
        this.base = of.base != null ? of.base : of;
        this.pointer = of.pointer.getPointer(offset);
        this.cleanable = null;
    }

    static Tensor create(Shape shape, boolean zeroed, TensorArena arena) {
        return new Tensor(shape, zeroed, arena);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, true, null);
    }

    public static Tensor zeros(long... dims) {
        return new Tensor(Shape.of(dims), true, null);
    }

    /** A tensor whose contents are undefined until written: for buffers a kernel overwrites entirely. */
    public static Tensor uninitialized(Shape shape) {
        return new Tensor(shape, false, null);
    }

    /** A tensor holding a copy of {@code data}, whose length must equal the shape's size. */
    public static Tensor of(float[] data, long... dims) {
        return fill(new Tensor(checkedShape(data, dims), false, null), data);
    }

    /** A [rows, columns] tensor holding a copy of {@code rows} (every row of the same length). */
    public static Tensor of(float[][] rows) {
        return of(NestedArrays.flatten(rows), NestedArrays.dims(rows));
    }

    /** A [d0, d1, d2] tensor holding a copy of {@code blocks} (e.g. [T][N][I]; every block of one shape). */
    public static Tensor of(float[][][] blocks) {
        return of(NestedArrays.flatten(blocks), NestedArrays.dims(blocks));
    }

    /**
     * A tensor holding {@code data} as f32 (labels, ids, counts): every value must be exactly
     * representable, i.e. within ±2^24.
     */
    public static Tensor ofInts(int[] data, long... dims) {
        return of(exactFloats(data), dims);
    }

    static Shape checkedShape(float[] data, long... dims) {
        Shape shape = Shape.of(dims);
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape " + shape + " needs "
                    + shape.size());
        }
        return shape;
    }

    static float[] exactFloats(int[] data) {
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            if (Math.abs((long) data[i]) > (1 << 24)) {
                throw new IllegalArgumentException("data[" + i + "] must be within ±2^24 to be exact in f32, got " + data[i]);
            }
            values[i] = data[i];
        }
        return values;
    }

    static Tensor fill(Tensor t, float[] data) {
        t.pointer.put(data);
        return t;
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

    /**
     * A stamp of the current contents, unique across all tensors: it changes on every write through
     * this class, a view of it, or one of rnn4j's kernels.
     */
    public long version() {
        return memory.version;
    }

    /** A copy of the elements. */
    public float[] toFloatArray() {
        checkOpen();
        if (shape.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor " + shape + " is too large for a Java array");
        }
        float[] out = new float[(int) shape.size()];
        pointer.get(out);
        return out;
    }

    /** A copy of a rank-2 tensor's elements as rows. */
    public float[][] toFloatArray2() {
        requireRank(2);
        return NestedArrays.rows(toFloatArray(), (int) shape.dim(0), (int) shape.dim(1));
    }

    /** A copy of a rank-3 tensor's elements (e.g. [T][N][I]). */
    public float[][][] toFloatArray3() {
        requireRank(3);
        return NestedArrays.blocks(toFloatArray(), (int) shape.dim(0), (int) shape.dim(1), (int) shape.dim(2));
    }

    private void requireRank(int rank) {
        if (shape.rank() != rank) {
            throw new IllegalStateException("tensor must have rank " + rank + ", got shape " + shape);
        }
    }

    /** Overwrites the elements with {@code data} (same size). */
    public Tensor copyFrom(float[] data) {
        checkOpen();
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data has " + data.length + " elements, tensor " + shape + " has " + shape.size());
        }
        written().put(data);
        return this;
    }

    /** Overwrites the elements with those of {@code other} (same shape). */
    public Tensor copyFrom(Tensor other) {
        checkOpen();
        other.checkOpen();
        other.shape.check("source tensor", shape);
        Pointer.memcpy(written(), other.pointer, shape.size() * 4);
        return this;
    }

    public float get(long index) {
        checkOpen();
        Objects.checkIndex(index, shape.size());
        return pointer.get(index);
    }

    public Tensor set(long index, float value) {
        checkOpen();
        Objects.checkIndex(index, shape.size());
        written().put(index, value);
        return this;
    }

    /** Sets every element to zero. */
    public Tensor fillZero() {
        checkOpen();
        Pointer.memset(written(), 0, shape.size() * 4);
        return this;
    }

    /** A view of the same elements with another shape of the same size. */
    public Tensor reshape(long... dims) {
        checkOpen();
        Shape to = Shape.of(dims);
        if (to.size() != shape.size()) {
            throw new IllegalArgumentException("reshape of " + shape + " (" + shape.size() + " elements) needs a shape of "
                    + shape.size() + " elements, got " + to);
        }
        return new Tensor(this, 0, to);
    }

    /**
     * A view of the entries [from, to) along the first dimension: for a time-major [T, N, ...] tensor,
     * steps from ≤ t &lt; to.
     */
    public Tensor steps(long from, long to) {
        checkOpen();
        if (shape.rank() == 0) {
            throw new IllegalStateException("a scalar tensor has no first dimension to take a range of");
        }
        if (from < 0 || to > shape.dim(0) || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") must lie within [0, " + shape.dim(0)
                    + "] of the first dimension of " + shape);
        }
        long[] dims = shape.dims();
        long row = shape.dim(0) == 0 ? 0 : shape.size() / shape.dim(0);
        dims[0] = to - from;
        return new Tensor(this, from * row, Shape.of(dims));
    }

    /**
     * A copy (a new temporary) of the entries [from, to) along the second dimension: for a time-major
     * [T, N, ...] tensor, sequences from ≤ n &lt; to of every step.
     */
    public Tensor sequences(long from, long to) {
        checkOpen();
        if (shape.rank() < 2) {
            throw new IllegalStateException("a range of sequences needs a tensor of rank >= 2, got shape " + shape);
        }
        long n = shape.dim(1);
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") must lie within [0, " + n
                    + "] of the second dimension of " + shape);
        }
        long rest = n == 0 ? 0 : shape.size() / (shape.dim(0) * n);
        long[] dims = shape.dims();
        dims[1] = to - from;
        Tensor out = uninitialized(Shape.of(dims));
        long width = (to - from) * rest;
        for (long t = 0; t < shape.dim(0); t++) {
            Pointer.memcpy(out.pointer.getPointer(t * width), pointer.getPointer((t * n + from) * rest), width * 4);
        }
        return out;
    }

    /** The elements' pointer after stamping a new version: the caller is about to write. */
    private FloatPointer written() {
        memory.version = STAMPS.incrementAndGet();
        return pointer;
    }

    private static FloatPointer memoryFor(Tensor t, boolean write) {
        Objects.requireNonNull(t, "tensor");
        t.checkOpen();
        return write ? t.written() : t.pointer;
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

    /**
     * Releases the native memory now (and removes the tensor from its scope or arena). Idempotent.
     * Closing a view closes nothing: its memory belongs to the tensor it views.
     */
    @Override
    public void close() {
        if (base != null) {
            return;
        }
        if (owner != null) {
            owner.remove(this);
            owner = null;
        }
        release();
    }

    /** The shape and a preview of the first elements, e.g. {@code Tensor[2, 3] f32 [0.1, 0.2, …]}. */
    @Override
    public String toString() {
        if (memory.released) {
            return "Tensor" + shape + " (closed)";
        }
        int shown = (int) Math.min(shape.size(), PREVIEW);
        float[] head = new float[shown];
        pointer.get(head);
        String values = Arrays.toString(head);
        return "Tensor" + shape + " f32 " + (shape.size() > shown ? values.replace("]", ", …]") : values);
    }
}
